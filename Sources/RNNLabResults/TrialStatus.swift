import RNNLabText
/// How a trial ended. Only trials with a `summary.json` have a status; a trial
/// folder without one is still running or was interrupted.
public enum TrialStatus: String, Codable, Sendable, CaseIterable, Comparable {
  /// Trained for all its steps.
  case done
  /// A loss or gradient became NaN or infinite; `diverged_at_step` says when.
  case diverged
  /// Stopped by an error; `error` says which.
  case failed
  /// Left behind at a rung of a halving search: trained to `steps_completed`
  /// and evaluated there, its configuration not among the best.
  case pruned

  public static func < (lhs: TrialStatus, rhs: TrialStatus) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

extension TrialStatus {
  /// Decodes with a message that lists the allowed values.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    let text = try c.decode(String.self)
    guard let status = TrialStatus(rawValue: text) else {
      throw DecodingError.dataCorruptedError(
        in: c, debugDescription: "unknown status '\(EchoedText.escaped(text))' (expected one of: done, diverged, failed, pruned)")
    }
    self = status
  }
}
