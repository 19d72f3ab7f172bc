import Foundation

/// The text of progress output: finished-trial lines, the live status line,
/// durations and losses. Pure functions, so the format is tested directly.
enum ProgressFormat {
  /// `[3/24] adding-T100-lstm-s1 done eval_loss=0.0012 solved 12.3s` (the final evaluation loss,
  /// the one in summary.json)
  static func finishedLine(_ outcome: TrialOutcome, done: Int, total: Int) -> String {
    var words = ["[\(done)/\(total)]", outcome.trialID, outcome.status.rawValue]
    switch outcome.status {
    case .done:
      if let loss = outcome.finalEvalLoss { words.append("eval_loss=\(number(loss))") }
      words.append(outcome.solved ? "solved" : "unsolved")
    case .diverged:
      if let step = outcome.divergedAtStep { words.append("at step \(step)") }
    case .failed:
      words[2] += ":"
      words.append(outcome.error ?? "unknown error")
    case .pruned, .paused:
      if let loss = outcome.finalEvalLoss { words.append("eval_loss=\(number(loss))") }
    }
    words.append(seconds(outcome.wallSeconds))
    return words.joined(separator: " ")
  }

  /// `[3/24] 1m02s ETA 4m10s | adding-T100-lstm-s1 120/2000 loss 0.0312 | …`
  /// (the loss of a running trial is its smoothed training loss),
  /// cut to fit in `width` columns so the terminal never wraps it.
  static func liveLine(_ state: ProgressState, now: Double, width: Int) -> String {
    let eta = state.secondsRemaining(now: now).map(duration) ?? "--"
    var parts = ["[\(state.finished)/\(state.totalTrials)] \(duration(now - state.startTime)) ETA \(eta)"]
    for trial in state.running {
      let loss = trial.loss.map { " loss \(number($0))" } ?? ""
      parts.append("\(trial.id) \(trial.step)/\(trial.steps)\(loss)")
    }
    return fit(parts.joined(separator: " | "), width: width)
  }

  /// Shortens `text` to at most `width - 1` characters (the last column is left
  /// free: writing into it makes some terminals wrap), marking the cut with `…`.
  static func fit(_ text: String, width: Int) -> String {
    let limit = max(width - 1, 10)
    guard text.count > limit else { return text }
    return String(text.prefix(limit - 1)) + "…"
  }

  /// A loss or similar value with four significant digits: `0.0012`, `2.303`, `1.5e-07`.
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    return String(format: "%.4g", value)
  }

  /// A trial's time: `0.4s`, `12.3s`, `754.0s`.
  static func seconds(_ value: Double) -> String { String(format: "%.1fs", value) }

  /// A run's time: `42s`, `3m05s`, `2h07m`.
  static func duration(_ value: Double) -> String {
    let total = Int(max(value, 0).rounded())
    if total < 60 { return "\(total)s" }
    if total < 3600 { return String(format: "%dm%02ds", total / 60, total % 60) }
    return String(format: "%dh%02dm", total / 3600, (total % 3600) / 60)
  }
}
