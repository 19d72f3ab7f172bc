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
    "grad_underflow_init", "grad_underflow_final", "recurrent_radius_init",
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
      gradUnderflowInit.map(String.init) ?? "", gradUnderflowFinal.map(String.init) ?? "",
      CSV.number(recurrentRadiusInit),
      divergedAtStep.map(String.init) ?? "", error ?? "", CSV.number(stepsPerSecond), CSV.number(wallSeconds),
      isa ?? "", trialId, configHash,
    ]
  }

  /// The whole `summary.csv` text for `summaries`, in the given order.
  public static func csv(_ summaries: [TrialSummary]) -> String {
    CSV.table(header: csvHeader, rows: summaries.map(\.csvFields))
  }
}
