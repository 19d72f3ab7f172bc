import RNNLabEngine
import RNNLabResults

/// Everything one training run produced, before it is written to the trial's folder.
struct TrainingRecord {
  var status: TrialOutcome.Status = .done
  /// Optimiser updates applied.
  var stepsCompleted = 0
  /// Long-form rows of `metrics.csv`, in the order they happened.
  var metrics: [MetricPoint] = []
  /// Rows of `gradient_flow.csv`, one snapshot after another.
  var flow: [FlowPoint] = []
  /// The last evaluation (loss, accuracy), unless the trial diverged.
  var finalEvalLoss: Double?
  var finalEvalAccuracy: Double?
  /// The last validation (loss, accuracy), unless the trial diverged.
  var finalValLoss: Double?
  var finalValAccuracy: Double?
  /// With `keep: best_val`: the evaluation with the lowest validation loss so
  /// far (its parameters are the trainer's kept copy).
  var kept: KeptEvaluation?
  /// First evaluation step at which the task's criterion held.
  var stepsToSolve: Int?
  /// Global gradient norm (before clipping) of every update, in step order.
  var gradientNorms: [Double] = []
  /// Updates whose gradient clipping changed (one per update at most).
  var clippedSteps = 0
  /// Decays of the first and of the latest snapshot, per direction.
  var decayInit: Double?
  var decayFinal: Double?
  var decayInitBackward: Double?
  var decayFinalBackward: Double?
  /// Timesteps whose float32 ‖∂L/∂h_t‖ was exactly 0 (top layer, forward
  /// direction) at the first and at the latest snapshot.
  var underflowInit: Int?
  var underflowFinal: Int?
  var divergedAtStep: Int?
  /// Seconds spent in training steps only (not evaluation or flow probes).
  var trainingSeconds = 0.0
  /// Wall seconds of the trial's earlier segments, before the resume that
  /// started this one (so `wall_seconds` counts every segment).
  var wallSeconds = 0.0

  var solved: Bool { stepsToSolve != nil }

  /// Adds one flow snapshot's rows (the float64 `profile`) and updates the
  /// decays (the top layer's) and the float32 underflow counts (`float32`:
  /// the same probe as training's float32 computes it).
  mutating func record(flow profile: GradientFlow, float32: GradientFlow, step: Int) {
    for series in profile.series {
      let direction: FlowDirection = series.direction == .forward ? .forward : .backward
      for (position, normDh) in series.hidden.enumerated() {
        flow.append(
          FlowPoint(
            step: step, layer: series.layer, direction: direction, timestep: position + 1,
            normDh: normDh, normDc: series.cell?[position]))
      }
    }
    let forward = profile.series(direction: .forward).flatMap {
      GradientDecay.decay(norms: $0.hidden, backwardDirection: false)
    }
    let backward = profile.series(direction: .backward).flatMap {
      GradientDecay.decay(norms: $0.hidden, backwardDirection: true)
    }
    let underflow = float32.series(direction: .forward).map { $0.hidden.filter { $0 == 0 }.count }
    if step == 0 {
      decayInit = forward
      decayInitBackward = backward
      underflowInit = underflow
    }
    decayFinal = forward
    decayFinalBackward = backward
    underflowFinal = underflow
  }

  /// Adds one metric row.
  mutating func record(_ metric: MetricName, _ value: Double, step: Int, split: MetricSplit) {
    metrics.append(MetricPoint(step: step, split: split, metric: metric, value: value))
  }
}

/// One evaluation's numbers on both fixed sets, and the step they were taken at.
struct KeptEvaluation: Equatable {
  var step: Int
  var evalLoss: Double
  var evalAccuracy: Double?
  var valLoss: Double
  var valAccuracy: Double?
}
