/// Counts of how the trials of one invocation ended, and what that means for
/// the exit code and the closing line.
public struct RunTally: Equatable, Sendable {
  /// Trials in the plan (or in this shard of it).
  public var planned = 0
  /// Trials skipped because an earlier run had finished them.
  public var alreadyDone = 0
  public var done = 0
  public var diverged = 0
  public var failed = 0
  /// Halving: trials stopped at a rung (finished), and trial-rungs trained.
  public var pruned = 0
  public var paused = 0
  /// Of the trials already done, those that had diverged or failed: a resume
  /// still exits 1 for them, so a rerun never reports success over them.
  public var earlierDivergedOrFailed = 0
  /// Whether SIGINT/SIGTERM stopped the run before every trial ran.
  public var interrupted = false

  public init(planned: Int = 0, alreadyDone: Int = 0) {
    self.planned = planned
    self.alreadyDone = alreadyDone
  }

  /// Counts one finished trial.
  public mutating func count(_ status: TrialOutcome.Status) {
    switch status {
    case .done: done += 1
    case .diverged: diverged += 1
    case .failed: failed += 1
    case .pruned: pruned += 1
    case .paused: paused += 1
    }
  }

  /// Trials that ended in this invocation.
  public var finishedNow: Int { done + diverged + failed + pruned }

  /// Trials neither finished before nor now (interrupted runs leave some).
  public var remaining: Int { planned - alreadyDone - finishedNow }

  /// 130 when interrupted, 1 when any trial diverged or failed, else 0.
  public var exitCode: RunExitCode {
    if interrupted { return .interrupted }
    return diverged + failed + earlierDivergedOrFailed > 0 ? .trialsFailed : .ok
  }

  /// The closing line, e.g. `24 trials: 21 done, 1 diverged, 2 already done (3m05s)`.
  public func closingLine(elapsedSeconds: Double) -> String {
    let counts = [
      (done, "done"), (pruned, "pruned"), (diverged, "diverged"), (failed, "failed"), (alreadyDone, "already done"),
      (remaining, "not run"),
    ]
    var parts = counts.filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
    if earlierDivergedOrFailed > 0, let index = parts.firstIndex(where: { $0.hasSuffix("already done") }) {
      parts[index] += " (\(earlierDivergedOrFailed) of them diverged or failed)"
    }
    let line = "\(planned) trial\(planned == 1 ? "" : "s"): \(parts.isEmpty ? "nothing to do" : parts.joined(separator: ", ")) "
      + "(\(ProgressFormat.duration(elapsedSeconds)))"
    guard interrupted else { return line }
    return "interrupted: " + line + "; run the same command again to finish the rest"
  }
}
