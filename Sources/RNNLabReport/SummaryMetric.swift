import RNNLabResults

/// A numeric field of `summary.json` that is aggregated over seeds.
struct SummaryMetric {
  /// The snake_case name, as in `summary.json` and `aggregate.csv`.
  let name: String
  let value: @Sendable (TrialSummary) -> Double?

  static let finalEvalLoss = SummaryMetric(name: "final_eval_loss") { $0.finalEvalLoss }
  static let finalEvalAccuracy = SummaryMetric(name: "final_eval_accuracy") { $0.finalEvalAccuracy }
  static let stepsToSolve = SummaryMetric(name: "steps_to_solve") { $0.stepsToSolve.map(Double.init) }
  static let gradNormInit = SummaryMetric(name: "grad_norm_init") { $0.gradNormInit }
  static let gradNormMean = SummaryMetric(name: "grad_norm_mean") { $0.gradNormMean }
  static let clippedFraction = SummaryMetric(name: "clipped_fraction") { $0.clippedFraction }
  static let gradDecayInit = SummaryMetric(name: "grad_decay_init") { $0.gradDecayInit }
  static let gradDecayFinal = SummaryMetric(name: "grad_decay_final") { $0.gradDecayFinal }
  static let gradDecayInitBackward = SummaryMetric(name: "grad_decay_init_backward") { $0.gradDecayInitBackward }
  static let gradDecayFinalBackward = SummaryMetric(name: "grad_decay_final_backward") {
    $0.gradDecayFinalBackward
  }
  static let gradUnderflowInit = SummaryMetric(name: "grad_underflow_init") { $0.gradUnderflowInit.map(Double.init) }
  static let gradUnderflowFinal = SummaryMetric(name: "grad_underflow_final") {
    $0.gradUnderflowFinal.map(Double.init)
  }
  static let recurrentRadiusInit = SummaryMetric(name: "recurrent_radius_init") { $0.recurrentRadiusInit }
  static let stepsCompleted = SummaryMetric(name: "steps_completed") { Double($0.stepsCompleted) }
  static let stepsPerSecond = SummaryMetric(name: "steps_per_second") { $0.stepsPerSecond }
  static let wallSeconds = SummaryMetric(name: "wall_seconds") { $0.wallSeconds }

  /// Every metric of `aggregate.csv`, in column-reading order.
  static let aggregated: [SummaryMetric] = [
    finalEvalLoss, finalEvalAccuracy, stepsToSolve, gradNormInit, gradNormMean, clippedFraction,
    gradDecayInit, gradDecayFinal, gradDecayInitBackward, gradDecayFinalBackward,
    gradUnderflowInit, gradUnderflowFinal, recurrentRadiusInit, stepsCompleted, stepsPerSecond, wallSeconds,
  ]

  /// Whether any of `trials` has a value for this metric (whatever its status).
  func applies(to trials: [TrialResult]) -> Bool {
    trials.contains { value($0.summary) != nil }
  }
}
