/// One batch of sequences: time-major inputs and the targets they imply.
public struct TaskBatch: Sendable, Equatable {
  /// The targets of a batch, laid out for the loss of the task's `TargetKind`.
  public enum Targets: Sendable, Equatable {
    /// `[B][O]` real targets read at the last step (`.regressionAtEnd`).
    case regression([Float])
    /// `[B]` class indices read at the last step (`.classAtEnd`).
    case classes([Int32])
    /// `[T][B]` class indices, one per step (`.classEveryStep`).
    ///
    /// `lossMask` (`[T][B]`, 1 = scored, 0 = ignored) says which steps enter the
    /// loss, which is the mean over the scored steps. `accuracyMask` (`[T][B]`)
    /// says which steps count for the task's accuracy: for `copy` the loss
    /// covers every step but accuracy only the recalled symbols. Labels under a
    /// zero loss mask are 0, a valid class, so no kernel ever indexes out of range.
    case sequenceClasses(labels: [Int32], lossMask: [Float], accuracyMask: [Float])
  }

  /// Time steps `T` the model reads (the task's `totalSteps`).
  public let steps: Int
  /// Sequences in the batch, `B`.
  public let batchSize: Int
  /// Features per step, `I`.
  public let inputSize: Int
  /// Regression dimensions or classes, `O`.
  public let outputSize: Int
  /// `[T][B][I]` time-major: the feature `i` of sequence `b` at step `t` is at
  /// `(t * batchSize + b) * inputSize + i`.
  public let inputs: [Float]
  /// What the model should output.
  public let targets: Targets

  /// A batch; the sizes must match the arrays (checked, since a mismatch is a
  /// generator bug that would otherwise surface far away in the engine).
  public init(
    steps: Int, batchSize: Int, inputSize: Int, outputSize: Int, inputs: [Float], targets: Targets
  ) {
    precondition(inputs.count == steps * batchSize * inputSize, "inputs must be [T][B][I]")
    switch targets {
    case .regression(let values):
      precondition(values.count == batchSize * outputSize, "regression targets must be [B][O]")
    case .classes(let labels):
      precondition(labels.count == batchSize, "class targets must be [B]")
    case .sequenceClasses(let labels, let lossMask, let accuracyMask):
      precondition(
        labels.count == steps * batchSize && lossMask.count == labels.count
          && accuracyMask.count == labels.count,
        "sequence targets and masks must be [T][B]")
    }
    self.steps = steps
    self.batchSize = batchSize
    self.inputSize = inputSize
    self.outputSize = outputSize
    self.inputs = inputs
    self.targets = targets
  }
}
