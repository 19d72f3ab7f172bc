import RNNLabResults

/// `selection.csv`: the selected configuration of each task × length × model.
///
/// Columns: `task,seq_len,model,configurations,config_index`, one column per
/// searched key (union over the folder, first-seen order, empty where the
/// configuration has none), then `mean_val_loss` (empty when some seed has
/// no finite validation loss), `seeds`, and the selected configuration's test
/// metrics: `mean_final_eval_loss` over its finished seeds with a finite loss
/// (like the report's tables) and `solved` (seeds that solved the task, out
/// of `seeds`).
extension Selection {
  func csv(searchKeys: [String]) -> String {
    let header = ["task", "seq_len", "model", "configurations", "config_index"] + searchKeys + [
      "mean_val_loss", "seeds", "mean_final_eval_loss", "solved",
    ]
    let rows = cells.map { cell -> [String] in
      let chosen = cell.selected
      let group = TrialGroup(key: cell.key, trials: chosen.trials)
      let configIndex: String = chosen.configIndex.map(String.init) ?? ""
      let lead: [String] = [
        cell.key.task, String(cell.key.seqLen), cell.key.model, String(cell.candidates.count), configIndex,
      ]
      let values: [String] = searchKeys.map { chosen.searchValues?[$0]?.fieldText ?? "" }
      let testLoss = SeedValues(group, { $0.finalEvalLoss }).statistics?.mean
      let metrics: [String] = [
        CSV.number(chosen.meanValLoss), String(chosen.trials.count), CSV.number(testLoss), String(group.solvedCount),
      ]
      return lead + values + metrics
    }
    return CSV.table(header: header, rows: rows)
  }
}
