import Foundation
import RNNLabResults

/// The rungs of a halving search: per task × length × model, each
/// configuration's mean validation loss at each rung it reached (from the
/// trials' `rungs.json`) and whether it went on.
extension MarkdownReport {
  /// The "Rungs" part of a task's Search section; "" when no trial of the task was halved.
  func rungText(for task: ResultsIndex.Task, cells: [Selection.Cell]) -> String {
    let entries = rungEntries(cells)
    guard !entries.isEmpty else { return "" }
    let steps = Set(entries.values.flatMap { $0.map(\.step) }).sorted()
    var table = MarkdownTable(
      header: ["model", "T", "config"] + steps.map { "val loss at \($0)" } + ["end"],
      rightAligned: [false, true, true] + steps.map { _ in true } + [false])
    for model in task.models {
      for cell in cells where cell.key.model == model {
        let halved = cell.candidates.filter { $0.trials.contains { entries[$0.id] != nil } }
        for candidate in halved.sorted(by: { ($0.configIndex ?? -1) < ($1.configIndex ?? -1) }) {
          let rows = candidate.trials.map { entries[$0.id] ?? [] }
          let pruned = candidate.trials.contains { $0.summary.status == .pruned }
          let reached = steps.map { step in rows.allSatisfy { $0.contains { $0.step == step } } }
          let cellsText = steps.enumerated().map { position, step -> String in
            guard reached[position] else { return "" }
            let losses = rows.compactMap { $0.first { $0.step == step }?.valLoss }
            let mean = losses.count == rows.count ? NumberText.significant(losses.reduce(0, +) / Double(losses.count)) : "—"
            // After the last rung with a record comes the end: promoted unless pruned.
            let wentOn = position + 1 < steps.count ? reached[position + 1] : !pruned
            return wentOn ? mean + " →" : mean
          }
          let end: String
          if pruned {
            end = "pruned at \(candidate.trials.map(\.summary.stepsCompleted).max() ?? 0)"
          } else {
            end = candidate.configIndex == cell.selected.configIndex ? "finished, selected" : "finished"
          }
          table.append(["`\(model)`", String(cell.key.seqLen), candidate.configIndex.map { "c\($0)" } ?? "—"] + cellsText + [end])
        }
      }
    }
    return "#### Rungs\n\nSuccessive halving: each configuration's mean validation loss over its seeds at each rung it "
      + "reached (the kept loss with `keep: best_val`), → where it went on to the next rung; \"—\" where a seed had "
      + "none (diverged). The best ⌈n / eta⌉ of a rung go on; ties go to the lower configuration.\n\n"
      + table.text + "\n"
  }

  /// Each halved trial's `rungs.json` entries, by trial id.
  func rungEntries(_ cells: [Selection.Cell]) -> [String: [RungRecord.Entry]] {
    var entries: [String: [RungRecord.Entry]] = [:]
    for trial in cells.flatMap({ $0.candidates.flatMap(\.trials) }) {
      let found = RungRecord.entries(in: folder.layout.trialFolder(trial.id))
      if !found.isEmpty { entries[trial.id] = found }
    }
    return entries
  }

  /// A halved candidate's mean validation loss over its seeds at the first
  /// rung, where every configuration was measured at the same step; nil
  /// when a seed has none there.
  func firstRungLoss(_ candidate: Selection.Candidate, _ entries: [String: [RungRecord.Entry]]) -> Double? {
    let losses = candidate.trials.compactMap { entries[$0.id]?.first?.valLoss }
    return losses.count == candidate.trials.count && !losses.isEmpty ? losses.reduce(0, +) / Double(losses.count) : nil
  }
}
