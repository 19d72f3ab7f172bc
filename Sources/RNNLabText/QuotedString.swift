/// Double-quoted string literals, the one escaping that JSON (safetensors
/// headers, config files) and YAML (resolved specs, Kubernetes manifests)
/// share.
public enum QuotedString {
  /// `text` in double quotes: `"` and `\` backslash-escaped; newline, carriage
  /// return and tab as `\n`, `\r`, `\t`; every other scalar that `escapes`
  /// selects as `\uxxxx`, or `\Uxxxxxxxx` past U+FFFF (YAML reads that form;
  /// JSON callers select only controls, all below U+0020).
  public static func make(_ text: String, escaping escapes: (Unicode.Scalar) -> Bool) -> String {
    var output = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case _ where escapes(scalar):
        let hex = String(scalar.value, radix: 16)
        let digits = scalar.value > 0xFFFF ? 8 : 4
        output += (digits == 8 ? "\\U" : "\\u") + String(repeating: "0", count: digits - hex.count) + hex
      default: output.unicodeScalars.append(scalar)
      }
    }
    return output + "\""
  }

  /// A JSON string literal (RFC 8259): quotes, backslashes and the controls
  /// below U+0020 escaped, everything else as it is.
  public static func json(_ text: String) -> String {
    make(text) { $0.value < 0x20 }
  }
}
