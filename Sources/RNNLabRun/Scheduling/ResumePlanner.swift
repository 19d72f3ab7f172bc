/// Decides, from what is already in the results folder, which trials of a
/// plan still have to run.
///
/// A trial is done if and only if its `summary.json` exists (it is written
/// last, atomically). A done trial with the same config hash is skipped; one
/// whose hash differs was run from a different configuration, which is an
/// error naming it unless `--force` (then its folder is removed and it runs
/// again). A folder without `summary.json` is what an interrupted run leaves
/// behind: it is removed and the trial runs again from its first step,
/// unless it holds a checkpoint, from which the trial then resumes.
public enum ResumePlanner {
  /// The identity of one trial: its id (folder name) and its config hash.
  public struct TrialKey: Equatable, Sendable {
    public var id: String
    public var configHash: String
    public init(id: String, configHash: String) {
      self.id = id
      self.configHash = configHash
    }
  }

  /// What to do with each trial; positions index the list given to `plan`.
  public struct Decision: Equatable, Sendable {
    /// Trials to run, in plan order.
    public var toRun: [Int] = []
    /// Trials already done with the same configuration.
    public var alreadyDone: [Int] = []
    /// Ids of interrupted trials whose folders must be cleared first.
    public var interrupted: [String] = []
    /// Ids of trials done with another configuration, re-run because of `--force`.
    public var replaced: [String] = []
  }

  /// Inspects the store without changing it. Throws if a done trial has another
  /// configuration hash (or an unreadable summary) and `force` is false; the
  /// error names the first such trial and counts the others.
  public static func plan(_ trials: [TrialKey], store: ResultsStore, force: Bool) throws(RunnerError)
    -> Decision
  {
    var decision = Decision()
    var conflicts: [(key: TrialKey, recorded: String?)] = []
    for (position, trial) in trials.enumerated() {
      switch try store.state(ofTrial: trial.id) {
      case .absent:
        decision.toRun.append(position)
      case .partial, .incomplete:
        decision.toRun.append(position)
        decision.interrupted.append(trial.id)
      case .finished(let recorded) where recorded == trial.configHash:
        decision.alreadyDone.append(position)
      case .finished(let recorded):
        conflicts.append((trial, recorded))
        decision.toRun.append(position)
        decision.replaced.append(trial.id)
      }
    }
    if let first = conflicts.first, !force {
      throw conflictError(first.key, recorded: first.recorded, others: conflicts.count - 1, store: store)
    }
    return decision
  }

  /// Removes the folders of interrupted and replaced trials, so each of them
  /// starts from an empty folder.
  /// An interrupted trial's real (not linked) folder with a checkpoint is
  /// kept, less any temporary files, so the trial resumes from it.
  public static func clearFolders(for decision: Decision, store: ResultsStore) throws(RunnerError) {
    for id in decision.interrupted where store.hasCheckpoint(trial: id) {
      store.removeTemporaryFiles(inTrial: id)
    }
    for id in decision.interrupted + decision.replaced
    where decision.replaced.contains(id) || !store.hasCheckpoint(trial: id) {
      try store.removeFolder(ofTrial: id)
    }
  }

  private static func conflictError(_ trial: TrialKey, recorded: String?, others: Int, store: ResultsStore)
    -> RunnerError
  {
    let summary = store.layout.summaryURL(trial: trial.id).path
    let what =
      recorded.map {
        "trial '\(trial.id)' was run with a different configuration (config hash \($0); the spec now gives \(trial.configHash))"
      } ?? "trial '\(trial.id)' has a summary.json without a readable config_hash"
    let more = others > 0 ? " (and \(others) more trial\(others == 1 ? "" : "s") like it)" : ""
    return RunnerError(
      path: summary,
      message: "\(what)\(more); use --force to re-run, or --out to write to another folder")
  }
}
