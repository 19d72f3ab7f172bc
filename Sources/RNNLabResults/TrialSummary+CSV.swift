/// `summary.csv`: one row per trial, flat snake_case columns, full precision.
extension TrialSummary {
  /// Column order of `summary.csv`: what a reader groups by first, then the
  /// headline numbers, then timings and identifiers. The searched keys of a
  /// search (`csvHeader(searchKeys:)`) follow `config_index`; the numbers at
  /// other lengths (`eval_T<T′>_loss`, `_accuracy`, `_solved`), when some
  /// trial has them, follow `steps_to_solve`.
  public static let csvHeader = csvHeader(searchKeys: [])

  /// The three columns of one tested length.
  public static func lengthColumns(_ seqLen: Int) -> [String] {
    ["loss", "accuracy", "solved"].map { "eval_T\(seqLen)_\($0)" }
  }

  /// The header with one column per searched key after `config_index`, and
  /// three per tested length after `steps_to_solve`.
  public static func csvHeader(searchKeys: [String], evaluationLengths: [Int] = []) -> [String] {
    ["task", "task_kind", "seq_len", "model", "config_index"] + searchKeys + [
      "cell", "hidden", "layers", "bidirectional", "seed",
      "status", "steps", "steps_completed", "parameter_count",
      "final_eval_loss", "final_eval_accuracy", "final_val_loss", "final_val_accuracy", "kept_step", "baseline",
      "solved", "selected", "steps_to_solve",
    ] + evaluationLengths.flatMap(lengthColumns) + [
      "grad_norm_init", "grad_norm_mean", "clipped_fraction", "grad_decay_init", "grad_decay_final",
      "grad_decay_init_backward", "grad_decay_final_backward",
      "grad_underflow_init", "grad_underflow_final", "recurrent_radius_init",
      "diverged_at_step", "error", "steps_per_second", "wall_seconds", "isa", "trial_id", "config_hash",
    ]
  }

  /// Every searched key over `summaries`, in first-seen order.
  public static func searchKeys(_ summaries: [TrialSummary]) -> [String] {
    var keys: [String] = []
    for summary in summaries {
      for key in summary.searchValues?.keys ?? [] where !keys.contains(key) { keys.append(key) }
    }
    return keys
  }

  /// This trial's `summary.csv` fields, in `csvHeader(searchKeys:)` order;
  /// absent values (and keys this trial did not search) are empty.
  public func csvFields(searchKeys: [String] = [], evaluationLengths: [Int] = [], selected: Bool = true) -> [String] {
    [task, taskKind, String(seqLen), model, configIndex.map(String.init) ?? ""]
      + searchKeys.map { searchValues?[$0]?.fieldText ?? "" } + [
        cell, String(hidden), String(layers), String(bidirectional),
        String(seed), status.rawValue, String(steps), String(stepsCompleted), String(parameterCount),
        CSV.number(finalEvalLoss), CSV.number(finalEvalAccuracy), CSV.number(finalValLoss),
        CSV.number(finalValAccuracy), keptStep.map(String.init) ?? "", CSV.number(baseline), String(solved), String(selected),
        stepsToSolve.map(String.init) ?? "",
      ] + evaluationLengths.flatMap(lengthFields) + [
        CSV.number(gradNormInit), CSV.number(gradNormMean), CSV.number(clippedFraction), CSV.number(gradDecayInit), CSV.number(gradDecayFinal),
        CSV.number(gradDecayInitBackward), CSV.number(gradDecayFinalBackward),
        gradUnderflowInit.map(String.init) ?? "", gradUnderflowFinal.map(String.init) ?? "",
        CSV.number(recurrentRadiusInit),
        divergedAtStep.map(String.init) ?? "", error ?? "", CSV.number(stepsPerSecond), CSV.number(wallSeconds),
        isa ?? "", trialId, configHash,
      ]
  }

  /// The whole `summary.csv` text for `summaries`, in the given order;
  /// `selected(summary)` fills the `selected` column (every trial when nil).
  public static func csv(_ summaries: [TrialSummary], selected: ((TrialSummary) -> Bool)? = nil) -> String {
    // A searched `hidden` or `layers` already has its column.
    let keys = searchKeys(summaries).filter { !csvHeader.contains($0) }
    let lengths = evaluationLengths(summaries)
    return CSV.table(
      header: csvHeader(searchKeys: keys, evaluationLengths: lengths),
      rows: summaries.map { $0.csvFields(searchKeys: keys, evaluationLengths: lengths, selected: selected?($0) ?? true) })
  }

  /// Loss, accuracy and solved at `seqLen`; empty where this trial was not tested there.
  private func lengthFields(_ seqLen: Int) -> [String] {
    guard let entry = evaluation(at: seqLen) else { return ["", "", ""] }
    return [CSV.number(entry.loss), CSV.number(entry.accuracy), String(entry.solved)]
  }
}
