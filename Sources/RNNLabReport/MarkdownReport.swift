import RNNLabResults

/// `report.md`: what a researcher reads. Built only from the trial results
/// (no wall-clock values, no host or date), so the same folder always gives
/// the same bytes.
struct MarkdownReport {
  /// The trials the tables and plots use: the selected configurations, or all (`select`).
  let index: ResultsIndex
  /// Every trial of every configuration (equal to `index` without a search).
  let all: ResultsIndex
  let selection: Selection
  let select: SelectMode
  let folder: ResultsFolder
  let spec: SpecScan
  let reference: ReferenceModel
  /// Plots of each task, by task name, as written into `plots/`.
  let plots: [String: [PlotFile]]

  var text: String {
    var text = header
    guard !index.trials.isEmpty else { return text + "No finished trials yet.\n" }
    text += modelsSection + settingsSection + headlineSection
    for task in index.tasks { text += section(for: task) }
    return text
  }

  private var header: String {
    let name = spec.name ?? folder.layout.root.lastPathComponent
    var text = "# \(name)\n\n"
    if let description = spec.description, !description.isEmpty { text += "\(description)\n\n" }
    // Every trial the folder holds; with a search the tables may use fewer (see `selectionNote`).
    let trials = all.trials
    let seeds = Array(Set(trials.map(\.summary.seed))).sorted().map(String.init).joined(separator: ", ")
    text += "\(trials.count) trials\(selection.hasSearch ? " in this folder" : "") (\(plural(all.tasks.count, "task")), "
      + "\(plural(all.models.count, "model")), seeds \(seeds)): \(statusCounts(trials)).\n"
    if let manifest = folder.manifest {
      let commit = manifest.gitCommit.map { " (commit \(String($0.prefix(12))))" } ?? ""
      let kernels = manifest.isa.map { ", kernels \($0)" } ?? ""
      text += "Run with runner \(manifest.runnerVersion)\(commit)\(kernels).\n"
    }
    if let note = selectionNote { text += note }
    text += """

      Each table cell is the mean ± sample standard deviation over the seeds whose trial finished \
      (status `done`); a note like "(1 diverged)" counts the seeds left out. "Solved" counts every seed.

      """
    if let warning = reference.warning { text += "\n> **Note:** \(warning); compared with `\(reference.name ?? "")` instead.\n" }
    if !folder.incompleteTrialIDs.isEmpty {
      let ids = folder.incompleteTrialIDs.map { "`\($0)`" }.joined(separator: ", ")
      text += "\n> **Not finished:** \(plural(folder.incompleteTrialIDs.count, "trial folder")) without "
        + "summary.json (still running or interrupted), not included: \(ids).\n"
    }
    return text + "\n"
  }

  private var modelsSection: String {
    var table = MarkdownTable(
      header: ["model", "cell", "layers × hidden", "bidirectional", "parameters", "options"],
      rightAligned: [false, false, true, false, true, false])
    for model in index.models {
      let sizes = sizeCells(of: model)
      let configs = TrialSettings.objects("model", of: index.trials.filter { $0.summary.model == model.name })
      let options = TrialSettings.options(configs, excluding: TrialSettings.modelColumns, dropTrue: true)
      table.append([
        "`\(model.name)`", model.cell, sizes.shape, model.bidirectional ? "yes" : "no",
        sizes.parameters, options.isEmpty ? "—" : options,
      ])
    }
    var text = "## Models\n\nOptions: the cell's settings from `config.json`; gate switches are listed only "
      + "when off.\n\n" + table.text
    if index.models.count > 1, let name = reference.name {
      text += "\nReference for \"variants compared\": `\(name)` (\(reference.reason)).\n"
    }
    return text + "\n"
  }

  private func section(for task: ResultsIndex.Task) -> String {
    var text = "## Task `\(task.name)`\n\n" + TaskDescription.paragraph(for: task) + "\n\n"
    let trials = index.trials.filter { $0.summary.task == task.name }
    text += "\(trials.count) trials\(selectedOfText(task: task.name)): \(statusCounts(trials)).\n"
    for trial in trials where trial.summary.status != .done {
      text += "- `\(trial.id)` " + unfinishedText(trial.summary) + "\n"
    }
    text += "\n" + tables(for: task) + lengthsSection(for: task)
    if let variants = variants(for: task) { text += variants }
    text += searchSection(for: task)
    let files = plots[task.name] ?? []
    if !files.isEmpty {
      text += "### Plots\n\n"
      for file in files { text += "![\(file.caption)](plots/\(file.name))\n\n" }
    }
    return text
  }

  private func unfinishedText(_ summary: TrialSummary) -> String {
    switch summary.status {
    case .done: return "finished"
    case .diverged:
      return summary.divergedAtStep.map { "diverged at step \($0)." } ?? "diverged."
    case .failed:
      return summary.error.map { "failed: " + MarkdownTable.escape($0) } ?? "failed."
    case .pruned: return "pruned by the halving search at step \(summary.stepsCompleted)."
    }
  }

  func statusCounts(_ trials: [TrialResult]) -> String {
    let parts = TrialStatus.allCases.compactMap { status -> String? in
      let count = trials.count { $0.summary.status == status }
      return count > 0 || status == .done ? "\(count) \(status.rawValue)" : nil
    }
    return parts.joined(separator: ", ")
  }

  func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}
