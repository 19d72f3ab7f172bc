/// "Variants compared": every model of a task against the reference model.
extension MarkdownReport {
  /// The comparison table of one task, or nil when the task has one model or
  /// lacks the reference.
  func variants(for task: ResultsIndex.Task) -> String? {
    guard task.models.count > 1, let reference = reference.name else { return nil }
    guard task.models.contains(reference) else {
      return "### Variants compared\n\nThe reference model `\(reference)` has no trials in this task.\n\n"
    }
    var table = MarkdownTable(
      header: ["model"] + task.seqLens.map { "loss ratio, T = \($0)" }
        + ["longest T solved by all seeds", "longest T solved by any seed"])
    for model in task.models {
      var row = ["`\(model)`" + (model == reference ? " (reference)" : "")]
      for seqLen in task.seqLens {
        row.append(ratioText(meanLoss(task, model, seqLen), meanLoss(task, reference, seqLen)))
      }
      row.append(longestSolved(task, model, allSeeds: true))
      row.append(longestSolved(task, model, allSeeds: false))
      table.append(row)
    }
    return """
      ### Variants compared with `\(reference)`

      Loss ratio: the model's mean final eval loss divided by `\(reference)`'s at the same length \
      (below 1 = lower loss than `\(reference)`). Longest T solved: the longest length at which every \
      seed (any seed) met the task's criterion.

      \(table.text)
      \(differences(task, from: reference))
      """
  }

  /// Per model and length: solved counts and loss ratio against the
  /// reference, each with the p-value of the difference.
  private func differences(_ task: ResultsIndex.Task, from reference: String) -> String {
    var table = MarkdownTable(
      header: ["model", "T", "solved", "`\(reference)` solved", "p (Fisher)", "loss ratio", "p (Mann–Whitney)"],
      rightAligned: [false, true, true, true, true, true, true])
    for model in task.models where model != reference {
      for seqLen in task.seqLens {
        guard let mine = index.group(task: task.name, model: model, seqLen: seqLen),
          let theirs = index.group(task: task.name, model: reference, seqLen: seqLen)
        else { continue }
        let ratio = ratioText(meanLoss(task, model, seqLen), meanLoss(task, reference, seqLen))
        table.append([
          "`\(model)`", String(seqLen), mine.solvedInterval.text, theirs.solvedInterval.text,
          Significance.solved(mine, theirs).text, ratio, Significance.finalLoss(mine, theirs).text,
        ])
      }
    }
    return """
      Differences from `\(reference)`: solved counts with their 95 % Wilson intervals, and the loss ratio \
      as above, each with its p-value. \(Significance.legend)

      \(table.text)

      """
  }

  private func ratioText(_ mine: Double?, _ theirs: Double?) -> String {
    guard let mine, let theirs, theirs > 0 else { return "—" }
    return NumberText.significant(mine / theirs) + "×"
  }

  private func meanLoss(_ task: ResultsIndex.Task, _ model: String, _ seqLen: Int) -> Double? {
    index.group(task: task.name, model: model, seqLen: seqLen)?.statistics { $0.finalEvalLoss }?.mean
  }

  private func longestSolved(_ task: ResultsIndex.Task, _ model: String, allSeeds: Bool) -> String {
    let solved = task.seqLens.filter { seqLen in
      guard let group = index.group(task: task.name, model: model, seqLen: seqLen) else { return false }
      return allSeeds ? group.solvedCount == group.trials.count : group.solvedCount > 0
    }
    return solved.last.map(String.init) ?? "none"
  }
}
