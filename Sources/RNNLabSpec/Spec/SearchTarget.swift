/// What a search path names: one of the model's keys (`hidden`,
/// `forget_bias`, any of `ModelSpec.keys`) or a per-model training key
/// (`training.` + any of `TrainingSpec.keys` a model may change). The paths
/// come from those tables, so a key added there can be searched at once, and
/// a searched value is read by the key's own decode: its ranges and errors
/// are the key's.
enum SearchTarget {
  case model(SpecKey<ModelSpec>)
  case training(SpecKey<TrainingSpec>)

  static let trainingPrefix = "training."

  /// `hidden` shapes the model entry and is decoded by it; declared here so
  /// that a search reads it like any other key.
  static let hiddenKey = SpecKey<ModelSpec>.integer(
    "hidden", \.hidden, in: SpecLimits.hidden, "Units per layer and direction.")

  /// Every path a search may name, in the order specs write the keys.
  static var paths: [String] {
    ["hidden"] + ModelSpec.keys.map(\.name)
      + TrainingSpec.keys.filter(\.perModel).map { trainingPrefix + $0.name }
  }

  /// The key at `path`, or nil when no searchable key has that path.
  init?(path: String) {
    if path.hasPrefix(Self.trainingPrefix) {
      let name = String(path.dropFirst(Self.trainingPrefix.count))
      guard let key = TrainingSpec.key(named: name), key.perModel else { return nil }
      self = .training(key)
    } else if path == "hidden" {
      self = .model(Self.hiddenKey)
    } else if let key = ModelSpec.key(named: path) {
      self = .model(key)
    } else {
      return nil
    }
  }

  /// The key's name as the spec writes it inside its mapping.
  var name: String {
    switch self {
    case .model(let key): key.name
    case .training(let key): key.name
    }
  }

  /// What the key takes, as its declaration says (`integer`, `number or null`, `name`, …).
  var type: String {
    switch self {
    case .model(let key): key.type
    case .training(let key): key.type
    }
  }

  /// Whether a number range can search the key.
  var takesNumber: Bool { takesInteger || type.hasPrefix("number") }
  /// Whether only whole numbers fit it.
  var takesInteger: Bool { type.hasPrefix("integer") }

  /// Whether the key means anything for `model` (training keys always do).
  func applies(to model: ModelSpec) -> Bool {
    switch self {
    case .model(let key):
      key.name == "hidden" || SpecSchema.modelKey(key.name, appliesTo: model.cell)
    case .training: true
    }
  }

  /// Reads `node` as the key into `model` (a training key into its
  /// override); false, with the key's own diagnostic, when invalid.
  func decode(_ node: YAMLNode, into model: inout ModelSpec, with decoder: SpecDecoder) -> Bool {
    switch self {
    case .model(let key): return key.decode(decoder, node, &model)
    case .training(let key): return model.training.decode(key, from: node, with: decoder)
    }
  }

  /// The key's value in `model`, as JSON.
  func value(in model: ModelSpec) -> JSONValue {
    switch self {
    case .model(let key): key.value(in: model)
    case .training(let key): key.value(in: model.training.values)
    }
  }
}

extension SearchValue {
  /// The value of a decoded key, or nil for a container (no key renders one).
  init?(_ json: JSONValue) {
    switch json {
    case .null: self = .null
    case .bool(let flag): self = .bool(flag)
    case .int(let value): self = .int(value)
    case .double(let value): self = .double(value)
    case .string(let text): self = .string(text)
    default: return nil
    }
  }

  /// A scalar node that a key's decode reads back as this value.
  func node(at mark: Mark) -> YAMLNode {
    let scalar: YAMLScalar
    switch self {
    case .string(let text): scalar = YAMLScalar(text: text, style: .doubleQuoted)
    case .double(let value): scalar = YAMLScalar(text: "\(value)", tag: YAMLTag.float)
    default: scalar = YAMLScalar(text: text)
    }
    return YAMLNode(.scalar(scalar), mark: mark)
  }
}
