import RNNLabText

/// A JSON value whose objects keep their key order, rendered three ways:
/// canonical (sorted keys, no whitespace; what config hashes are taken of),
/// pretty (indented, keys in the order given) and as YAML (`YAMLWriter`).
public indirect enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  case int(Int)
  /// Written as `null` when not finite: JSON has no spelling for NaN or ±inf.
  case double(Double)
  case string(String)
  case array([JSONValue])
  /// Keys in the order given; unique.
  case object([(key: String, value: JSONValue)])
  /// Text already rendered as `canonicalText`, written as is in every form
  /// (`Trial.Template` builds a configuration around its parts with it).
  case rendered(String)

  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.double(let x), .double(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.array(let x), .array(let y)): return x == y
    case (.rendered(let x), .rendered(let y)): return x == y
    case (.object(let x), .object(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: return false
    }
  }

  /// An optional number: `null` when absent.
  static func number(_ value: Double?) -> JSONValue { value.map(JSONValue.double) ?? .null }

  /// An optional integer: `null` when absent.
  static func integer(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }

  /// The value under `key` when this is an object that has it.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.key == key }?.value
  }

  /// This object with one more member at the end.
  public func adding(_ key: String, _ value: JSONValue) -> JSONValue {
    guard case .object(let members) = self else { return self }
    return .object(members.filter { $0.key != key } + [(key, value)])
  }

  // MARK: - Rendering

  /// Sorted keys (by UTF-8 bytes), no whitespace, shortest round-trip
  /// numbers: the same value always gives the same bytes.
  public var canonicalText: String {
    var output = ""
    writeCanonical(to: &output)
    return output
  }

  /// Two-space indentation, keys in their given order, no trailing newline.
  public var prettyText: String {
    var output = ""
    writePretty(to: &output, indent: "")
    return output
  }

  /// This value with every object's keys sorted, as in `canonicalText`.
  public var sortingKeys: JSONValue {
    switch self {
    case .array(let items): return .array(items.map(\.sortingKeys))
    case .object(let members): return .object(Self.sorted(members).map { ($0.key, $0.value.sortingKeys) })
    default: return self
    }
  }

  /// Members in UTF-8 byte order of their keys.
  private static func sorted(_ members: [(key: String, value: JSONValue)]) -> [(key: String, value: JSONValue)] {
    members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
  }

  private func writeCanonical(to output: inout String) {
    switch self {
    case .array(let items):
      output += "["
      for (index, item) in items.enumerated() {
        if index > 0 { output += "," }
        item.writeCanonical(to: &output)
      }
      output += "]"
    case .object(let members):
      output += "{"
      for (index, member) in Self.sorted(members).enumerated() {
        if index > 0 { output += "," }
        output += QuotedString.json(member.key) + ":"
        member.value.writeCanonical(to: &output)
      }
      output += "}"
    default:
      output += scalarText
    }
  }

  private func writePretty(to output: inout String, indent: String) {
    let inner = indent + "  "
    switch self {
    case .array(let items) where !items.isEmpty && !items.contains(where: \.isContainer):
      // Lists of numbers and names stay on one line: `"seq_len": [25, 50]`.
      output += "[" + items.map(\.scalarText).joined(separator: ", ") + "]"
    case .array(let items) where !items.isEmpty:
      output += "[\n"
      for (index, item) in items.enumerated() {
        output += inner
        item.writePretty(to: &output, indent: inner)
        output += index + 1 < items.count ? ",\n" : "\n"
      }
      output += indent + "]"
    case .object(let members) where !members.isEmpty:
      output += "{\n"
      for (index, member) in members.enumerated() {
        output += inner + QuotedString.json(member.key) + ": "
        member.value.writePretty(to: &output, indent: inner)
        output += index + 1 < members.count ? ",\n" : "\n"
      }
      output += indent + "}"
    case .array: output += "[]"
    case .object: output += "{}"
    default: output += scalarText
    }
  }

  var isContainer: Bool {
    switch self {
    case .array, .object: return true
    default: return false
    }
  }

  /// The text of a non-container value.
  var scalarText: String {
    switch self {
    case .null: return "null"
    case .bool(let flag): return flag ? "true" : "false"
    case .int(let value): return String(value)
    case .double(let value):
      // JSON cannot spell NaN or infinity. Validation never lets them into a
      // spec; for values built in code, null is better than a crash.
      return value.isFinite ? "\(value)" : "null"
    case .string(let text): return QuotedString.json(text)
    case .rendered(let text): return text
    case .array, .object: return ""
    }
  }
}
