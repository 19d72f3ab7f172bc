import RNNLabResults

/// The sections a reader needs before the numbers: what every model was
/// trained with, what every task asked, and the headline result.
extension MarkdownReport {
  /// Training settings per model and options per task, from the trials' `config.json`.
  var settingsSection: String {
    var text = "## Settings\n\nAs run: defaults filled in and per-model overrides applied "
      + "(from each trial's `config.json`); keys as in the spec.\n\n"
    let training = index.models.map { model in
      (model.name, TrialSettings.objects("training", of: index.trials.filter { $0.summary.model == model.name }))
    }
    let keys = TrialSettings.keys(training.flatMap(\.1), order: TrialSettings.trainingOrder)
    if keys.isEmpty {
      text += "The trials record no training settings.\n\n"
    } else {
      var table = MarkdownTable(header: ["model"] + keys, rightAligned: [false] + keys.map { $0 != "optimizer" })
      for (name, objects) in training {
        table.append(["`\(name)`"] + keys.map { TrialSettings.value($0, in: objects) })
      }
      text += "### Training\n\n" + table.text + "\n"
    }
    var tasks = MarkdownTable(header: ["task", "kind", "lengths T", "options"], rightAligned: [false, false, true, false])
    for task in index.tasks {
      let objects = TrialSettings.objects("task", of: index.trials.filter { $0.summary.task == task.name })
      let options = TrialSettings.options(objects, excluding: ["name", "kind"], dropTrue: false)
      tasks.append([
        "`\(task.name)`", task.kind, task.seqLens.map(String.init).joined(separator: ", "),
        options.isEmpty ? "—" : options,
      ])
    }
    return text + "### Tasks\n\n" + tasks.text + "\n" + tunedText
  }

  /// The tuned values per task and model (`tuned_from`, a task's `tuned:`)
  /// and where each came from, from the trials' `config.json`; "" without any.
  private var tunedText: String {
    var table = MarkdownTable(header: ["task", "model", "key", "value", "from"], rightAligned: [false, false, false, true, false])
    for task in index.tasks {
      for model in index.models {
        let trial = index.trials.first { $0.summary.task == task.name && $0.summary.model == model.name }
        guard case .object(let members)? = trial?.config?["tuned"] else { continue }
        for (path, entry) in members.sorted(by: { $0.key < $1.key }) {
          let value = entry["value"].map(TrialSettings.text) ?? "—"
          let source = entry["from"].map(TrialSettings.text) ?? "—"
          table.append(["`\(task.name)`", "`\(model.name)`", "`\(path)`", value, MarkdownTable.escape(source)])
        }
      }
    }
    guard !table.rows.isEmpty else { return "" }
    return "### Tuned values\n\nValues each model took on each task instead of its entry's, and where each came from "
      + "(`tuned_from`: the folder, its selected configuration and the length it was selected at; `spec`: the task's `tuned:`).\n\n"
      + table.text + "\n"
  }

  /// Task × model → the longest length solved, over the whole experiment.
  var headlineSection: String {
    var table = MarkdownTable(header: ["model"] + index.tasks.map { "`\($0.name)`" })
    for model in index.models {
      table.append(["`\(model.name)`"] + index.tasks.map { headlineCell($0, model.name) })
    }
    let lengths = index.tasks.map { "`\($0.name)` " + $0.seqLens.map(String.init).joined(separator: ", ") }
    return """
      ## Headline: longest T solved

      Per task and model: the longest sequence length T at which at least one seed solved the task, \
      with seeds solved / seeds run there and the 95 % Wilson interval of the share solved; "none: 0/n" = none \
      of the model's n trials of the task solved it (the interval is then over all of them). \
      Lengths tried: \(lengths.joined(separator: "; ")).

      \(table.text)

      """
  }

  /// "100: 2/3 (21–94 %)", "none: 0/9 (0–30 %)" or "" when the model did not run the task.
  func headlineCell(_ task: ResultsIndex.Task, _ model: String) -> String {
    let groups = task.seqLens.compactMap { index.group(task: task.name, model: model, seqLen: $0) }
    guard !groups.isEmpty else { return "" }
    guard let longest = groups.last(where: { $0.solvedCount > 0 }) else {
      return "none: " + WilsonInterval(successes: 0, trials: groups.map(\.trials.count).reduce(0, +)).text
    }
    return "\(longest.key.seqLen): " + longest.solvedInterval.text
  }
}
