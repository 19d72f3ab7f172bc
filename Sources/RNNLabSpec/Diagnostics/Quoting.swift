/// How user text appears inside diagnostics: quoted, escaped, and short.
enum Quoting {
  /// Longest piece of user text shown in a message before it is cut with `…`.
  static let maxShown = 60

  /// `'text'` with control characters escaped and long text shortened.
  static func quoted(_ text: String) -> String {
    let shown = text.count > maxShown ? String(text.prefix(maxShown)) + "…" : text
    return "'" + escapingControls(shown) + "'"
  }

  /// Makes `text` safe to print on one line: newlines, tabs and other
  /// control characters become escapes.
  static func oneLine(_ text: String) -> String { escapingControls(text) }

  private static func escapingControls(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case _ where isControl(scalar):
        result += "\\u{" + String(scalar.value, radix: 16) + "}"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// C0 and C1 controls, DEL, and the Unicode line/paragraph separators.
  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
  }
}
