import RNNLabResults

/// Accuracy against sequence length, for the tasks that classify (copy,
/// first_symbol, temporal_order, lookahead): the share of right answers reads
/// more directly than a cross-entropy next to its baseline.
extension ReportPlots {
  var accuracyVersusLength: PlotFile? {
    let value: (TrialSummary) -> Double? = { $0.finalEvalAccuracy }
    var (series, legend) = modelsOverLength(value)
    // Regression tasks (adding) have no accuracy: no plot.
    guard !series.isEmpty else { return nil }
    legend += unfinishedNotes(task.seqLens) + nonFiniteNotes(value)
    let chart = LineChart(
      title: "\(task.name): final eval accuracy vs sequence length",
      subtitle: "Share of answers right at the final evaluation. Mean over finished seeds; bars: min–max over seeds.",
      xLabel: Self.label("sequence length T", lengthAxisScale), yLabel: "final eval accuracy",
      xAxis: .categorical(task.seqLens.map(Double.init), scale: lengthAxisScale),
      yAxis: .linear(covering: [0, 1]),
      panels: [LineChart.Panel(title: nil, series: series)], legend: legend)
    return PlotFile(
      name: "\(stem)-accuracy.svg", caption: "\(task.name): final eval accuracy vs sequence length", svg: chart.svg)
  }
}
