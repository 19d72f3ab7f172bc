/// How user text appears inside diagnostics: quoted, escaped, and short.
enum Quoting {
  /// Longest piece of user text shown in a message before it is cut with `…`.
  static let maxShown = 60

  /// Most items of a user-made list (names) shown before the rest is `…`.
  static let maxListed = 12

  /// `'text'` with control characters escaped and long text shortened.
  static func quoted(_ text: String) -> String {
    "'" + shortened(text) + "'"
  }

  /// `text` as `quoted` shows it, without the quotes: for numbers, whose
  /// digits can run to thousands, and for items of lists.
  static func shortened(_ text: String) -> String {
    escapingControls(text.count > maxShown ? String(text.prefix(maxShown)) + "…" : text)
  }

  /// `a, b, c` (or `'a', 'b', 'c'` when `quoting`), each item shortened, the
  /// list cut after `maxListed` items: a list of names the user wrote is as
  /// long as the user made it.
  static func list(_ items: [String], quoting: Bool = false) -> String {
    let shown = items.prefix(maxListed).map(quoting ? quoted : shortened)
    return (shown + (items.count > maxListed ? ["…"] : [])).joined(separator: ", ")
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

  /// C0 and C1 controls, DEL, the Unicode line/paragraph separators, and
  /// format characters (bidirectional overrides, zero-width spaces, BOM):
  /// what could split a line or make a terminal show text other than it is.
  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
      || scalar.properties.generalCategory == .format
  }
}
