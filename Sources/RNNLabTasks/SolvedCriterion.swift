/// The rule that decides whether a task counts as solved at an evaluation.
///
/// The thresholds follow docs/literature.md ("Settings and what solved
/// means"): published work calls a regression task solved when its error
/// falls far below the trivial baseline, and a classification task solved
/// when it is right on (nearly) every test sequence (Pascanu et al. 2013: fewer than 1% wrong).
public enum SolvedCriterion: Sendable, Equatable, CustomStringConvertible {
  /// Solved when the evaluation loss is strictly below this value.
  case lossBelow(Double)
  /// Solved when the evaluation accuracy (a fraction in [0, 1]) is at least this value.
  case accuracyAtLeast(Double)

  /// The accuracy every classification task must reach: 99%.
  public static let accuracyThreshold = 0.99

  /// The fraction of the baseline a regression loss must fall below: 10%.
  public static let baselineFraction = 0.1

  /// Whether an evaluation meets the rule. A NaN or infinite loss, or a missing
  /// accuracy where one is required, never counts as solved.
  public func isSatisfied(loss: Double, accuracy: Double?) -> Bool {
    switch self {
    case .lossBelow(let threshold):
      return loss.isFinite && loss < threshold
    case .accuracyAtLeast(let threshold):
      guard let accuracy, accuracy.isFinite else { return false }
      return accuracy >= threshold
    }
  }

  public var description: String {
    switch self {
    case .lossBelow(let threshold): "eval loss < \(threshold)"
    case .accuracyAtLeast(let threshold): "eval accuracy >= \(threshold * 100)%"
    }
  }
}
