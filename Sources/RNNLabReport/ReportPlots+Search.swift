import RNNLabResults

/// The search plot of one task: each configuration's mean validation loss
/// against its learning rate, one colour per model, one panel per length.
struct SearchPlots {
  /// Every trial of every configuration.
  let all: ResultsIndex
  let selection: Selection
  let task: ResultsIndex.Task

  static let learningRateKey = "training.learning_rate"

  /// The scatter plot; nil when the task searched no learning rate or no
  /// configuration has both a learning rate and a finite mean validation loss.
  var lossVersusLearningRate: PlotFile? {
    guard selection.hasSearch(task: task.name) else { return nil }
    let cells = selection.cells(ofTask: task.name)
    var panels: [LineChart.Panel] = []
    var shown: [String: Int] = [:]
    var incomplete: [String: Int] = [:]
    for seqLen in task.seqLens {
      var series: [LineChart.Series] = []
      for model in models() {
        guard let cell = cells.first(where: { $0.key.model == model.name && $0.key.seqLen == seqLen }) else { continue }
        var points: [LineChart.Point] = []
        for candidate in cell.candidates {
          guard let rate = candidate.searchValues?[Self.learningRateKey]?.doubleValue else { continue }
          guard let loss = candidate.meanValLoss else {
            incomplete[model.name, default: 0] += 1
            continue
          }
          points.append(LineChart.Point(x: rate, y: loss))
        }
        // By learning rate, so the file does not depend on the ranking.
        points.sort { ($0.x, $0.y) < ($1.x, $1.y) }
        shown[model.name, default: 0] += points.count
        if !points.isEmpty {
          series.append(LineChart.Series(style: Palette.style(position: model.position), points: points, connected: false))
        }
      }
      panels.append(LineChart.Panel(title: task.seqLens.count > 1 ? "T = \(seqLen)" : nil, series: series))
    }
    let points = panels.flatMap(\.series).flatMap(\.points)
    guard !points.isEmpty else { return nil }
    var legend = models().map { model in
      ReportPlots.legendEntry(model, hasData: (shown[model.name] ?? 0) > 0, missing: "no configuration shown")
    }
    for model in models() {
      if let count = incomplete[model.name] {
        legend.append(
          LineChart.LegendEntry(
            label: "\(model.name): \(count) with a diverged seed or no val loss, not shown", style: nil))
      }
    }
    let losses = points.map(\.y)
    let yScale: PlotAxis.Scale = losses.allSatisfy { $0 > 0 } ? .log : .linear
    let chart = LineChart(
      title: "\(task.name): validation loss vs learning rate",
      subtitle: "One point per configuration: mean final validation loss over its seeds.",
      xLabel: "learning rate (log scale)", yLabel: ReportPlots.label("mean final validation loss", yScale),
      xAxis: .logarithmic(covering: points.map(\.x)), yAxis: ReportPlots.axis(losses, scale: yScale),
      panels: panels, legend: legend)
    return PlotFile(
      name: "\(ReportPlots(index: all, task: task).stem)-search-learning-rate.svg",
      caption: "\(task.name): validation loss vs learning rate, one point per configuration", svg: chart.svg)
  }

  private func models() -> [ResultsIndex.Model] { task.models.compactMap(all.model(named:)) }
}
