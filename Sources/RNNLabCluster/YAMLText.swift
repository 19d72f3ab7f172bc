import RNNLabText

/// Scalars for the YAML manifests `runner emit k8s` writes, encoded so that
/// any YAML 1.1 or 1.2 reader (kubectl, PyYAML) reads back exactly the text
/// that went in.
enum YAMLText {
  /// A double-quoted scalar: `"` and `\` escaped, and every character a YAML
  /// reader could take for a line break or drop (controls, NEL, LS, PS, BOM)
  /// written as `\uxxxx` (`\Uxxxxxxxx` past U+FFFF).
  static func quoted(_ text: String) -> String {
    QuotedString.make(text, escaping: needsEscape)
  }

  /// A value for a mapping key at `indent` spaces: a literal block (`|`) whose
  /// lines sit at `indent + 2`, keeping the text readable; the quoted form
  /// when the text has characters a block cannot hold. The explicit
  /// indentation indicator (`|2`, only when the text starts with a space or an
  /// empty line) lets the text start with spaces, and the chomping indicator
  /// keeps its trailing newlines exactly.
  static func block(_ text: String, indent: Int) -> String {
    guard !text.isEmpty, !text.unicodeScalars.contains(where: { $0 != "\n" && $0 != "\t" && needsEscape($0) }) else {
      return quoted(text)
    }
    var body = Substring(text)
    var trailingNewlines = 0
    while body.last == "\n" {
      body.removeLast()
      trailingNewlines += 1
    }
    let chomping = trailingNewlines == 0 ? "-" : trailingNewlines == 1 ? "" : "+"
    let padding = String(repeating: " ", count: indent + 2)
    var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : padding + $0 }
    lines += Array(repeating: "", count: max(0, trailingNewlines - 1))
    // The indentation indicator is needed only when the first line would make a reader guess wrong.
    let indicator = text.first == " " || text.first == "\n" ? "2" : ""
    return "|\(indicator)\(chomping)\n" + lines.joined(separator: "\n")
  }

  private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: true
    default: false
    }
  }
}
