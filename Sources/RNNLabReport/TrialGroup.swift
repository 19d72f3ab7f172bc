import RNNLabResults

/// Identifies one cell of the grid: a task, a model and a sequence length.
struct GroupKey: Hashable {
  var task: String
  var model: String
  var seqLen: Int
}

/// The trials of one task × model × length cell, one per seed, sorted by seed.
struct TrialGroup {
  let key: GroupKey
  let trials: [TrialResult]

  /// Trials that trained for all their steps; every statistic is taken over these.
  var done: [TrialResult] { trials.filter { $0.summary.status == .done } }
  var divergedCount: Int { trials.count { $0.summary.status == .diverged } }
  var failedCount: Int { trials.count { $0.summary.status == .failed } }
  /// Solved trials, out of all trials (a diverged or failed seed counts as unsolved).
  var solvedCount: Int { trials.count { $0.summary.solved } }

  /// Statistics of `value` over the finished trials that have it.
  func statistics(_ value: (TrialSummary) -> Double?) -> SummaryStatistics? {
    SummaryStatistics(done.compactMap { value($0.summary) })
  }

  /// "1 diverged", "2 failed", "1 diverged, 1 failed", or nil when every trial finished.
  var unfinishedNote: String? {
    var parts: [String] = []
    if divergedCount > 0 { parts.append("\(divergedCount) diverged") }
    if failedCount > 0 { parts.append("\(failedCount) failed") }
    return parts.isEmpty ? nil : parts.joined(separator: ", ")
  }
}
