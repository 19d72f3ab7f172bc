import RNNLabResults

/// The trained-at → tested-at plot: the accuracy (loss for regression) of the
/// final parameters against the tested length, one panel per model and one
/// line per training length, so a line that stays up shows a model that
/// carries what it learned at T to longer lags.
extension ReportPlots {
  var lengthGeneralisation: PlotFile? {
    guard let tests = TestedLengths(index.trials.filter { $0.summary.task == task.name }) else { return nil }
    var panels: [LineChart.Panel] = []
    var legend: [LineChart.LegendEntry] = []
    var shown: [Double] = []
    for model in models() {
      var series: [LineChart.Series] = []
      for (position, seqLen) in task.seqLens.enumerated() {
        guard let group = group(model, seqLen) else { continue }
        var line = LineChart.Series(style: Palette.style(position: position), points: [])
        for length in tests.lengths {
          let stats = SeedValues(group, tests.value(at: length)).statistics
          line.points.append(LineChart.Point(x: Double(length), y: stats?.mean ?? .nan))
          if let stats, stats.count > 1 {
            line.whiskers.append(LineChart.Range(x: Double(length), low: stats.min, high: stats.max))
          }
        }
        guard line.points.contains(where: { $0.y.isFinite }) else { continue }
        shown += line.points.map(\.y) + line.whiskers.flatMap { [$0.low, $0.high] }
        series.append(line)
      }
      panels.append(LineChart.Panel(title: model.name, series: series))
      if series.isEmpty { legend.append(LineChart.LegendEntry(label: "\(model.name): no finished trial", style: nil)) }
    }
    guard panels.contains(where: { !$0.series.isEmpty }) else { return nil }
    legend = task.seqLens.enumerated().map { position, seqLen in
      LineChart.LegendEntry(label: "trained at T = \(seqLen)", style: Palette.style(position: position))
    } + legend + unfinishedNotes(task.seqLens)
    let metric = tests.metricName
    let scale = tests.usesAccuracy ? PlotAxis.Scale.linear : Self.valueScale(shown)
    let lengthScale: PlotAxis.Scale = Double(tests.lengths.last!) / Double(tests.lengths.first!) >= 8 ? .log : .linear
    let chart = LineChart(
      title: "\(task.name): \(metric) at the tested length T′, by training length T",
      subtitle: "Final parameters on fresh sequences of length T′. Mean over finished seeds; bars: min–max.",
      xLabel: Self.label("tested length T′", lengthScale), yLabel: Self.label(metric, scale),
      xAxis: .categorical(tests.lengths.map(Double.init), scale: lengthScale),
      yAxis: tests.usesAccuracy ? .linear(covering: [0, 1]) : Self.axis(shown, scale: scale),
      panels: panels, legend: legend)
    return PlotFile(
      name: "\(stem)-tested-lengths.svg", caption: "\(task.name): trained at T, tested at T′", svg: chart.svg)
  }
}
