/// The ranges numeric settings must fall in. Lower bounds are what makes
/// sense; upper bounds are generous caps that stop a typo (an extra zero or
/// three) from asking the engine for terabytes.
public enum SpecLimits {
  public static let hidden = 1...8192
  public static let layers = 1...64
  /// Parameter budgets of `hidden: {parameters: N}`.
  public static let parameters = 1...10_000_000_000
  public static let seqLen = 1...1_000_000
  /// Most lengths a task's `evaluation` may test at: each is a column of
  /// summary.csv and of the report's trained-at → tested-at table.
  public static let evaluationLengths = 32
  /// Most trials one spec may expand to. A trial trains for seconds to hours,
  /// so no real grid comes near; the cap stops a few long lists (or aliases
  /// of them) from multiplying into billions of trials that would take
  /// minutes and gigabytes just to plan.
  public static let trials = 100_000
  /// Longest model, task or experiment name; trial ids join two of them.
  public static let nameLength = 64
}
