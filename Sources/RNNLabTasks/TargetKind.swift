/// Where a task's targets sit in time, and therefore which loss the trainer applies.
public enum TargetKind: String, Sendable, CaseIterable {
  /// One real vector per sequence, read from the last step; mean squared error.
  case regressionAtEnd
  /// One class per sequence, read from the last step; cross-entropy.
  case classAtEnd
  /// One class per time step; cross-entropy averaged over the steps whose
  /// loss mask is 1.
  case classEveryStep
}
