import RNNLabResults

/// The "trained at T → tested at T′" table of a task whose trials were tested
/// at other lengths: one row per model and training length, one column per
/// tested length. It grows with the spec's lists only (at most 32 lengths).
extension MarkdownReport {
  func lengthsSection(for task: ResultsIndex.Task) -> String {
    let trials = index.trials.filter { $0.summary.task == task.name }
    guard let tests = TestedLengths(trials) else { return "" }
    var table = MarkdownTable(header: ["model", "trained at"] + tests.lengths.map { "tested at T′ = \($0)" })
    let format: CellFormat = tests.usesAccuracy ? .fixed(decimals: 3) : .significant
    for model in task.models {
      for seqLen in task.seqLens {
        guard let group = index.group(task: task.name, model: model, seqLen: seqLen) else { continue }
        let cells = tests.lengths.map { length -> String in
          guard TestedLengths.tested(group, at: length) else { return "" }
          return cell(group, tests.value(at: length), format: format)
            + ", solved " + TestedLengths.solvedText(group, at: length)
        }
        table.append(["`\(model)`", "T = \(seqLen)"] + cells)
      }
    }
    return """
      ### Trained at T → tested at T′

      Each trial's final parameters (the kept ones with `keep: best_val`) tested on a fixed set of fresh \
      sequences at each length T′: the \(tests.metricName) as mean ± std over the finished seeds, then the seeds \
      that meet the task's solved rule at T′, out of all seeds.

      \(table.text)

      """
  }
}
