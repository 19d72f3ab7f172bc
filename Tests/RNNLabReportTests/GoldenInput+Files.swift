import Foundation
import RNNLabResults

/// The per-trial files of the golden input: metrics, gradient flow, summary.
extension GoldenInput {
  static func summary(_ trial: Trial, configHash: String) -> TrialSummary {
    let done = trial.status == .done
    let inputs = trial.kind == "copy" ? 10 : 2
    let gates = trial.model.cell == "lstm" ? 4 : trial.model.cell == "gru" ? 3 : 1
    let directions = trial.model.bidirectional ? 2 : 1
    let h = trial.model.hidden
    var parameters = 0
    for layer in 0..<trial.model.layers {
      let input = layer == 0 ? inputs : directions * h
      parameters += directions * gates * h * (input + h + 2)
    }
    parameters += inputs * (directions * h + 1)
    let wall = Double(trial.stepsCompleted) / (40 + 10 * trial.jitter("speed")) * Double(trial.seqLen) / 25
    return TrialSummary(
      trialId: trial.id, configHash: configHash, status: trial.status, task: trial.kind, taskKind: trial.kind,
      seqLen: trial.seqLen, model: trial.model.name, cell: trial.model.cell, hidden: h,
      layers: trial.model.layers, bidirectional: trial.model.bidirectional, seed: trial.seed, steps: steps,
      stepsCompleted: trial.stepsCompleted, parameterCount: parameters,
      finalEvalLoss: done ? trial.finalLoss : nil, finalEvalAccuracy: done ? trial.accuracy : nil,
      baseline: trial.baseline, solved: trial.stepsToSolve != nil, stepsToSolve: trial.stepsToSolve,
      gradNormInit: trial.gradNormInit, gradNormMean: trial.gradNormMean,
      clippedFraction: trial.status == .failed ? nil : clippedShare(trial),
      gradDecayInit: trial.summaryDecay(final: false), gradDecayFinal: done ? trial.summaryDecay(final: true) : nil,
      gradDecayInitBackward: trial.model.bidirectional ? trial.decay(final: false, backward: true) : nil,
      gradDecayFinalBackward: trial.model.bidirectional && done ? trial.decay(final: true, backward: true) : nil,
      divergedAtStep: trial.status == .diverged ? trial.stepsCompleted : nil,
      error: trial.status == .failed ? "engine: cannot allocate 3.2 GB for the backward cache" : nil,
      wallSeconds: wall, stepsPerSecond: Double(trial.stepsCompleted) / wall, isa: "avx512")
  }

  /// The share of the logged updates whose `clipped` flag is 1 (the golden
  /// metrics are the only steps there are).
  static func clippedShare(_ trial: Trial) -> Double {
    let flags = metrics(trial).filter { $0.metric == .clipped }.map(\.value)
    return flags.reduce(0, +) / Double(flags.count)
  }

  /// Eval loss at `step`: an exponential approach from above the baseline to
  /// the final loss; the diverged trial blows up after step 200.
  static func evalLoss(_ trial: Trial, step: Int) -> Double {
    let start = trial.baseline * (1.6 + 0.1 * trial.jitter("start"))
    let end = trial.status == .done ? trial.finalLoss : trial.targetLoss
    // The last evaluation is the final eval loss of the summary.
    if trial.status == .done, step == steps { return end }
    let tau = Double(trial.stepsToSolve ?? 160) / 4
    let curve = end + (start - end) * exp(-Double(step) / tau)
    let wiggle = 1 + 0.04 * sin(Double(step) / 37 + Double(trial.seed))
    if trial.status == .diverged, step > 150 { return curve * pow(9, Double(step - 150) / 50) }
    return curve * wiggle
  }

  static func metrics(_ trial: Trial) -> [MetricPoint] {
    var points: [MetricPoint] = []
    for step in stride(from: 0, through: trial.stepsCompleted, by: evalEvery) {
      let loss = evalLoss(trial, step: step)
      points.append(MetricPoint(step: step, split: .train, metric: .loss, value: loss * (1 + 0.05 * sin(Double(step)))))
      let norm = step == 0 ? trial.gradNormInit : trial.gradNormMean * (1 + 0.3 * cos(Double(step) / 60))
      let grow = trial.status == .diverged && step > 150 ? pow(20, Double(step - 150) / 50) : 1
      points.append(MetricPoint(step: step, split: .train, metric: .gradNorm, value: norm * grow))
      points.append(MetricPoint(step: step, split: .train, metric: .gradNormInput, value: norm * grow * 0.3))
      points.append(MetricPoint(step: step, split: .train, metric: .gradNormRecurrent, value: norm * grow * 0.9))
      points.append(MetricPoint(step: step, split: .train, metric: .gradNormBias, value: norm * grow * 0.1))
      points.append(MetricPoint(step: step, split: .train, metric: .gradNormHead, value: norm * grow * 0.2))
      points.append(MetricPoint(step: step, split: .train, metric: .clipped, value: norm * grow > 1 ? 1 : 0))
      points.append(MetricPoint(step: step, split: .eval, metric: .loss, value: loss))
      if let accuracy = trial.accuracy {
        let fraction = step == steps ? 1 : 1 - exp(-Double(step) / 100)
        points.append(MetricPoint(step: step, split: .eval, metric: .accuracy, value: 1 / 8 + (accuracy - 1 / 8) * fraction))
      }
    }
    if trial.status == .diverged {
      points.append(MetricPoint(step: trial.stepsCompleted, split: .train, metric: .loss, value: .nan))
      points.append(MetricPoint(step: trial.stepsCompleted, split: .train, metric: .gradNorm, value: .infinity))
    }
    return points
  }

  /// Snapshots at step 0 and (finished trials) at the last step: every layer
  /// and direction, norms decaying geometrically away from where the loss is.
  static func flow(_ trial: Trial) -> [FlowPoint] {
    var points: [FlowPoint] = []
    let snapshots = trial.hasFinalSnapshot ? [0, steps] : [0]
    let directions: [FlowDirection] = trial.model.bidirectional ? [.forward, .backward] : [.forward]
    let length = trial.length
    for step in snapshots {
      for layer in 0..<trial.model.layers {
        for direction in directions {
          let decay = trial.decay(final: step > 0, backward: direction == .backward)
          let top = trial.gradNormInit * 0.4 * (layer + 1 == trial.model.layers ? 1 : 0.6)
          for t in 1...length {
            // Distance from the step the direction reads last, where the gradient enters.
            let distance = direction == .forward ? length - t : t - 1
            let ripple = 1 + 0.08 * sin(Double(t) * 0.7 + Double(trial.seed))
            let norm = top * pow(10, decay * Double(distance) / Double(length - 1)) * ripple
            points.append(
              FlowPoint(
                step: step, layer: layer, direction: direction, timestep: t, normDh: norm,
                normDc: trial.model.cell == "lstm" ? norm * 1.7 : nil))
          }
        }
      }
    }
    return points
  }
}
