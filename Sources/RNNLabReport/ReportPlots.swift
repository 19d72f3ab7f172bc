import Foundation
import RNNLabResults

/// One SVG file of the report.
struct PlotFile {
  /// File name inside `plots/`.
  var name: String
  /// What the plot shows (alt text in the report).
  var caption: String
  var svg: String
}

/// Builds the plots of one task from the indexed results. Every statistic is
/// over the finished (`done`) trials, like the tables; a model without any
/// finished trial is named in the legend instead of silently missing.
struct ReportPlots {
  let index: ResultsIndex
  let task: ResultsIndex.Task

  /// The task's plots in report order; plots without any data are left out.
  var files: [PlotFile] {
    [
      lossVersusLength, accuracyVersusLength, lengthGeneralisation, gradientFlow, gradientDecay, parameterGradientAtInit,
      firstStepGradientAtInit,
    ].compactMap { $0 }
      + task.seqLens.compactMap(trainingCurves(seqLen:))
  }

  /// File-name-safe form of the task name.
  var stem: String {
    String(task.name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
  }

  var lengthAxisScale: PlotAxis.Scale {
    guard let low = task.seqLens.first, let high = task.seqLens.last, low > 0 else { return .linear }
    return Double(high) / Double(low) >= 8 ? .log : .linear
  }

  func models() -> [ResultsIndex.Model] { task.models.compactMap(index.model(named:)) }

  func group(_ model: ResultsIndex.Model, _ seqLen: Int) -> TrialGroup? {
    index.group(task: task.name, model: model.name, seqLen: seqLen)
  }

  /// Log scale when all values are positive and span more than a factor of 20.
  static func valueScale(_ values: [Double]) -> PlotAxis.Scale {
    let finite = values.filter(\.isFinite)
    guard let low = finite.min(), let high = finite.max(), low > 0 else { return .linear }
    return high / low >= 20 ? .log : .linear
  }

  static func axis(_ values: [Double], scale: PlotAxis.Scale) -> PlotAxis {
    scale == .log ? .logarithmic(covering: values) : .linear(covering: values)
  }

  static func label(_ text: String, _ scale: PlotAxis.Scale) -> String {
    scale == .log ? "\(text) (log scale)" : text
  }

  /// A legend row per model: its line, or a grey note saying why it has no
  /// line here (`missing`, by default that no trial finished).
  static func legendEntry(
    _ model: ResultsIndex.Model, hasData: Bool, suffix: String = "", backward: Bool = false,
    missing: String = "no finished trial"
  ) -> LineChart.LegendEntry {
    hasData
      ? LineChart.LegendEntry(label: model.name + suffix, style: Palette.style(position: model.position, backward: backward))
      : LineChart.LegendEntry(label: "\(model.name)\(suffix): \(missing)", style: nil)
  }

  /// Why `model` has no line for `values` although it ran the task: no trial
  /// finished, every value is infinite (named in the notes), or no finished
  /// trial has a value (`undefined`).
  func missingReason(_ model: ResultsIndex.Model, _ values: [(TrialSummary) -> Double?], undefined: String) -> String {
    let groups = task.seqLens.compactMap { group(model, $0) }
    guard groups.contains(where: { !$0.done.isEmpty }) else { return "no finished trial" }
    let any = groups.contains { group in values.contains { !SeedValues(group, $0).all.isEmpty } }
    return any ? "not finite, not shown" : undefined
  }

  /// Grey legend notes for seeds whose value is infinite or NaN, left out of
  /// the mean ("rnn, T = 200: −inf in 3/3, not shown").
  func nonFiniteNotes(_ value: (TrialSummary) -> Double?, suffix: String = "") -> [LineChart.LegendEntry] {
    models().flatMap { model in
      task.seqLens.compactMap { seqLen -> LineChart.LegendEntry? in
        guard let group = group(model, seqLen) else { return nil }
        let values = SeedValues(group, value)
        guard let note = values.nonFiniteNote else { return nil }
        let effect = values.finite.isEmpty ? "not shown" : "left out of the mean"
        return LineChart.LegendEntry(label: "\(model.name)\(suffix), T = \(seqLen): \(note), \(effect)", style: nil)
      }
    }
  }

  /// Grey legend notes naming the seeds left out because they diverged or failed.
  func unfinishedNotes(_ seqLens: [Int]) -> [LineChart.LegendEntry] {
    models().flatMap { model in
      seqLens.compactMap { seqLen -> LineChart.LegendEntry? in
        guard let note = group(model, seqLen)?.unfinishedNote else { return nil }
        return LineChart.LegendEntry(label: "\(model.name), T = \(seqLen): \(note), not shown", style: nil)
      }
    }
  }

  /// One line per model with data (`seriesOverLength`) and a legend entry for
  /// every model, saying why a model has no line.
  func modelsOverLength(_ value: @escaping (TrialSummary) -> Double?) -> ([LineChart.Series], [LineChart.LegendEntry]) {
    var series: [LineChart.Series] = []
    var legend: [LineChart.LegendEntry] = []
    for model in models() {
      let line = seriesOverLength(model, value)
      if let line { series.append(line) }
      legend.append(Self.legendEntry(model, hasData: line != nil, missing: missingReason(model, [value], undefined: "no value")))
    }
    return (series, legend)
  }

  /// Mean and min–max of `metric` at each length, as a line with range bars.
  /// Infinite values are left out (`nonFiniteNotes` names them).
  func seriesOverLength(_ model: ResultsIndex.Model, backward: Bool = false, _ value: (TrialSummary) -> Double?)
    -> LineChart.Series?
  {
    var series = LineChart.Series(style: Palette.style(position: model.position, backward: backward), points: [])
    for seqLen in task.seqLens {
      let stats = group(model, seqLen).flatMap { SeedValues($0, value).statistics }
      series.points.append(LineChart.Point(x: Double(seqLen), y: stats?.mean ?? .nan))
      if let stats, stats.count > 1 {
        series.whiskers.append(LineChart.Range(x: Double(seqLen), low: stats.min, high: stats.max))
      }
    }
    return series.points.contains { $0.y.isFinite } ? series : nil
  }

  /// Final eval loss against sequence length, one line per model, baseline
  /// dashed. When the baseline itself changes with T (copy: the blanks make
  /// the average loss fall as T grows) the loss is shown divided by it, so a
  /// falling line means learning, not a falling baseline.
  var lossVersusLength: PlotFile? {
    let baselines = Set(task.seqLens.compactMap { task.baselines[$0] })
    let relative = baselines.count > 1 && task.seqLens.allSatisfy { (task.baselines[$0] ?? 0) > 0 }
    func value(_ summary: TrialSummary) -> Double? {
      guard let loss = summary.finalEvalLoss else { return nil }
      return relative ? loss / summary.baseline : loss
    }
    var (series, legend) = modelsOverLength(value)
    guard !series.isEmpty else { return nil }
    let baseline = LineChart.Series(
      style: Palette.baseline,
      points: task.seqLens.map { LineChart.Point(x: Double($0), y: relative ? 1 : task.baselines[$0] ?? .nan) })
    series.append(baseline)
    legend.append(LineChart.LegendEntry(label: relative ? "trivial baseline (= 1)" : "trivial baseline", style: Palette.baseline))
    legend += unfinishedNotes(task.seqLens) + nonFiniteNotes(value)
    let values = series.flatMap { $0.points.map(\.y) + $0.whiskers.flatMap { [$0.low, $0.high] } }
    let scale = Self.valueScale(values)
    let what = relative ? "final eval loss / trivial baseline" : "final eval loss"
    let chart = LineChart(
      title: "\(task.name): \(what) vs sequence length",
      subtitle: relative
        ? "Loss ÷ trivial baseline at the same T (which falls with T). Mean over finished seeds; bars: min–max."
        : "Mean over finished seeds; bars: min–max over seeds; dashed: trivial baseline.",
      xLabel: Self.label("sequence length T", lengthAxisScale), yLabel: Self.label(what, scale),
      xAxis: .categorical(task.seqLens.map(Double.init), scale: lengthAxisScale),
      yAxis: Self.axis(values, scale: scale),
      panels: [LineChart.Panel(title: nil, series: series)], legend: legend)
    return PlotFile(
      name: "\(stem)-loss.svg", caption: "\(task.name): \(what) vs sequence length", svg: chart.svg)
  }

  /// Gradient decay over the sequence against length: at init and after training.
  var gradientDecay: PlotFile? {
    let phases: [(String, (TrialSummary) -> Double?, (TrialSummary) -> Double?)] = [
      ("at initialisation", { $0.gradDecayInit }, { $0.gradDecayInitBackward }),
      ("after training", { $0.gradDecayFinal }, { $0.gradDecayFinalBackward }),
    ]
    var panels: [LineChart.Panel] = []
    // Which directions of which models have a line, by "name" and "name (backward)".
    var hasData: Set<String> = []
    for (title, forward, backward) in phases {
      var series: [LineChart.Series] = []
      for model in models() {
        if let line = seriesOverLength(model, forward) {
          series.append(line)
          hasData.insert(model.name)
        }
        if model.bidirectional, let line = seriesOverLength(model, backward: true, backward) {
          series.append(line)
          hasData.insert(model.name + " (backward)")
        }
      }
      panels.append(LineChart.Panel(title: title, series: series))
    }
    guard panels.contains(where: { !$0.series.isEmpty }) else { return nil }
    var legend: [LineChart.LegendEntry] = []
    for model in models() {
      let undefined = MarkdownReport.undefinedDecay
      legend.append(
        Self.legendEntry(
          model, hasData: hasData.contains(model.name),
          missing: missingReason(model, phases.map(\.1), undefined: undefined)))
      if model.bidirectional {
        legend.append(
          Self.legendEntry(
            model, hasData: hasData.contains(model.name + " (backward)"), suffix: " (backward)", backward: true,
            missing: missingReason(model, phases.map(\.2), undefined: undefined)))
      }
    }
    legend += unfinishedNotes(task.seqLens)
    for (phase, (_, forward, backward)) in zip(["init", "trained"], phases) {
      legend += nonFiniteNotes(forward, suffix: " (\(phase))") + nonFiniteNotes(backward, suffix: " (backward, \(phase))")
    }
    let lines = panels.flatMap(\.series)
    let shown: [Double] = [0] + lines.flatMap(\.points).map(\.y) + lines.flatMap(\.whiskers).flatMap { [$0.low, $0.high] }
    let chart = LineChart(
      title: "\(task.name): gradient decay over the sequence vs sequence length",
      subtitle: "log10(‖∂L/∂h_1‖ / ‖∂L/∂h_T‖), top layer; 0 = no decay, −k = 10^k times smaller at h_1. "
        + "Mean over finished seeds; bars: min–max.",
      xLabel: Self.label("sequence length T", lengthAxisScale), yLabel: "log10(‖∂L/∂h_1‖ / ‖∂L/∂h_T‖)",
      xAxis: .categorical(task.seqLens.map(Double.init), scale: lengthAxisScale),
      yAxis: .linear(covering: shown), panels: panels, legend: legend)
    return PlotFile(
      name: "\(stem)-gradient-decay.svg", caption: "\(task.name): gradient decay vs sequence length", svg: chart.svg)
  }
}
