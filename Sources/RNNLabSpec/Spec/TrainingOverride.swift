/// The training settings one model changes from the shared ones: which keys
/// it sets (by name, from `TrainingSpec.keys`) and their values. A key set
/// to null (`clip_norm: null`) is "off for this model".
public struct TrainingOverride: Hashable, Sendable {
  /// The values; keys not in `setKeys` keep `TrainingSpec`'s defaults, so
  /// two overrides that set the same values are equal.
  public private(set) var values = TrainingSpec()
  /// Names of the keys this override sets.
  public private(set) var setKeys: Set<String> = []

  /// Sets nothing: the model trains as shared.
  public init() {}

  /// True when the model trains exactly as shared.
  public var isEmpty: Bool { setKeys.isEmpty }

  /// Whether the override sets the key with this name.
  public func sets(_ name: String) -> Bool { setKeys.contains(name) }

  /// This override with the setting at `field` changed to `value`.
  public func setting<Value>(_ field: WritableKeyPath<TrainingSpec, Value>, _ value: Value) -> TrainingOverride {
    guard let key = TrainingSpec.keys.first(where: { $0.field == field as PartialKeyPath<TrainingSpec> }) else {
      preconditionFailure("\(field) is not declared in TrainingSpec.keys")
    }
    var result = self
    result.values[keyPath: field] = value
    result.setKeys.insert(key.name)
    return result
  }

  /// Reads `key` from `node` into this override; false (with a diagnostic
  /// recorded by `decoder`) when the value is invalid.
  mutating func decode(_ key: SpecKey<TrainingSpec>, from node: YAMLNode, with decoder: SpecDecoder) -> Bool {
    guard key.decode(decoder, node, &values) else { return false }
    setKeys.insert(key.name)
    return true
  }
}

extension TrainingSpec {
  /// These settings with a model's overrides applied.
  public func applying(_ override: TrainingOverride) -> TrainingSpec {
    var result = self
    for key in Self.keys where override.sets(key.name) { key.copy(override.values, &result) }
    return result
  }

  /// The key declared with this name.
  public static func key(named name: String) -> SpecKey<TrainingSpec>? { keys.first { $0.name == name } }
}
