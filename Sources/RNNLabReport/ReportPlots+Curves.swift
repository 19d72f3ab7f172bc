import Foundation
import RNNLabResults

/// Plots over time: the gradient-flow profile along the sequence and the
/// training curves.
extension ReportPlots {
  /// ‖∂L/∂h_t‖ against t for each model at the task's longest length, top
  /// layer, at initialisation and at the last snapshot (log y).
  var gradientFlow: PlotFile? {
    guard let seqLen = task.seqLens.last else { return nil }
    var initial: [LineChart.Series] = []
    var final: [LineChart.Series] = []
    var legend: [LineChart.LegendEntry] = []
    for model in models() {
      let trials = group(model, seqLen)?.done ?? []
      var found = false
      for direction in FlowDirection.allCases {
        let style = Palette.style(position: model.position, backward: direction == .backward)
        let (atInit, droppedInit) = Self.profile(trials, direction: direction, final: false)
        let (atEnd, droppedEnd) = Self.profile(trials, direction: direction, final: true)
        if !atInit.isEmpty { initial.append(LineChart.Series(style: style, points: atInit)) }
        if !atEnd.isEmpty { final.append(LineChart.Series(style: style, points: atEnd)) }
        guard !atInit.isEmpty || !atEnd.isEmpty else { continue }
        found = true
        let suffix = direction == .backward ? " (backward)" : ""
        legend.append(Self.legendEntry(model, hasData: true, suffix: suffix, backward: direction == .backward))
        for (phase, dropped) in [("init", droppedInit), ("trained", droppedEnd)] where dropped.count > 0 {
          legend.append(
            LineChart.LegendEntry(
              label: "\(model.name)\(suffix) (\(phase)): \(dropped.count) of \(dropped.of) norms 0 or non-finite, "
                + "left out of the mean", style: nil))
        }
      }
      if !found { legend.append(LineChart.LegendEntry(label: "\(model.name): no flow data", style: nil)) }
    }
    guard !initial.isEmpty || !final.isEmpty else { return nil }
    legend += unfinishedNotes([seqLen])
    var panels = [LineChart.Panel(title: "at initialisation (step 0)", series: initial)]
    if !final.isEmpty { panels.append(LineChart.Panel(title: "after training (last snapshot)", series: final)) }
    let all = (initial + final).flatMap(\.points)
    let chart = LineChart(
      title: "\(task.name), T = \(seqLen): gradient flow along the sequence",
      subtitle: "‖∂L/∂h_t‖ of the top layer, geometric mean over finished seeds.",
      xLabel: "timestep t", yLabel: "‖∂L/∂h_t‖ (log scale)",
      xAxis: .linear(covering: [1] + all.map(\.x)), yAxis: .logarithmic(covering: all.map(\.y)),
      panels: panels, legend: legend)
    return PlotFile(
      name: "\(stem)-gradient-flow.svg",
      caption: "\(task.name), T = \(seqLen): gradient norm ‖∂L/∂h_t‖ along the sequence", svg: chart.svg)
  }

  /// The geometric mean over trials of ‖∂L/∂h_t‖ per timestep, top layer, at
  /// step 0 or at each trial's last snapshot after step 0, and how many of
  /// the norms (trials × timesteps) were 0 or not finite and so left out of
  /// the mean (the legend says so; since the probe is float64, a 0 is rare).
  static func profile(
    _ trials: [TrialResult], direction: FlowDirection, final: Bool
  ) -> (points: [LineChart.Point], dropped: (count: Int, of: Int)) {
    var logs: [Int: [Double]] = [:]
    var dropped = 0, total = 0
    for trial in trials {
      guard let top = trial.flow.map(\.layer).max() else { continue }
      let rows = trial.flow.filter { $0.layer == top && $0.direction == direction }
      let step = final ? (rows.map(\.step).max() ?? 0) : 0
      guard !final || step > 0 else { continue }
      for row in rows where row.step == step {
        total += 1
        guard row.normDh > 0 && row.normDh.isFinite else {
          dropped += 1
          continue
        }
        logs[row.timestep, default: []].append(log(row.normDh))
      }
    }
    let points = logs.keys.sorted().map { t in
      let values = logs[t]!
      return LineChart.Point(x: Double(t), y: exp(values.reduce(0, +) / Double(values.count)))
    }
    return (points, (dropped, total))
  }

  /// Eval loss against training step at one length: the mean line per model
  /// with a min–max band over seeds, and the baseline.
  func trainingCurves(seqLen: Int) -> PlotFile? {
    var series: [LineChart.Series] = []
    var legend: [LineChart.LegendEntry] = []
    for model in models() {
      let curves = (group(model, seqLen)?.done ?? []).map { $0.series(.loss, split: .eval) }.filter { !$0.isEmpty }
      guard !curves.isEmpty else {
        legend.append(Self.legendEntry(model, hasData: false))
        continue
      }
      var byStep: [Int: [Double]] = [:]
      for curve in curves {
        for point in curve where point.value.isFinite { byStep[point.step, default: []].append(point.value) }
      }
      var line = LineChart.Series(style: Palette.style(position: model.position), points: [])
      for step in byStep.keys.sorted() {
        guard let stats = SummaryStatistics(byStep[step]!) else { continue }
        line.points.append(LineChart.Point(x: Double(step), y: stats.mean))
        line.band.append(LineChart.Range(x: Double(step), low: stats.min, high: stats.max))
      }
      series.append(line)
      var entry = Self.legendEntry(model, hasData: true)
      entry.band = curves.count > 1
      legend.append(entry)
    }
    guard !series.isEmpty else { return nil }
    let steps = series.flatMap { $0.points.map(\.x) }
    if let baseline = task.baselines[seqLen], let first = steps.min(), let last = steps.max() {
      series.append(
        LineChart.Series(
          style: Palette.baseline, points: [LineChart.Point(x: first, y: baseline), LineChart.Point(x: last, y: baseline)]))
      legend.append(LineChart.LegendEntry(label: "trivial baseline", style: Palette.baseline))
    }
    legend += unfinishedNotes([seqLen])
    let values = series.flatMap { $0.points.map(\.y) + $0.band.flatMap { [$0.low, $0.high] } }
    let scale = Self.valueScale(values)
    let chart = LineChart(
      title: "\(task.name), T = \(seqLen): eval loss during training",
      subtitle: "Mean over finished seeds; band: min–max over seeds; dashed: trivial baseline.",
      xLabel: "training step", yLabel: Self.label("eval loss", scale),
      xAxis: .linear(covering: steps), yAxis: Self.axis(values, scale: scale),
      panels: [LineChart.Panel(title: nil, series: series)], legend: legend)
    return PlotFile(
      name: "\(stem)-training-T\(seqLen).svg", caption: "\(task.name), T = \(seqLen): eval loss during training",
      svg: chart.svg)
  }
}
