import RNNLabEngine
import RNNLabResults
import RNNLabSpec

/// The `summary.json` of a trial, from its training record.
extension TrialRunner {
  func summary(
    _ trial: Trial, blueprint: TrialBlueprint, model: RecurrentModel, record: TrainingRecord, wallSeconds: Double,
    initialRadius: Double?
  ) -> TrialSummary {
    let norms = record.gradientNorms
    var summary = TrialSummary(
      trialId: trial.id, configHash: trial.configHash, status: Self.status(record.status),
      task: trial.task.name, taskKind: trial.task.kind.rawValue, seqLen: trial.seqLen,
      model: trial.model.name, cell: trial.model.cell.rawValue, hidden: trial.model.hidden,
      layers: trial.model.layers, bidirectional: trial.model.bidirectional, seed: trial.seed,
      steps: trial.training.steps, stepsCompleted: record.stepsCompleted, parameterCount: model.parameterCount,
      finalEvalLoss: record.finalEvalLoss, finalEvalAccuracy: record.finalEvalAccuracy,
      finalValLoss: record.finalValLoss, finalValAccuracy: record.finalValAccuracy,
      keptStep: trial.training.keep == .bestVal && record.status == .done ? record.kept?.step : nil,
      baseline: blueprint.task.baselineLoss, solved: record.solved, stepsToSolve: record.stepsToSolve,
      gradNormInit: norms.first, gradNormMean: norms.isEmpty ? nil : norms.reduce(0, +) / Double(norms.count),
      clippedFraction: Self.clippedFraction(record, training: trial.training),
      gradDecayInit: record.decayInit, gradDecayFinal: record.decayFinal,
      gradDecayInitBackward: record.decayInitBackward, gradDecayFinalBackward: record.decayFinalBackward,
      divergedAtStep: record.divergedAtStep, error: nil, wallSeconds: wallSeconds,
      stepsPerSecond: record.trainingSeconds > 0 ? Double(record.stepsCompleted) / record.trainingSeconds : 0,
      isa: isa, configIndex: trial.search?.index, searchValues: Self.searchValues(trial))
    summary.gradUnderflowInit = record.underflowInit
    summary.gradUnderflowFinal = record.underflowFinal
    summary.recurrentRadiusInit = initialRadius
    return summary

  }

  /// The summary of a trial that could not even be set up.
  func failedSummary(_ trial: Trial, error: String, wallSeconds: Double) -> TrialSummary {
    var summary = TrialSummary(
      trialId: trial.id, configHash: trial.configHash, status: .failed,
      task: trial.task.name, taskKind: trial.task.kind.rawValue, seqLen: trial.seqLen,
      model: trial.model.name, cell: trial.model.cell.rawValue, hidden: trial.model.hidden,
      layers: trial.model.layers, bidirectional: trial.model.bidirectional, seed: trial.seed,
      steps: trial.training.steps, stepsCompleted: 0, parameterCount: 0,
      finalEvalLoss: nil, baseline: .nan, solved: false,
      gradNormInit: nil, gradNormMean: nil, gradDecayInit: nil, gradDecayFinal: nil,
      error: error, wallSeconds: wallSeconds, stepsPerSecond: 0, isa: isa,
      configIndex: trial.search?.index, searchValues: Self.searchValues(trial))
    summary.evalLengths = Trainer.untested(trial.task.evaluationLengths)
    return summary
  }

  /// The trial's searched values by path, in the search space's order.
  static func searchValues(_ trial: Trial) -> SearchValues? {
    guard let search = trial.search else { return nil }
    return SearchValues(search.values.map { value in
      let json: RNNLabResults.JSONValue = switch value.value {
      case .null: .null
      case .bool(let flag): .bool(flag)
      case .int(let number): .number(Double(number))
      case .double(let number): .number(number)
      case .string(let text): .string(text)
      }
      return SearchValues.Entry(key: value.path, value: json)
    })
  }

  /// Clipped updates over updates whose gradient reached clipping (the
  /// `gradientNorms`); nil without clipping configured or without any update.
  static func clippedFraction(_ record: TrainingRecord, training: TrainingSpec) -> Double? {
    guard training.clipNorm != nil || training.clipValue != nil, !record.gradientNorms.isEmpty else { return nil }
    return Double(record.clippedSteps) / Double(record.gradientNorms.count)
  }

  static func status(_ status: TrialOutcome.Status) -> TrialStatus {
    switch status {
    case .done: .done
    case .diverged: .diverged
    case .failed: .failed
    case .pruned, .paused: .pruned
    }
  }
}
