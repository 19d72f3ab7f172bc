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

/// The values of one metric over a cell's finished seeds, split so that a
/// summary can say what happened instead of "-inf ± nan": the finite values
/// get a mean ± std, the others are counted ("−inf in 2/3").
struct SeedValues {
  /// Finished seeds that have a value.
  var all: [Double]
  /// Finished seeds in the cell (with or without a value).
  var finishedCount: Int

  init(_ group: TrialGroup, _ value: (TrialSummary) -> Double?) {
    let done = group.done
    all = done.compactMap { value($0.summary) }
    finishedCount = done.count
  }

  init(all: [Double], finishedCount: Int) {
    self.all = all
    self.finishedCount = finishedCount
  }

  var finite: [Double] { all.filter(\.isFinite) }
  var statistics: SummaryStatistics? { SummaryStatistics(finite) }

  /// Finished seeds exist but none has a value (e.g. a decay with no gradient at the last step).
  var isUndefined: Bool { finishedCount > 0 && all.isEmpty }

  /// "−inf in 2/3", "+inf in 1/3, nan in 1/3"; nil when every value is finite.
  var nonFiniteNote: String? {
    let kinds: [(String, (Double) -> Bool)] = [
      ("−inf", { $0 == -.infinity }), ("+inf", { $0 == .infinity }), ("nan", \.isNaN),
    ]
    let parts = kinds.compactMap { name, test -> String? in
      let count = all.count(where: test)
      return count > 0 ? "\(name) in \(count)/\(all.count)" : nil
    }
    return parts.isEmpty ? nil : parts.joined(separator: ", ")
  }
}
