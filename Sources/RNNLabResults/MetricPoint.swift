/// One row of `metrics.csv` (long form): `step,split,metric,value`.
public struct MetricPoint: Equatable, Sendable {
  /// Training step the value belongs to (0 = before the first update).
  public var step: Int
  public var split: MetricSplit
  public var metric: MetricName
  /// Full precision; `nan`/`inf` allowed (a diverging loss is recorded as it was).
  public var value: Double

  public init(step: Int, split: MetricSplit, metric: MetricName, value: Double) {
    self.step = step
    self.split = split
    self.metric = metric
    self.value = value
  }

  /// `step,split,metric,value`.
  public static let csvHeader = ["step", "split", "metric", "value"]

  /// The whole `metrics.csv` text for `points`, in the given order.
  public static func csv(_ points: [MetricPoint]) -> String {
    CSV.table(
      header: csvHeader,
      rows: points.map { [String($0.step), $0.split.rawValue, $0.metric.rawValue, CSV.number($0.value)] })
  }

  /// Parses `metrics.csv` text; `path` names the file in errors.
  public static func parse(csv text: String, path: String) throws -> [MetricPoint] {
    let table = try CSVTable(text: text, path: path, header: csvHeader)
    return try table.rows.map { row in
      guard !row.text(2).isEmpty else { throw row.fail(2, "metric name is empty") }
      return MetricPoint(
        step: try row.int(0),
        split: try row.choice(1, as: MetricSplit.self, allowed: MetricSplit.allCases.map(\.rawValue)),
        metric: MetricName(rawValue: row.text(2)),
        value: try row.double(3))
    }
  }
}

/// Which data a metric was measured on.
public enum MetricSplit: String, Codable, Sendable, CaseIterable {
  /// The training batch of that step.
  case train
  /// The fixed, seeded evaluation (test) set.
  case eval
  /// The fixed, seeded validation set (its own stream), which `keep: best_val` selects on.
  case val
}

/// A metric name. Open-ended (e.g. `grad_norm_peephole` for a peephole model),
/// with the names the runner always writes as constants.
public struct MetricName: RawRepresentable, Hashable, Comparable, Codable, Sendable,
  ExpressibleByStringLiteral
{
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public init(stringLiteral value: String) { self.rawValue = value }
  public static func < (lhs: MetricName, rhs: MetricName) -> Bool { lhs.rawValue < rhs.rawValue }

  /// Mean loss (train: the batch; eval: the evaluation set).
  public static let loss: MetricName = "loss"
  /// Fraction correct, for tasks that have an accuracy.
  public static let accuracy: MetricName = "accuracy"
  /// Global parameter-gradient norm before clipping.
  public static let gradNorm: MetricName = "grad_norm"
  /// Gradient norm of the input-to-hidden weights.
  public static let gradNormInput: MetricName = "grad_norm_input"
  /// Gradient norm of the hidden-to-hidden weights.
  public static let gradNormRecurrent: MetricName = "grad_norm_recurrent"
  /// Gradient norm of the biases.
  public static let gradNormBias: MetricName = "grad_norm_bias"
  /// Gradient norm of the output head.
  public static let gradNormHead: MetricName = "grad_norm_head"
  /// The learning rate of the update at this step (written only with a schedule or warm-up).
  public static let learningRate: MetricName = "lr"
  /// 1 when gradient clipping changed the gradient at this step, else 0.
  public static let clipped: MetricName = "clipped"
}
