/// The sizes column of the Models table. A model's hidden size can differ
/// between tasks (a parameter budget, `hidden: {parameters: N}`, is met per
/// task) and between configurations of a search; then the table names the
/// hidden sizes and exact parameter counts of each task.
extension MarkdownReport {
  /// `layers × hidden` and `parameters` of `model`: one value each when every
  /// trial agrees, else per task, `20 (adding), 16 (copy)`.
  func sizeCells(of model: ResultsIndex.Model) -> (shape: String, parameters: String) {
    let trials = index.trials.filter { $0.summary.model == model.name }
    let hiddens = Set(trials.map(\.summary.hidden))
    let counts = model.parameterCounts.map(NumberText.grouped)
    guard hiddens.count > 1 else {
      return ("\(model.layers) × \(model.hidden)", counts.count > 1 ? "\(counts.first!)–\(counts.last!)" : counts.first ?? "")
    }
    var shapes: [String] = []
    var parameters: [String] = []
    for task in index.tasks {
      let ofTask = trials.filter { $0.summary.task == task.name }
      guard !ofTask.isEmpty else { continue }
      let hidden = Self.span(ofTask.map(\.summary.hidden), NumberText.grouped)
      let layers = Self.span(ofTask.map(\.summary.layers), String.init)
      shapes.append("\(layers) × \(hidden) (\(task.name))")
      parameters.append("\(Self.span(ofTask.map(\.summary.parameterCount), NumberText.grouped)) (\(task.name))")
    }
    return (shapes.joined(separator: ", "), parameters.joined(separator: ", "))
  }

  /// `20`, or `12–20` when the values differ.
  private static func span(_ values: [Int], _ text: (Int) -> String) -> String {
    guard let low = values.min(), let high = values.max() else { return "" }
    return low == high ? text(low) : "\(text(low))–\(text(high))"
  }
}
