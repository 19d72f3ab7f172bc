/// A scalar's text as written, with the style and tag that decide its type:
/// a quoted `"1"` stays a string while a plain `1` is an integer.
public struct YAMLScalar: Hashable, Sendable {
  /// How the scalar was written.
  public enum Style: Hashable, Sendable {
    case plain, singleQuoted, doubleQuoted, literal, folded
  }

  public var text: String
  public var style: Style
  /// The explicit tag in full form (`tag:yaml.org,2002:str` for `!!str`),
  /// or nil when there was none.
  public var tag: String?

  public init(text: String, style: Style = .plain, tag: String? = nil) {
    self.text = text
    self.style = style
    self.tag = tag
  }

  /// The value under the YAML 1.2 core schema: only untagged plain scalars
  /// are resolved to null, booleans and numbers; quoted and block scalars
  /// are strings; `!!int`, `!!float`, `!!bool`, `!!null` and `!!str` force
  /// a type (the composer has already rejected text that does not fit).
  public var value: ScalarValue {
    switch tag {
    case YAMLTag.string: return .string(text)
    case YAMLTag.null: return .null
    case YAMLTag.bool: return ScalarValue.bool(from: text).map(ScalarValue.bool) ?? .string(text)
    case YAMLTag.int: return ScalarValue.integer(from: text) ?? .string(text)
    case YAMLTag.float:
      return ScalarValue.integer(from: text).flatMap(\.asFloat)
        ?? ScalarValue.float(from: text).map(ScalarValue.float) ?? .string(text)
    default:
      guard style == .plain, tag == nil else { return .string(text) }
      return ScalarValue.resolvingPlain(text)
    }
  }
}

/// The standard tags the loader accepts, in full form.
enum YAMLTag {
  static let string = "tag:yaml.org,2002:str"
  static let int = "tag:yaml.org,2002:int"
  static let float = "tag:yaml.org,2002:float"
  static let bool = "tag:yaml.org,2002:bool"
  static let null = "tag:yaml.org,2002:null"
  static let sequence = "tag:yaml.org,2002:seq"
  static let mapping = "tag:yaml.org,2002:map"
  /// The non-specific tag `!`, which leaves a scalar a string.
  static let nonSpecific = "!"
}
