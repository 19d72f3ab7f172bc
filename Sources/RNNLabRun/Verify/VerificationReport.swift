import Foundation

/// The outcome of `runner verify`: one verdict per trial, and the text the
/// command prints.
public struct VerificationReport: Equatable, Sendable {
  public let setting: Verification.Setting
  /// In plan order.
  public let verdicts: [TrialVerdict]
  /// Ctrl-C stopped the re-run; nothing was compared.
  public let interrupted: Bool

  public init(setting: Verification.Setting, verdicts: [TrialVerdict], interrupted: Bool) {
    self.setting = setting
    self.verdicts = verdicts
    self.interrupted = interrupted
  }

  public var matchedCount: Int { verdicts.filter(\.matched).count }
  public var mismatchedCount: Int { verdicts.count - matchedCount }
  /// Every trial reproduced.
  public var allMatched: Bool { !interrupted && mismatchedCount == 0 }

  /// The line that says which mode applies and why.
  public static func modeLine(_ setting: Verification.Setting) -> String {
    let reason: String
    if setting.forced {
      reason = "mode forced by --mode"
    } else if let platform = setting.committedPlatform {
      if platform == setting.currentPlatform {
        reason = "same platform as the committed results (\(platform))"
      } else if case .exact = setting.mode {
        reason = "same OS on x86-64 as the committed results (committed on \(platform), running on \(setting.currentPlatform))"
      } else {
        reason = "other platform: committed on \(platform), running on \(setting.currentPlatform)"
      }
    } else {
      reason = "the committed manifest records no platform; running on \(setting.currentPlatform)"
    }
    return "verify: \(reason); every value must be \(setting.mode.phrase)"
  }

  /// The table: one row per trial with the state of each file and the first
  /// difference, then the totals.
  public var table: String {
    let header = ["trial"] + TrialVerdict.fileNames + ["result"]
    let rows = verdicts.map { verdict in
      [verdict.trialID] + verdict.files.map(\.state.rawValue)
        + [verdict.matched ? "match" : "MISMATCH: \(verdict.difference?.description ?? "")"]
    }
    let widths = header.indices.map { column in
      ([header] + rows).map { $0[column].count }.max() ?? 0
    }
    func line(_ fields: [String]) -> String {
      fields.enumerated().map { column, field in
        column == fields.count - 1 ? field : field.padding(toLength: widths[column], withPad: " ", startingAt: 0)
      }.joined(separator: "  ")
    }
    var text = ([header] + rows).map(line).joined(separator: "\n") + "\n"
    text += totalLine + "\n"
    return text
  }

  /// `8 trials: 8 matched` or `8 trials: 7 matched, 1 mismatched`.
  public var totalLine: String {
    let total = "\(verdicts.count) trial\(verdicts.count == 1 ? "" : "s")"
    var parts = ["\(matchedCount) matched"]
    if mismatchedCount > 0 { parts.append("\(mismatchedCount) mismatched") }
    return "\(total): \(parts.joined(separator: ", ")) (\(setting.mode.phrase))"
  }
}
