/// A trial's final (kept) parameters tested at another sequence length: one
/// entry of `summary.json`'s `eval_lengths`, for tasks with
/// `evaluation: {lengths: …}`.
public struct LengthEvaluation: Codable, Equatable, Sendable {
  /// The length T′ tested at.
  public var seqLen: Int
  /// Mean loss over the fixed set at T′ (the `eval-T<T′>` stream); null when
  /// the trial did not finish (diverged, failed or pruned).
  public var loss: Double?
  /// Accuracy over that set; null for regression tasks and unfinished trials.
  public var accuracy: Double?
  /// The task's solved rule at T′ on these numbers.
  public var solved: Bool

  public init(seqLen: Int, loss: Double?, accuracy: Double?, solved: Bool) {
    self.seqLen = seqLen
    self.loss = loss
    self.accuracy = accuracy
    self.solved = solved
  }

  public enum CodingKeys: String, CodingKey {
    case seqLen = "seq_len", loss, accuracy, solved
  }

  /// Every key, `null` for absent numbers (as `TrialSummary` writes them).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(seqLen, forKey: .seqLen)
    try c.encode(loss, forKey: .loss)
    try c.encode(accuracy, forKey: .accuracy)
    try c.encode(solved, forKey: .solved)
  }
}

extension TrialSummary {
  /// The entry at length `seqLen`, if this trial was tested there.
  public func evaluation(at seqLen: Int) -> LengthEvaluation? {
    evalLengths?.first { $0.seqLen == seqLen }
  }

  /// Every length any of `summaries` was tested at, ascending.
  public static func evaluationLengths(_ summaries: [TrialSummary]) -> [Int] {
    Array(Set(summaries.flatMap { $0.evalLengths?.map(\.seqLen) ?? [] })).sorted()
  }
}
