import RNNLabResults

/// The "Search" section of a task with a hyperparameter search: what was
/// tried, what was selected, and which searched key mattered.
extension MarkdownReport {
  /// The line of the header saying how many configurations were searched and
  /// which (and how many) of the folder's trials the tables use; nil without a search.
  var selectionNote: String? {
    guard selection.hasSearch else { return nil }
    let total = all.trials.count
    let searched = "Search: \(plural(selection.configurationCount, "configuration")) searched, "
      + "\(selection.configurationsPerCellCount) per task × length × model. "
    switch select {
    case .best:
      let used = index.trials
      return searched + "The tables and plots use only the selected configuration of each task × length × model "
        + "(best mean validation loss over seeds; `runner report --select best`, the default): "
        + "\(used.count) of the \(total) trials, \(statusCounts(used)). "
        + "`selection.csv` lists the selected configurations.\n"
    case .none:
      return searched + "The tables and plots pool every configuration (`runner report --select none`): "
        + "all \(total) trials, so a mean mixes good and bad settings. "
        + "`selection.csv` lists the configurations `--select best` would use.\n"
    }
  }

  /// " of the selected configurations (of 36 in this task)" after a task's trial
  /// count when its tables use the selection; "" otherwise.
  func selectedOfText(task: String) -> String {
    guard select == .best, selection.hasSearch(task: task) else { return "" }
    let total = all.trials.count { $0.summary.task == task }
    return " of the selected configurations (of \(total) in this task)"
  }

  /// The "Search" section of `task`, or "" when the task had no search.
  func searchSection(for task: ResultsIndex.Task) -> String {
    guard selection.hasSearch(task: task.name) else { return "" }
    let cells = selection.cells(ofTask: task.name)
    let keys = TrialSummary.searchKeys(all.trials.filter { $0.summary.task == task.name }.map(\.summary))
    var text = "### Search\n\nConfigurations tried: "
    text += task.models.map { model in
      let configs = Set(cells.filter { $0.key.model == model }.flatMap { $0.candidates.map(\.configIndex) })
      return "`\(model)` \(configs.count)"
    }.joined(separator: ", ") + ".\n\n"
    text += "Selected configuration per model and length: the lowest mean final validation loss over the seeds "
      + "(a configuration with a diverged seed or no validation loss ranks last). Test metrics never "
      + "enter the choice.\n\n"
    var table = MarkdownTable(
      header: ["model", "T", "config"] + keys.map { "`\($0)`" } + ["mean val loss", "seeds"],
      rightAligned: [false, true, true] + keys.map { _ in true } + [true, true])
    for model in task.models {
      for cell in cells where cell.key.model == model {
        let chosen = cell.selected
        table.append(
          ["`\(model)`", String(cell.key.seqLen), chosen.configIndex.map { "c\($0)" } ?? "—"]
            + keys.map { chosen.searchValues?[$0].map(Self.valueText) ?? "—" }
            + [chosen.meanValLoss.map { NumberText.significant($0) } ?? "—", String(chosen.trials.count)])
      }
    }
    text += table.text + "\n" + rungText(for: task, cells: cells) + sensitivityText(task, cells: cells, keys: keys)
    return text
  }

  /// The sensitivity table of a task: one row per model and length.
  private func sensitivityText(_ task: ResultsIndex.Task, cells: [Selection.Cell], keys: [String]) -> String {
    var text = "#### Sensitivity\n\n"
    text += "Share of the variance of validation loss explained by each searched key's main effect, per model "
      + "and length. Over the configurations with a finite mean validation loss over their seeds, the "
      + "configurations are grouped by the key's value (its distinct values when there are at most "
      + "\(Sensitivity.bins), otherwise \(Sensitivity.bins) quantile bins of equal count), and the share is the "
      + "between-group sum of squares of the mean validation losses divided by their total sum of squares "
      + "(1 = the key alone decides the loss, 0 = irrelevant). This is a crude analogue of the functional "
      + "ANOVA of Greff et al. (2015), not their random-forest fANOVA: few configurations per group bias it "
      + "upwards and interactions are not separated, so the shares need not sum to 1."
      + (rungEntries(cells).isEmpty ? "" : " After a halving search the losses are those of the first rung, the one step every configuration reached.")
      + "\n\n"
    var table = MarkdownTable(
      header: ["model", "T", "configurations"] + keys.map { "`\($0)`" },
      rightAligned: [false, true, true] + keys.map { _ in true })
    for model in task.models {
      for cell in cells where cell.key.model == model {
        // A halved cell's configurations stopped at different steps: compare them at the first rung.
        let rungs = rungEntries([cell])
        let loss: (Selection.Candidate) -> Double? = rungs.isEmpty ? { $0.meanValLoss } : { firstRungLoss($0, rungs) }
        let finite = cell.candidates.filter { loss($0) != nil }
        let losses = finite.map { loss($0)! }
        let shares = keys.map { key -> String in
          // A key this model does not search explains nothing: no share, not 0.
          guard cell.candidates.contains(where: { $0.searchValues?[key] != nil }) else { return "—" }
          let values = finite.map { $0.searchValues?[key] ?? .null }
          return Sensitivity.share(values: values, losses: losses).map { NumberText.fixed($0, decimals: 2) } ?? "—"
        }
        let count = finite.count == cell.candidates.count ? "\(finite.count)" : "\(finite.count) of \(cell.candidates.count)"
        table.append(["`\(model)`", String(cell.key.seqLen), count] + shares)
      }
    }
    return text + table.text + "\n"
  }

  /// A searched value as table text: numbers to 3 significant digits.
  static func valueText(_ value: JSONValue) -> String {
    if value.intValue != nil { return value.fieldText }
    if let number = value.doubleValue { return NumberText.significant(number) }
    return value.fieldText
  }
}
