import RNNLabTasks

/// One sequence of a batch, pulled out of the time-major layout so tests can
/// compare sequences regardless of how they were batched.
struct SequenceSample: Equatable {
  /// `[T][I]`.
  var inputs: [Float]
  /// `[O]` for regression, else empty.
  var regression: [Float] = []
  /// The end-of-sequence class, if any.
  var label: Int32?
  /// `[T]` per-step labels and masks, else empty.
  var labels: [Int32] = []
  var lossMask: [Float] = []
  var accuracyMask: [Float] = []
}

extension TaskBatch {
  /// Feature `feature` of sequence `sample` at step `step`.
  func input(step: Int, sample: Int, feature: Int) -> Float {
    inputs[(step * batchSize + sample) * inputSize + feature]
  }

  /// The symbol of a one-hot input vector, or nil when the vector is not one-hot
  /// (not exactly one 1 with every other feature 0).
  func oneHotSymbol(step: Int, sample: Int) -> Int? {
    var symbol: Int?
    for feature in 0..<inputSize {
      let value = input(step: step, sample: sample, feature: feature)
      if value == 1, symbol == nil {
        symbol = feature
      } else if value != 0 {
        return nil
      }
    }
    return symbol
  }

  /// The symbols of one sequence; fails the caller's expectation by returning
  /// nil if any step is not one-hot.
  func symbols(sample: Int) -> [Int]? {
    var result: [Int] = []
    for step in 0..<steps {
      guard let symbol = oneHotSymbol(step: step, sample: sample) else { return nil }
      result.append(symbol)
    }
    return result
  }

  /// End-of-sequence class labels (`.classes`), or empty.
  var classLabels: [Int32] {
    if case .classes(let labels) = targets { return labels }
    return []
  }

  /// The batch split into its sequences.
  var samples: [SequenceSample] {
    (0..<batchSize).map { sample in
      var result = SequenceSample(inputs: [])
      for step in 0..<steps {
        for feature in 0..<inputSize {
          result.inputs.append(input(step: step, sample: sample, feature: feature))
        }
      }
      switch targets {
      case .regression(let values):
        result.regression = Array(values[(sample * outputSize)..<((sample + 1) * outputSize)])
      case .classes(let labels):
        result.label = labels[sample]
      case .sequenceClasses(let labels, let lossMask, let accuracyMask):
        for step in 0..<steps {
          result.labels.append(labels[step * batchSize + sample])
          result.lossMask.append(lossMask[step * batchSize + sample])
          result.accuracyMask.append(accuracyMask[step * batchSize + sample])
        }
      }
      return result
    }
  }
}

/// Every kind with its default options at a modest length, for tests that
/// must hold for all tasks.
enum AllTasks {
  static func make(_ kind: TaskKind, seqLen: Int = 30) throws -> any SequenceTask {
    try TaskFactory.make(kind, seqLen: seqLen)
  }
}
