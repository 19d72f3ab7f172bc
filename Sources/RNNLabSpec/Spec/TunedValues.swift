/// Values one model takes on one task from a tuning (`tuned_from:`, the
/// selected configuration in a search folder's `selection.csv`) or by hand
/// (a task's `tuned:`), applied to the model as a search configuration's
/// values are: each key's own decode, and part of the trial's configuration
/// and hash through the model and training settings they change.
public struct TunedValues: Hashable, Sendable {
  public var task: String
  public var model: String
  /// Path and value, as a search names them (`training.learning_rate`, `forget_bias`).
  public var values: [SearchPathValue]
  /// Where each value came from, parallel to `values`: `tuning: c03 at T = 100`
  /// (the folder named by `tuned_from`), or `spec` for a task's `tuned:`.
  public var sources: [String]

  public init(task: String, model: String, values: [SearchPathValue], sources: [String]) {
    self.task = task
    self.model = model
    self.values = values
    self.sources = sources
  }

  /// `{"training.learning_rate": {"value": 0.002, "from": "spec"}, …}`, as config.json records it.
  /// The source of a value written in a task's `tuned:`.
  public static let handSource = "spec"

  public var jsonValue: JSONValue {
    .object(zip(values, sources).map { ($0.path, .object([("value", $0.value.jsonValue), ("from", .string($1))])) })
  }
}

extension ExperimentSpec {
  /// The tuned values of `model` on `task`, if any.
  public func tuned(task: String, model: String) -> TunedValues? {
    tuned.first { $0.task == task && $0.model == model }
  }
}
