import RNNLabResults

/// The settings a trial ran with, read from its `config.json` (the resolved
/// configuration: spec defaults filled in, per-model overrides applied), so
/// the report states them without reading the spec.
enum TrialSettings {
  /// Training keys in the order a reader looks for them; keys not listed here
  /// (from a newer runner) follow in name order.
  static let trainingOrder = [
    "optimizer", "learning_rate", "momentum", "steps", "batch_size", "clip_norm", "clip_value",
    "eval_every", "eval_size", "log_every", "flow_every",
  ]

  /// Model keys shown elsewhere in the report (models table) or implied by the name.
  static let modelColumns: Set<String> = ["name", "cell", "hidden", "layers", "bidirectional"]

  /// The `section` object (`training`, `task`, `model`) of each trial's config.
  static func objects(_ section: String, of trials: [TrialResult]) -> [[String: JSONValue]] {
    trials.compactMap { trial in
      if case .object(let members)? = trial.config?[section] { return members }
      return nil
    }
  }

  /// The keys present in any of `objects`, in `order` first, then by name.
  static func keys(_ objects: [[String: JSONValue]], order: [String], excluding: Set<String> = []) -> [String] {
    let present = Set(objects.flatMap(\.keys)).subtracting(excluding)
    return order.filter(present.contains) + present.subtracting(order).sorted()
  }

  /// The distinct values of `key` over `objects`, in first-seen order, joined
  /// by " / " (one value in the normal case: a model's settings do not vary).
  static func value(_ key: String, in objects: [[String: JSONValue]]) -> String {
    var seen: [String] = []
    for object in objects {
      let text = object[key].map(text) ?? "—"
      if !seen.contains(text) { seen.append(text) }
    }
    return seen.joined(separator: " / ")
  }

  /// A JSON value as the spec would write it: `0.002`, `2500`, `adam`, `null`.
  static func text(_ value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .bool(let flag): return flag ? "true" : "false"
    case .number(let number):
      if let whole = value.intValue, abs(number) < 1e15, !(number == 0 && number.sign == .minus) {
        return String(whole)
      }
      return "\(number)"
    case .string(let string): return string
    case .array(let items): return "[" + items.map(text).joined(separator: ", ") + "]"
    case .object(let members):
      return "{" + members.keys.sorted().map { "\($0): \(text(members[$0]!))" }.joined(separator: ", ") + "}"
    }
  }

  /// `key: value` pairs of a task's or model's options (without the keys in
  /// `excluding`), in name order; for a model, switches left on (`true`, the
  /// default) are not listed, so only what differs from a plain cell shows.
  static func options(_ objects: [[String: JSONValue]], excluding: Set<String>, dropTrue: Bool) -> String {
    let keys = keys(objects, order: [], excluding: excluding).filter { key in
      !(dropTrue && objects.allSatisfy { $0[key] == nil || $0[key] == .bool(true) })
    }
    return keys.map { "\($0): \(value($0, in: objects))" }.joined(separator: ", ")
  }
}
