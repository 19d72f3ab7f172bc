/// `summary.csv`: one row per trial, flat snake_case columns, full precision.
extension TrialSummary {
  /// Column order of `summary.csv`: what a reader groups by first, then the
  /// headline numbers, then timings and identifiers.
  public static let csvHeader = [
    "task", "task_kind", "seq_len", "model", "cell", "hidden", "layers", "bidirectional", "seed",
    "status", "steps", "steps_completed", "parameter_count",
    "final_eval_loss", "final_eval_accuracy", "baseline", "solved", "steps_to_solve",
    "grad_norm_init", "grad_norm_mean", "grad_decay_init", "grad_decay_final",
    "grad_decay_init_backward", "grad_decay_final_backward",
    "diverged_at_step", "error", "steps_per_second", "wall_seconds", "isa", "trial_id", "config_hash",
  ]

  /// This trial's `summary.csv` fields, in `csvHeader` order; absent values are empty.
  public var csvFields: [String] {
    [
      task, taskKind, String(seqLen), model, cell, String(hidden), String(layers), String(bidirectional),
      String(seed), status.rawValue, String(steps), String(stepsCompleted), String(parameterCount),
      CSV.number(finalEvalLoss), CSV.number(finalEvalAccuracy), CSV.number(baseline), String(solved),
      stepsToSolve.map(String.init) ?? "",
      CSV.number(gradNormInit), CSV.number(gradNormMean), CSV.number(gradDecayInit), CSV.number(gradDecayFinal),
      CSV.number(gradDecayInitBackward), CSV.number(gradDecayFinalBackward),
      divergedAtStep.map(String.init) ?? "", error ?? "", CSV.number(stepsPerSecond), CSV.number(wallSeconds),
      isa ?? "", trialId, configHash,
    ]
  }

  /// The whole `summary.csv` text for `summaries`, in the given order. When
  /// some trial searched, `config_index` and one column per searched path
  /// (sorted, empty where a trial does not search it; see `searchPaths`)
  /// follow `seed`.
  public static func csv(_ summaries: [TrialSummary]) -> String {
    let paths = searchPaths(summaries)
    guard summaries.contains(where: { $0.configIndex != nil }) else {
      return CSV.table(header: csvHeader, rows: summaries.map(\.csvFields))
    }
    let position = csvHeader.firstIndex(of: "seed")! + 1
    var header = csvHeader
    header.insert(contentsOf: ["config_index"] + paths, at: position)
    let rows = summaries.map { summary in
      var fields = summary.csvFields
      let values = paths.map { path in summary.searchValues?[path].map(Self.searchText) ?? "" }
      fields.insert(contentsOf: [summary.configIndex.map(String.init) ?? ""] + values, at: position)
      return fields
    }
    return CSV.table(header: header, rows: rows)
  }

  /// Every searched path of any summary, sorted, except those that are
  /// already columns (`hidden`, `layers`: same name, same resolved value).
  public static func searchPaths(_ summaries: [TrialSummary]) -> [String] {
    Set(summaries.flatMap { $0.searchValues?.keys.map { $0 } ?? [] }).subtracting(csvHeader).sorted()
  }

  /// A searched value as a CSV field: `48`, `0.002`, `orthogonal`, `true`, `null`.
  static func searchText(_ value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .bool(let flag): String(flag)
    case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : CSV.number(number)
    case .string(let text): text
    case .array, .object: ""
    }
  }
}
