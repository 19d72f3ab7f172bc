/// User text quoted inside a one-line error message: control characters
/// escaped (`\n`, `\r`, `\t`, `\u{1b}`), so the message stays one line and
/// cannot move the terminal's cursor, and at most `limit` characters, so a
/// 20 MB malformed line is not printed whole.
public enum EchoedText {
  /// How many characters of user text a message quotes.
  public static let limit = 200

  /// `text` escaped and, past `limit` characters, cut with `… (N characters)`.
  public static func escaped(_ text: some StringProtocol, limit: Int = limit) -> String {
    var output = ""
    var count = 0
    for character in text {
      if count == limit {
        return output + "… (\(text.count) characters)"
      }
      count += 1
      for scalar in character.unicodeScalars {
        switch scalar {
        case "\n": output += "\\n"
        case "\r": output += "\\r"
        case "\t": output += "\\t"
        case _ where scalar.properties.generalCategory == .control:
          output += "\\u{" + String(scalar.value, radix: 16) + "}"
        default: output.unicodeScalars.append(scalar)
        }
      }
    }
    return output
  }
}
