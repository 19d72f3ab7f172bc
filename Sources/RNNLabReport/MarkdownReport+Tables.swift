import RNNLabResults

/// The pivot tables of a task section: models as rows, lengths as columns.
extension MarkdownReport {
  /// How the numbers of a table are written.
  enum CellFormat {
    /// Three significant digits, the std at the mean's precision.
    case significant
    /// A fixed number of decimals for mean and std (steps, accuracies, log ratios).
    case fixed(decimals: Int)
  }

  /// A table row: its label, the model it reads and the value it shows.
  struct PivotRow {
    var label: String
    var model: String
    var value: (TrialSummary) -> Double?
    /// What a cell says when its seeds finished but none has a value.
    var undefined = "—"
  }

  func tables(for task: ResultsIndex.Task) -> String {
    let trials = index.trials.filter { $0.summary.task == task.name }
    func rows(_ value: @escaping (TrialSummary) -> Double?) -> [PivotRow] {
      task.models.map { PivotRow(label: "`\($0)`", model: $0, value: value) }
    }
    let sig = CellFormat.significant
    let fixed2 = CellFormat.fixed(decimals: 2)

    var text = "### Final eval loss\n\n"
    var loss = pivot(task, rows { $0.finalEvalLoss }, format: sig)
    loss.append(["trivial baseline"] + task.seqLens.map { task.baselines[$0].map { NumberText.significant($0) } ?? "—" })
    text += loss.text + "\n"
    if SummaryMetric.finalEvalAccuracy.applies(to: trials) {
      text += "### Final eval accuracy\n\n"
      text += pivot(task, rows { $0.finalEvalAccuracy }, format: .fixed(decimals: 3)).text + "\n"
    }
    text += "### Solved (seeds solved / seeds run)\n\nIn brackets: the 95 % Wilson interval of the share of seeds "
      + "that solve it.\n\n" + solvedTable(task).text + "\n"
    text += "### Steps to solve (seeds that solved it)\n\n"
    text += pivot(task, rows { $0.stepsToSolve.map(Double.init) }, format: .fixed(decimals: 0)).text + "\n"
    text += "### Gradient norm at initialisation\n\n‖∂L/∂θ‖ before clipping, step 0.\n\n"
    text += pivot(task, rows { $0.gradNormInit }, format: sig).text + "\n"
    text += "### Gradient norm, mean over training\n\n‖∂L/∂θ‖ before clipping, averaged over all steps.\n\n"
    text += pivot(task, rows { $0.gradNormMean }, format: sig).text + "\n"
    text += clippingTable(task) ?? ""
    let decay = "log10(‖∂L/∂h_1‖ / ‖∂L/∂h_T‖) of the top layer: 0 = no decay, −k = the gradient reaching "
      + "the first step is 10^k times smaller than at the last. −inf in k/n: in k of the n finished seeds the "
      + "gradient reaching the first step underflowed to 0; the mean ± std is over the other seeds. Undefined: "
      + "no gradient reaches the last step, because the task has no loss there."
    text += "### Gradient decay at initialisation\n\n\(decay)\n\n"
    text += pivot(task, decayRows(task, { $0.gradDecayInit }, { $0.gradDecayInitBackward }), format: fixed2).text + "\n"
    text += "### Gradient decay after training\n\n"
    text += pivot(task, decayRows(task, { $0.gradDecayFinal }, { $0.gradDecayFinalBackward }), format: fixed2).text
    text += "\n"
    if let layers = layerDecayTable(task) { text += layers }
    return text
  }

  /// A decay needs a gradient at the direction's last step; a task without a
  /// loss there (lookahead) leaves it undefined.
  static let undefinedDecay = "undefined (no loss at the last steps)"

  /// One row per model; bidirectional models get a forward and a backward row.
  func decayRows(
    _ task: ResultsIndex.Task, _ forward: @escaping (TrialSummary) -> Double?,
    _ backward: @escaping (TrialSummary) -> Double?
  ) -> [PivotRow] {
    task.models.flatMap { name -> [PivotRow] in
      let undefined = Self.undefinedDecay
      guard index.model(named: name)?.bidirectional == true else {
        return [PivotRow(label: "`\(name)`", model: name, value: forward, undefined: undefined)]
      }
      return [
        PivotRow(label: "`\(name)` forward", model: name, value: forward, undefined: undefined),
        PivotRow(label: "`\(name)` backward", model: name, value: backward, undefined: undefined),
      ]
    }
  }

  /// One cell per length of `task` for `model`: `cell` of its trials there,
  /// empty where none ran.
  func lengthCells(_ task: ResultsIndex.Task, model: String, _ cell: (TrialGroup) -> String) -> [String] {
    task.seqLens.map { seqLen in index.group(task: task.name, model: model, seqLen: seqLen).map(cell) ?? "" }
  }

  /// Models × lengths, each cell "mean ± std" over the finished seeds.
  func pivot(_ task: ResultsIndex.Task, _ rows: [PivotRow], format: CellFormat) -> MarkdownTable {
    var table = MarkdownTable(header: ["model"] + task.seqLens.map { "T = \($0)" })
    for row in rows {
      table.append(
        [row.label] + lengthCells(task, model: row.model) { cell($0, row.value, format: format, undefined: row.undefined) })
    }
    return table
  }

  /// "0.123 ± 0.004", "0.123" for one seed, "—" for none, plus "(1 diverged)"
  /// when seeds are missing. Infinite values are counted, not averaged
  /// ("-22.6 ± 2.9, −inf in 1/3", "−inf in 3/3"); `undefined` stands for
  /// finished seeds without a value.
  func cell(
    _ group: TrialGroup, _ value: (TrialSummary) -> Double?, format: CellFormat, undefined: String = "—"
  ) -> String {
    cell(SeedValues(group, value), group, format: format, undefined: undefined)
  }

  /// The same for values gathered some other way (e.g. from `gradient_flow.csv`).
  func cell(_ values: SeedValues, _ group: TrialGroup, format: CellFormat, undefined: String = "—") -> String {
    var parts: [String] = []
    if let stats = values.statistics {
      switch format {
      case .significant:
        parts.append(NumberText.meanStd(stats.mean, stats.std))
      case .fixed(let decimals):
        var text = NumberText.fixed(stats.mean, decimals: decimals)
        if let std = stats.std { text += " ± " + NumberText.fixed(std, decimals: decimals) }
        parts.append(text)
      }
    }
    if let note = values.nonFiniteNote { parts.append(note) }
    var text = parts.isEmpty ? (values.isUndefined ? undefined : "—") : parts.joined(separator: ", ")
    if let note = group.unfinishedNote { text += " (\(note))" }
    return text
  }

  func solvedTable(_ task: ResultsIndex.Task) -> MarkdownTable {
    var table = MarkdownTable(header: ["model"] + task.seqLens.map { "T = \($0)" })
    for model in task.models {
      table.append(["`\(model)`"] + lengthCells(task, model: model) { $0.solvedInterval.text })
    }
    return table
  }
}
