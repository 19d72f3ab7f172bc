import RNNLabEngine
import RNNLabTasks

/// The loss of one batch under its task's target kind, with the gradient for
/// backward and the counts that averages over several batches need.
///
/// - `regression` targets: mean squared error over every element (`[B][O]`).
/// - `classes`: softmax cross-entropy of the `[B][O]` logits.
/// - `sequenceClasses`: softmax cross-entropy of the `[T][B][O]` logits,
///   averaged over the steps whose loss mask is 1; accuracy counts only the
///   steps of the accuracy mask (for `copy`, the recalled symbols).
struct BatchLoss {
  /// The mean loss of the batch.
  let value: Double
  /// ∂loss/∂output, the output's shape.
  let dOutput: [Float]
  /// How many terms `value` averages (elements for MSE, scored rows for
  /// cross-entropy): the weight of this batch in a mean over batches.
  let terms: Int
  /// Right and scored predictions; nil for regression.
  let accuracy: AccuracyTally?

  /// The loss of `output` (the model's output for `batch`) against the batch's targets.
  init(output: [Float], batch: TaskBatch) {
    switch batch.targets {
    case .regression(let targets):
      let loss = Loss.meanSquaredError(output: output, target: targets)
      self.init(value: loss.value, dOutput: loss.dOutput, terms: targets.count, accuracy: nil)
    case .classes(let labels):
      let loss = Loss.softmaxCrossEntropy(
        logits: output, targets: labels.map(Int.init), classes: batch.outputSize)
      let predicted = Self.argmaxRows(output, classes: batch.outputSize)
      self.init(
        value: loss.value, dOutput: loss.dOutput, terms: loss.counted,
        accuracy: batch.accuracyTally(predictedClasses: predicted))
    case .sequenceClasses(let labels, let lossMask, _):
      let loss = Loss.softmaxCrossEntropy(
        logits: output, targets: labels.map(Int.init), classes: batch.outputSize,
        mask: lossMask.map { $0 != 0 })
      let predicted = Self.argmaxRows(output, classes: batch.outputSize)
      self.init(
        value: loss.value, dOutput: loss.dOutput, terms: loss.counted,
        accuracy: batch.accuracyTally(predictedClasses: predicted))
    }
  }

  private init(value: Double, dOutput: [Float], terms: Int, accuracy: AccuracyTally?) {
    self.value = value
    self.dOutput = dOutput
    self.terms = terms
    self.accuracy = accuracy
  }

  /// The same loss for the float64 gradient-flow probe.
  static func flowObjective(for batch: TaskBatch) -> FlowObjective {
    switch batch.targets {
    case .regression(let targets): .meanSquaredError(target: targets)
    case .classes(let labels):
      .softmaxCrossEntropy(targets: labels.map(Int.init), classes: batch.outputSize, mask: nil)
    case .sequenceClasses(let labels, let lossMask, _):
      .softmaxCrossEntropy(targets: labels.map(Int.init), classes: batch.outputSize, mask: lossMask.map { $0 != 0 })
    }
  }

  /// The index of the largest logit of each `classes`-wide row (the first on ties).
  static func argmaxRows(_ logits: [Float], classes: Int) -> [Int32] {
    let rows = logits.count / classes
    return (0..<rows).map { row in
      var best = 0
      for column in 1..<classes where logits[row * classes + column] > logits[row * classes + best] {
        best = column
      }
      return Int32(best)
    }
  }
}
