import RNNLabResults

/// What the report shows of the tests at other lengths (`eval_lengths` of
/// `summary.json`) for one task: which lengths, and which number — the
/// accuracy where the task has one, else the loss (the adding problem).
struct TestedLengths {
  /// Every length some trial of the task was tested at, ascending.
  let lengths: [Int]
  /// True: accuracy; false: loss.
  let usesAccuracy: Bool

  /// Nil when no trial of `trials` was tested at another length.
  init?(_ trials: [TrialResult]) {
    let summaries = trials.map(\.summary)
    lengths = TrialSummary.evaluationLengths(summaries)
    guard !lengths.isEmpty else { return nil }
    usesAccuracy = summaries.contains { $0.evalLengths?.contains { $0.accuracy != nil } == true }
  }

  /// `accuracy` or `loss`, for captions.
  var metricName: String { usesAccuracy ? "accuracy" : "loss" }

  /// The number shown for one trial at `seqLen`; nil when it was not tested there or has none.
  func value(at seqLen: Int) -> (TrialSummary) -> Double? {
    { summary in
      summary.evaluation(at: seqLen).flatMap { self.usesAccuracy ? $0.accuracy : $0.loss }
    }
  }

  /// Whether any trial of `group` was tested at `seqLen`.
  static func tested(_ group: TrialGroup, at seqLen: Int) -> Bool {
    group.trials.contains { $0.summary.evaluation(at: seqLen) != nil }
  }

  /// Seeds of `group` solved at `seqLen`, out of all its seeds (as the
  /// Solved table counts: a diverged seed is an unsolved one).
  static func solvedText(_ group: TrialGroup, at seqLen: Int) -> String {
    "\(group.trials.count { $0.summary.evaluation(at: seqLen)?.solved == true })/\(group.trials.count)"
  }
}
