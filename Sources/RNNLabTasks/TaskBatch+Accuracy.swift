extension TaskBatch {
  /// Counts how many predicted classes are right on the steps that count for
  /// accuracy; `nil` for regression targets, which have no accuracy.
  ///
  /// `predictedClasses` has the layout of the labels: `[B]` for `.classes`,
  /// `[T][B]` for `.sequenceClasses` (typically the argmax of the logits).
  /// Add the tallies of all evaluation batches, then read `accuracy`.
  public func accuracyTally(predictedClasses: [Int32]) -> AccuracyTally? {
    switch targets {
    case .regression:
      return nil
    case .classes(let labels):
      precondition(predictedClasses.count == labels.count, "predictions must be [B]")
      var correct = 0
      for (label, predicted) in zip(labels, predictedClasses) where label == predicted {
        correct += 1
      }
      return AccuracyTally(correct: correct, scored: labels.count)
    case .sequenceClasses(let labels, _, let accuracyMask):
      precondition(predictedClasses.count == labels.count, "predictions must be [T][B]")
      var correct = 0
      var scored = 0
      for index in labels.indices where accuracyMask[index] != 0 {
        scored += 1
        if labels[index] == predictedClasses[index] { correct += 1 }
      }
      return AccuracyTally(correct: correct, scored: scored)
    }
  }
}
