/// How one trial ended, as far as the run (progress, exit code, final
/// summary) needs to know. The full record is the trial's `summary.json`.
public struct TrialOutcome: Equatable, Sendable {
  /// The three ends a trial can come to (`status` in `summary.json`).
  public enum Status: String, Codable, Equatable, Sendable {
    /// Trained for every step (solved or not).
    case done
    /// The loss or a gradient became NaN or infinite; training stopped there.
    case diverged
    /// An error ended the trial (its message is in `error`).
    case failed
    /// A halving search stopped it at a rung (it is finished).
    case pruned
    /// It reached its rung of a halving search and waits there, checkpointed,
    /// for the rung's ranking (not finished).
    case paused
  }

  public var trialID: String
  public var status: Status
  /// The last evaluation loss, when there was one.
  public var finalEvalLoss: Double?
  /// Whether the task's criterion was met at an evaluation.
  public var solved: Bool
  /// The step at which the loss or a gradient stopped being finite.
  public var divergedAtStep: Int?
  /// Why the trial failed.
  public var error: String?
  /// Wall-clock time of the trial, in seconds.
  public var wallSeconds: Double

  public init(
    trialID: String, status: Status, finalEvalLoss: Double? = nil, solved: Bool = false,
    divergedAtStep: Int? = nil, error: String? = nil, wallSeconds: Double
  ) {
    self.trialID = trialID
    self.status = status
    self.finalEvalLoss = finalEvalLoss
    self.solved = solved
    self.divergedAtStep = divergedAtStep
    self.error = error
    self.wallSeconds = wallSeconds
  }
}
