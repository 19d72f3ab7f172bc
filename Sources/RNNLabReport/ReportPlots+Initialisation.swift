import Foundation
import RNNLabResults

/// The gradient at initialisation against sequence length (log y, one line
/// per model): ‖∂L/∂θ‖ and ‖∂L/∂h_1‖. With recurrent weights of spectral
/// radius below 1 the lines fall with T, above 1 they rise.
///
/// Step 0 comes before any update, so a trial that diverged later measured
/// it as well as one that finished: these plots use every trial that has the
/// value, `done` or `diverged` (a failed trial has none). The line is the
/// geometric mean over those seeds, the bars their min–max; zeros (underflow)
/// and non-finite values cannot be averaged on a log scale and are counted
/// in grey legend notes instead of being dropped silently.
extension ReportPlots {
  /// ‖∂L/∂h_1‖ at step 0: the top layer's forward direction at timestep 1
  /// (the gradient that crossed the whole sequence).
  static func firstStepGradient(_ trial: TrialResult) -> Double? {
    guard let top = trial.flow.map(\.layer).max() else { return nil }
    return trial.flow.first { $0.step == 0 && $0.layer == top && $0.direction == .forward && $0.timestep == 1 }?
      .normDh
  }

  var parameterGradientAtInit: PlotFile? {
    initialGradient(
      file: "grad-norm-init", what: "‖∂L/∂θ‖", detail: "Global parameter-gradient norm before clipping, step 0"
    ) { $0.summary.gradNormInit }
  }

  var firstStepGradientAtInit: PlotFile? {
    initialGradient(
      file: "grad-h1-init", what: "‖∂L/∂h_1‖",
      detail: "The gradient reaching the first hidden state: top layer, forward direction, step 0", value: Self.firstStepGradient)
  }

  /// One plot of `value` at initialisation against T.
  private func initialGradient(
    file: String, what: String, detail: String, value: @escaping (TrialResult) -> Double?
  ) -> PlotFile? {
    var series: [LineChart.Series] = []
    var legend: [LineChart.LegendEntry] = []
    var notes: [LineChart.LegendEntry] = []
    for model in models() {
      var line = LineChart.Series(style: Palette.style(position: model.position), points: [])
      for seqLen in task.seqLens {
        let values = InitialValues(group(model, seqLen)?.trials ?? [], value)
        line.points.append(LineChart.Point(x: Double(seqLen), y: values.geometricMean ?? .nan))
        if values.kept.count > 1, let low = values.kept.min(), let high = values.kept.max() {
          line.whiskers.append(LineChart.Range(x: Double(seqLen), low: low, high: high))
        }
        if let note = values.droppedNote {
          let effect = values.kept.isEmpty ? "not shown" : "left out of the mean"
          notes.append(LineChart.LegendEntry(label: "\(model.name), T = \(seqLen): \(note), \(effect)", style: nil))
        }
      }
      let hasData = line.points.contains { $0.y.isFinite }
      if hasData { series.append(line) }
      legend.append(Self.legendEntry(model, hasData: hasData, missing: "no value at step 0"))
    }
    guard !series.isEmpty else { return nil }
    let shown = series.flatMap { $0.points.map(\.y) + $0.whiskers.flatMap { [$0.low, $0.high] } }
    let chart = LineChart(
      title: "\(task.name): \(what) at initialisation vs sequence length",
      subtitle: "\(detail). Geometric mean over the seeds (finished or diverged later); bars: min–max.",
      xLabel: Self.label("sequence length T", lengthAxisScale), yLabel: "\(what) at step 0 (log scale)",
      xAxis: .categorical(task.seqLens.map(Double.init), scale: lengthAxisScale),
      yAxis: .logarithmic(covering: shown),
      panels: [LineChart.Panel(title: nil, series: series)], legend: legend + notes)
    return PlotFile(
      name: "\(stem)-\(file).svg", caption: "\(task.name): \(what) at initialisation vs sequence length",
      svg: chart.svg)
  }
}

/// A step-0 value over the seeds of one cell that measured it: the positive
/// finite ones (kept) and a count of the rest.
struct InitialValues {
  var kept: [Double] = []
  var zeros = 0
  var positiveInfinities = 0
  var nans = 0
  /// Seeds with a value at all.
  var measured = 0

  init(_ trials: [TrialResult], _ value: (TrialResult) -> Double?) {
    for trial in trials where trial.summary.status != .failed {
      guard let x = value(trial) else { continue }
      measured += 1
      if x.isNaN { nans += 1 } else if x == .infinity { positiveInfinities += 1 } else if x <= 0 { zeros += 1 } else {
        kept.append(x)
      }
    }
  }

  var geometricMean: Double? {
    kept.isEmpty ? nil : exp(kept.map(log).reduce(0, +) / Double(kept.count))
  }

  /// "0 in 2/3, +inf in 1/3"; nil when every value was kept. A norm is never
  /// negative, so "0" is an underflow to zero.
  var droppedNote: String? {
    let parts = [("0", zeros), ("+inf", positiveInfinities), ("nan", nans)].compactMap { name, count in
      count > 0 ? "\(name) in \(count)/\(measured)" : nil
    }
    return parts.isEmpty ? nil : parts.joined(separator: ", ")
  }
}
