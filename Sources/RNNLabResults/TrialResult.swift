/// Everything a finished trial left in its folder.
public struct TrialResult: Equatable, Sendable {
  /// The folder name, equal to `summary.trialId`.
  public var id: String
  /// `config.json`, when present.
  public var config: JSONValue?
  public var summary: TrialSummary
  /// `metrics.csv` rows in file order; empty when the file is absent.
  public var metrics: [MetricPoint]
  /// `gradient_flow.csv` rows in file order; empty when the file is absent.
  /// `ResultsFolder.load` keeps only what reports use (`FlowSnapshots`):
  /// steps 0 and the last, at most `FlowSnapshots.maxTimesteps` per curve.
  public var flow: [FlowPoint]

  public init(id: String, config: JSONValue?, summary: TrialSummary, metrics: [MetricPoint], flow: [FlowPoint]) {
    self.id = id
    self.config = config
    self.summary = summary
    self.metrics = metrics
    self.flow = flow
  }

  /// The trial's position in its plan (`index` in `config.json`), when recorded.
  /// The reporter uses it to list tasks and models in spec order.
  public var planIndex: Int? { config?["index"]?.intValue }

  /// The values of one metric on one split, in step order.
  public func series(_ metric: MetricName, split: MetricSplit) -> [(step: Int, value: Double)] {
    metrics.filter { $0.metric == metric && $0.split == split }
      .map { (step: $0.step, value: $0.value) }
      .sorted { $0.step < $1.step }
  }
}
