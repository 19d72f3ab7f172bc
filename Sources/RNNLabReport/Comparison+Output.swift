import RNNLabResults

/// The comparison as Markdown (for people) or CSV (for tools).
extension Comparison {
  static let titles: [String: String] = [
    "trials": "trials", "done": "finished", "solved": "solved",
    "final_eval_loss": "final eval loss", "final_eval_accuracy": "final eval accuracy",
    "steps_to_solve": "steps to solve", "grad_norm_init": "grad norm at init",
    "grad_norm_mean": "grad norm, mean", "grad_decay_init": "grad decay at init",
    "grad_decay_final": "grad decay after training",
    "grad_decay_init_backward": "grad decay at init (backward)",
    "grad_decay_final_backward": "grad decay after training (backward)",
  ]

  /// Markdown: one table per task, then the added and removed cells and
  /// trials. By default only the metrics that changed are listed (a reader
  /// looks for the changes); `all` lists every metric, "same" where equal.
  public func markdown(all: Bool = false) -> String {
    // Seeds run are shown inside "finished k/n"; a separate trials row adds nothing.
    let shown = rows.filter { $0.metric != "trials" && (all || !$0.isUnchanged) }
    let hidden = rows.count { $0.metric != "trials" } - shown.count
    var text = """
      # Comparison

      - A: `\(labelA)` (\(trialCountA) trials\(Self.searchText(searchA)))
      - B: `\(labelB)` (\(trialCountB) trials\(Self.searchText(searchB)))

      Values are means over the seeds whose trial finished; "finished" and "solved" count seeds. \
      Change = B − A, relative change in brackets; "same" = identical values. Solved counts show the 95 % \
      Wilson interval of the share solved. \(Significance.legend)

      """
    text += selectionNote
    if hidden > 0 {
      text += "\n\(hidden) unchanged metric\(hidden == 1 ? "" : "s") not shown (`--all` shows every metric).\n"
    }
    if !all, shown.isEmpty, !rows.isEmpty { text += "\nNo metric changed in the cells both folders have.\n" }
    var tasks: [String] = []
    for row in shown where !tasks.contains(row.key.task) { tasks.append(row.key.task) }
    for task in tasks {
      var table = MarkdownTable(
        header: ["model", "T", "metric", "A", "B", "change", "p"],
        rightAligned: [false, true, false, true, true, true, true])
      for row in shown where row.key.task == task {
        table.append([
          "`\(row.key.model)`", String(row.key.seqLen), Self.titles[row.metric] ?? row.metric,
          display(row.a, row, total: row.trialsA), display(row.b, row, total: row.trialsB), changeText(row),
          row.significance?.text ?? "",
        ])
      }
      text += "\n## Task `\(task)`\n\n" + table.text
    }
    text += oneSidedSection("Only in B (added)", added)
    text += oneSidedSection("Only in A (removed)", removed)
    text += selectedConfigsSection
    text += trialList("Trials only in B (added)", addedTrials)
    text += trialList("Trials only in A (removed)", removedTrials)
    if rows.isEmpty && added.isEmpty && removed.isEmpty { text += "\nBoth folders have no finished trials.\n" }
    return text
  }

  /// CSV, full precision: `task,model,seq_len,metric,side,a,b,change,relative_change,test,p_value`,
  /// side = both | added | removed. Added and removed cells have one `trials` row.
  /// `test` names the test of a `solved` (fisher_exact) or `final_eval_loss`
  /// (mann_whitney_u) row, `p_value` is its p-value, or `too_few_seeds`.
  public var csv: String {
    // Counts are written as integers, means in full precision.
    func value(_ number: Double?, _ row: Row) -> String {
      guard let number else { return "" }
      return row.isCount ? String(Int(number)) : CSV.number(number)
    }
    var lines: [[String]] = rows.map { row in
      [
        row.key.task, row.key.model, String(row.key.seqLen), row.metric, "both", value(row.a, row),
        value(row.b, row), value(row.change, row), CSV.number(row.relativeChange),
      ] + testFields(row)
    }
    for (side, cells) in [("added", added), ("removed", removed)] {
      for cell in cells {
        let count = String(cell.trials)
        lines.append([
          cell.key.task, cell.key.model, String(cell.key.seqLen), "trials", side,
          side == "removed" ? count : "", side == "added" ? count : "", "", "", "", "",
        ])
      }
    }
    return CSV.table(
      header: [
        "task", "model", "seq_len", "metric", "side", "a", "b", "change", "relative_change", "test", "p_value",
      ], rows: lines)
  }

  /// One sentence per side that pools the configurations of its search
  /// (`--select none`), "A pools all 12 configurations …", for the Markdown
  /// note and the CSV's warning.
  public var poolingNotes: [String] {
    [("A", searchA), ("B", searchB)].compactMap { side, search in
      guard let search, search.mode == .none else { return nil }
      return "\(side) pools all \(search.configurationsText) of each task × length × model (`--select none`), "
        + "so its means mix good and bad settings"
    }
  }

  /// ", a search of 12 configurations …" after a side's trial count; "" without a search.
  private static func searchText(_ search: Search?) -> String {
    guard let search else { return "" }
    let what = ", a search of \(search.configurationsText) per task × length × model; compared: "
    switch search.mode {
    case .best: return what + "the selected configuration of each, \(search.trialsCompared) trials"
    case .none: return what + "all \(search.trialsCompared) trials pooled"
    }
  }

  /// Which configurations were compared, when a side has a search; "" otherwise.
  private var selectionNote: String {
    if searchA == nil && searchB == nil { return "" }
    let pooled = poolingNotes
    if !pooled.isEmpty { return pooled.map { "\n> **Pooled:** \($0).\n" }.joined() }
    return "\nA folder with a search is compared at the selected configuration of each task × length × model "
      + "(lowest mean validation loss over its seeds, as `runner report --select best`), named under "
      + "\"Selected configurations\"; `--select none` pools every configuration.\n"
  }

  /// The configuration compared on each side of every cell (with `best` and a search).
  private var selectedConfigsSection: String {
    guard !selectedConfigs.isEmpty else { return "" }
    var table = MarkdownTable(header: ["task", "model", "T", "A", "B"], rightAligned: [false, false, true, true, true])
    func name(_ index: Int?) -> String { index.map { "c\($0)" } ?? "no search" }
    for cell in selectedConfigs {
      table.append([
        "`\(cell.key.task)`", "`\(cell.key.model)`", String(cell.key.seqLen), name(cell.a), name(cell.b),
      ])
    }
    return "\n## Selected configurations\n\n" + table.text
  }

  private func testFields(_ row: Row) -> [String] {
    guard let significance = row.significance else { return ["", ""] }
    let test = row.metric == "solved" ? "fisher_exact" : "mann_whitney_u"
    switch significance {
    case .pValue(let p): return [test, CSV.number(p)]
    case .tooFewSeeds: return [test, "too_few_seeds"]
    }
  }

  private func display(_ value: Double?, _ row: Row, total: Int) -> String {
    guard let value else { return "—" }
    if row.metric == "solved" { return WilsonInterval(successes: Int(value), trials: total).text }
    if row.isCount { return "\(Int(value))/\(total)" }
    return row.metric == "steps_to_solve" ? NumberText.fixed(value, decimals: 0) : NumberText.significant(value)
  }

  private func changeText(_ row: Row) -> String {
    if row.isUnchanged { return row.a == nil ? "—" : "same" }
    guard let change = row.change else { return "—" }
    if row.isCount { return (change > 0 ? "+" : "") + String(Int(change)) }
    var text = (change > 0 ? "+" : "") + NumberText.significant(change)
    if let relative = row.relativeChange {
      text += " (" + (relative > 0 ? "+" : "") + NumberText.fixed(relative * 100, decimals: 1) + "%)"
    }
    return text
  }

  private func trialList(_ title: String, _ ids: [String]) -> String {
    guard !ids.isEmpty else { return "" }
    return "\n## \(title)\n\n" + ids.map { "- `\($0)`\n" }.joined()
  }

  private func oneSidedSection(_ title: String, _ cells: [OneSided]) -> String {
    guard !cells.isEmpty else { return "" }
    var table = MarkdownTable(header: ["task", "model", "T", "trials"], rightAligned: [false, false, true, true])
    for cell in cells {
      table.append(["`\(cell.key.task)`", "`\(cell.key.model)`", String(cell.key.seqLen), String(cell.trials)])
    }
    return "\n## \(title)\n\n" + table.text
  }
}
