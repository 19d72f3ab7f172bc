/// Right and scored predictions, summed over evaluation batches before the
/// ratio is taken (so a short last batch weighs no more than its size).
public struct AccuracyTally: Sendable, Equatable {
  /// Predictions that matched their label.
  public var correct: Int
  /// Predictions that counted for accuracy.
  public var scored: Int

  /// A tally; `correct` must not exceed `scored`.
  public init(correct: Int = 0, scored: Int = 0) {
    precondition(correct >= 0 && correct <= scored, "correct must be in 0...scored")
    self.correct = correct
    self.scored = scored
  }

  /// The fraction right, or `nil` when nothing was scored.
  public var accuracy: Double? { scored == 0 ? nil : Double(correct) / Double(scored) }

  /// The tally of two sets of predictions together.
  public static func + (lhs: AccuracyTally, rhs: AccuracyTally) -> AccuracyTally {
    AccuracyTally(correct: lhs.correct + rhs.correct, scored: lhs.scored + rhs.scored)
  }

  /// Adds another tally into this one.
  public static func += (lhs: inout AccuracyTally, rhs: AccuracyTally) { lhs = lhs + rhs }
}
