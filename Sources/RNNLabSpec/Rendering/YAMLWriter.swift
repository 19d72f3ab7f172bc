import RNNLabText

/// Writes a `JSONValue` as block-style YAML that `YAMLLoader` reads back to
/// the same values: mappings in block style, lists of scalars in flow style
/// (`[25, 50, 100]`), strings plain only where they cannot be misread.
enum YAMLWriter {
  /// The YAML text of a top-level object, ending in a newline.
  static func document(_ value: JSONValue) -> String {
    var output = ""
    switch value {
    case .object(let members) where !members.isEmpty:
      writeMembers(members, indent: "", to: &output)
    default:
      output += inline(value) + "\n"
    }
    return output
  }

  private static func writeMembers(_ members: [(key: String, value: JSONValue)], indent: String, to output: inout String) {
    for member in members {
      output += indent + scalar(member.key) + ":"
      writeValue(member.value, indent: indent, to: &output)
    }
  }

  /// The value after `key:`: inline on the same line, or a nested block.
  private static func writeValue(_ value: JSONValue, indent: String, to output: inout String) {
    switch value {
    case .object(let members) where !members.isEmpty:
      output += "\n"
      writeMembers(members, indent: indent + "  ", to: &output)
    case .array(let items) where items.contains(where: \.isContainer):
      output += "\n"
      for item in items {
        if case .object(let members) = item, !members.isEmpty {
          // First member on the dash line, the rest aligned under it.
          var block = ""
          writeMembers(members, indent: indent + "    ", to: &block)
          output += indent + "  - " + block.dropFirst(indent.count + 4)
        } else {
          output += indent + "  - " + inline(item) + "\n"
        }
      }
    default:
      output += " " + inline(value) + "\n"
    }
  }

  /// Flow style, for scalars and small collections.
  private static func inline(_ value: JSONValue) -> String {
    switch value {
    case .array(let items): return "[" + items.map(inline).joined(separator: ", ") + "]"
    case .object(let members):
      return "{" + members.map { scalar($0.key) + ": " + inline($0.value) }.joined(separator: ", ") + "}"
    case .string(let text): return scalar(text)
    default: return value.scalarText
    }
  }

  /// A string plain when it is a simple word that still reads as a string,
  /// else double-quoted with YAML escapes.
  static func scalar(_ text: String) -> String {
    let simple = !text.isEmpty && text.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_.-/".unicodeScalars.contains($0)
    }
    let startsSafely = text.unicodeScalars.first.map { !"-.".unicodeScalars.contains($0) } ?? false
    if simple, startsSafely, case .string = ScalarValue.resolvingPlain(text) { return text }
    return doubleQuoted(text)
  }

  /// YAML double-quoted style; everything YAML calls non-printable escaped.
  private static func doubleQuoted(_ text: String) -> String {
    QuotedString.make(text) {
      Quoting.isControl($0) || $0.value == 0xFEFF || $0.value >= 0xFFFE && $0.value <= 0xFFFF
    }
  }
}
