/// Quoting for POSIX shells (sh, bash), for the job scripts `runner emit` writes.
enum ShellQuote {
  /// `text` as one shell word: unchanged when it has only characters no shell
  /// treats specially, else in single quotes (a `'` inside becomes `'\''`).
  static func word(_ text: String) -> String {
    if !text.isEmpty, text.unicodeScalars.allSatisfy(isPlain) { return text }
    return "'" + text.replacingAll("'", with: "'\\''") + "'"
  }

  /// Several words, quoted and joined by spaces.
  static func words(_ texts: [String]) -> String { texts.map(word).joined(separator: " ") }

  private static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "a"..."z", "A"..."Z", "0"..."9": true
    case "_", "-", ".", "/", ":", "=", ",", "+", "@", "%": true
    default: false
    }
  }
}

extension String {
  /// Every occurrence of `target` replaced by `replacement` (no Foundation needed).
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var result = ""
    for character in self { result += character == target ? replacement : String(character) }
    return result
  }
}
