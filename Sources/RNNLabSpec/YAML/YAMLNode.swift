/// One node of a YAML document: a scalar, a sequence or a mapping, with the
/// position where it starts so that every error can point at it.
///
/// Aliases are expanded when the tree is built; the shared subtrees cost no
/// copies because arrays are copy-on-write.
public struct YAMLNode: Hashable, Sendable {
  /// What the node holds.
  public enum Content: Hashable, Sendable {
    case scalar(YAMLScalar)
    case sequence([YAMLNode])
    /// Entries in document order; keys are unique.
    case mapping([YAMLEntry])
  }

  public var content: Content
  /// Where the node starts (for an alias: where its anchor's node starts).
  public var mark: Mark

  public init(_ content: Content, mark: Mark) {
    self.content = content
    self.mark = mark
  }

  /// The scalar, or nil for a collection.
  public var scalar: YAMLScalar? {
    if case .scalar(let scalar) = content { return scalar }
    return nil
  }

  /// True for a `null` scalar (`null`, `~` or nothing).
  var isNull: Bool { scalar?.value == .null }

  /// The items, or nil when the node is not a sequence.
  public var items: [YAMLNode]? {
    if case .sequence(let items) = content { return items }
    return nil
  }

  /// The entries, or nil when the node is not a mapping.
  public var entries: [YAMLEntry]? {
    if case .mapping(let entries) = content { return entries }
    return nil
  }

  /// The value under `key` when this is a mapping that has it.
  public subscript(key: String) -> YAMLNode? {
    entries?.first { $0.key == key }?.value
  }

  /// What the node is, for "got …" in messages: `a list`, `a mapping`,
  /// `null`, `string 'abc'`, `integer 5`, …
  public var kindDescription: String {
    switch content {
    case .sequence: return "a list"
    case .mapping: return "a mapping"
    case .scalar(let scalar):
      switch scalar.value {
      case .null: return "null"
      case .bool(let flag): return "boolean \(flag)"
      case .int, .integerOutOfRange: return "integer \(Quoting.shortened(scalar.text))"
      case .float: return "number \(Quoting.shortened(scalar.text))"
      case .string(let text): return "string " + Quoting.quoted(text)
      }
    }
  }
}

/// One key and value of a mapping. Keys are scalars, compared by their text.
public struct YAMLEntry: Hashable, Sendable {
  public var key: String
  /// Where the key starts: unknown-key errors point here.
  public var keyMark: Mark
  public var value: YAMLNode

  public init(key: String, keyMark: Mark, value: YAMLNode) {
    self.key = key
    self.keyMark = keyMark
    self.value = value
  }
}
