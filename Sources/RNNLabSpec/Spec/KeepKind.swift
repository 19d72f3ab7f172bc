/// Which parameters a trial ends with (`training.keep`).
public enum KeepKind: String, SpecName {
  /// The parameters after the last step.
  case last
  /// The parameters with the lowest validation loss at any evaluation.
  case bestVal = "best_val"

  public static let noun = "keep"
}
