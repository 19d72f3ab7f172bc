import RNNLabTasks

/// The keys a spec may use, where, in which order they are written, and to
/// which cells and task kinds they apply. Decoding, `--set` overrides and
/// rendering all read this one description.
public enum SpecSchema {
  /// Top-level keys with this prefix are ignored: a place to define YAML
  /// anchors for `<<` merges (`x-small: &small {hidden: 16}`).
  public static let extensionPrefix = "x-"
  public static let topLevelKeys = [
    "name", "description", "seeds", "tuned_from", "tasks", "models", "training", "search", "report",
  ]
  /// Keys every task has; the options follow (`optionKeys(for:)`).
  public static let taskKeys = ["name", "kind", "seq_len", "seeds", "evaluation", "tuned"]
  /// A task's `evaluation:` map (tests at other lengths).
  public static let evaluationKeys = ["lengths"]
  /// The options between `hidden` and `training` are declared in `ModelSpec.keys`.
  public static let modelKeys = ["name", "cell", "hidden"] + ModelSpec.keys.map(\.name) + ["training", "search"]
  /// Declared with their types, defaults and ranges in `TrainingSpec.keys`.
  public static let trainingKeys = TrainingSpec.keys.map(\.name)
  public static let reportKeys = ["compare_to"]
  public static let searchKeys = ["method", "samples", "seed", "eta", "min_steps", "space"]

  /// The option keys of one task kind, in the order they are written
  /// (declared in RNNLabTasks, with the task generators).
  public static func optionKeys(for kind: TaskKind) -> [String] { TaskOptions.names(for: kind) }

  /// Every option key of any task kind, without repeats.
  public static let allOptionKeys = TaskOptionKey.all.map(\.name)

  /// The task kinds that take `key`, for "only to …" in messages.
  static func taskKinds(taking key: String) -> [TaskKind] {
    TaskKind.allCases.filter { optionKeys(for: $0).contains(key) }
  }

  /// Whether a model key means anything for `cell`. (`forget_bias` also
  /// needs the forget gate on; see `modelKeyApplies(_:to:)`.)
  public static func modelKey(_ key: String, appliesTo cell: CellKind) -> Bool {
    guard let declared = ModelSpec.key(named: key) else { return modelKeys.contains(key) }
    return declared.cells?.contains(cell) ?? true
  }

  /// Whether a model key means anything for this model; resolved specs and
  /// trial configs write exactly these keys.
  public static func modelKeyApplies(_ key: String, to model: ModelSpec) -> Bool {
    if key == "forget_bias", !model.forgetGate { return false }
    return modelKey(key, appliesTo: model.cell)
  }

  /// The cells that take `key`, for "only to …" in messages.
  static func cells(taking key: String) -> [CellKind] {
    CellKind.allCases.filter { modelKey(key, appliesTo: $0) }
  }

  // MARK: - Shape, for `--set` paths

  /// What a `--set` path can reach: single values, mappings of known keys,
  /// and lists whose entries are addressed by name.
  indirect enum Shape: Sendable {
    case value
    case mapping([String: Shape])
    /// A list of mappings addressed by name (`models.lstm`); `fallbackKey` is
    /// read when an entry has no `name` (tasks: `kind`; models: `cell`).
    case namedList(element: Shape, noun: String, fallbackKey: String)
  }

  static let trainingShape = Shape.mapping(Dictionary(uniqueKeysWithValues: trainingKeys.map { ($0, .value) }))
  /// A model's `training:` reaches only the keys a model may change.
  static let modelTrainingShape = Shape.mapping(Dictionary(
    uniqueKeysWithValues: TrainingSpec.keys.filter(\.perModel).map { ($0.name, .value) }))

  static let specShape: Shape = {
    var model = Dictionary(uniqueKeysWithValues: modelKeys.map { ($0, Shape.value) })
    model["training"] = modelTrainingShape
    // `search.seed=3`, `models.lstm.search.samples=20`; `space` is replaced whole.
    let search = Shape.mapping(Dictionary(uniqueKeysWithValues: searchKeys.map { ($0, Shape.value) }))
    model["search"] = search
    var task = Dictionary(uniqueKeysWithValues: (taskKeys + allOptionKeys).map { ($0, Shape.value) })
    task["evaluation"] = .mapping(Dictionary(uniqueKeysWithValues: evaluationKeys.map { ($0, Shape.value) }))
    return .mapping([
      "name": .value, "description": .value, "seeds": .value, "tuned_from": .value,
      "tasks": .namedList(element: .mapping(task), noun: "task", fallbackKey: "kind"),
      "models": .namedList(element: .mapping(model), noun: "model", fallbackKey: "cell"),
      "training": trainingShape,
      "search": search,
      "report": .mapping(["compare_to": .value]),
    ])
  }()

  /// The keys of a mapping shape in writing order, for suggestions.
  static func orderedKeys(of keys: [String: Shape]) -> [String] {
    let order = topLevelKeys + taskKeys + evaluationKeys + allOptionKeys + modelKeys + trainingKeys + searchKeys + reportKeys
    return keys.keys.sorted { (order.firstIndex(of: $0) ?? .max, $0) < (order.firstIndex(of: $1) ?? .max, $1) }
  }
}
