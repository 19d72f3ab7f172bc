/// Reads the few keys the report needs from `spec.yaml` with a line scan, so
/// that the report module does not depend on the spec module or libyaml.
///
/// Understands top-level `name:` and `description:` with a one-line scalar
/// value, and `compare_to:` nested under a top-level `report:` either as a
/// block (`report:` then an indented `compare_to: lstm`) or inline
/// (`report: {compare_to: lstm}`). Anything else is ignored.
struct SpecScan: Equatable {
  var name: String?
  var description: String?
  var compareTo: String?

  init(yaml text: String) {
    var inReport = false
    for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      let line = String(rawLine)
      let trimmed = line.trimmingLeadingWhitespace
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      let indented = line.first == " " || line.first == "\t"
      if !indented {
        inReport = false
        guard let (key, value) = Self.keyValue(trimmed) else { continue }
        switch key {
        case "name": name = Self.scalar(value)
        case "description": description = Self.scalar(value)
        case "report":
          inReport = true
          if value.hasPrefix("{") { compareTo = Self.inlineValue(of: "compare_to", in: value) }
        default: break
        }
      } else if inReport, let (key, value) = Self.keyValue(trimmed), key == "compare_to" {
        compareTo = Self.scalar(value)
      }
    }
  }

  /// Splits `key: value` (value may be empty).
  static func keyValue(_ text: String) -> (String, String)? {
    guard let colon = text.firstIndex(of: ":") else { return nil }
    let key = text[..<colon].trimming(" \t\"'")
    guard !key.isEmpty, !key.contains(" ") else { return nil }
    let value = text[text.index(after: colon)...]
    guard value.isEmpty || value.first == " " || value.first == "\t" else { return nil }
    return (key, String(value).trimmingLeadingWhitespace)
  }

  /// A plain, single- or double-quoted one-line scalar; nil for null, empty,
  /// block scalars (`|`, `>`) and flow collections.
  static func scalar(_ text: String) -> String? {
    var value = text
    if value.first == "\"" { return doubleQuoted(value.dropFirst()) }
    if value.first == "'" { return singleQuoted(value.dropFirst()) }
    if let comment = value.range(of: " #") { value = String(value[..<comment.lowerBound]) }
    value = value.trimming(" \t")
    if value.isEmpty || ["~", "null", "Null", "NULL"].contains(value) { return nil }
    if let first = value.first, "|>{[&*!".contains(first) { return nil }
    return value
  }

  /// The body of a one-line double-quoted scalar up to its closing quote, its
  /// escapes undone (`\"`, `\\`, `\n`, `\t`, `\uXXXX`, … as the resolved spec
  /// writes them); nil when it does not close on this line.
  static func doubleQuoted(_ body: Substring) -> String? {
    var result = "", characters = body.unicodeScalars.makeIterator()
    let simple: [Unicode.Scalar: String] = [
      "n": "\n", "t": "\t", "r": "\r", "\"": "\"", "\\": "\\", "/": "/", "0": "\0", " ": " ",
      "a": "\u{07}", "b": "\u{08}", "e": "\u{1B}", "f": "\u{0C}", "v": "\u{0B}",
      "N": "\u{85}", "_": "\u{A0}", "L": "\u{2028}", "P": "\u{2029}",
    ]
    while let scalar = characters.next() {
      switch scalar {
      case "\"": return result
      case "\\":
        guard let escape = characters.next() else { return nil }
        if let text = simple[escape] {
          result += text
          continue
        }
        let digits: Int? = switch escape {
        case "x": 2
        case "u": 4
        case "U": 8
        default: nil
        }
        guard let digits else { return nil }
        var hex = ""
        for _ in 0..<digits { if let next = characters.next() { hex.unicodeScalars.append(next) } }
        guard let code = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(code) else { return nil }
        result.unicodeScalars.append(decoded)
      default: result.unicodeScalars.append(scalar)
      }
    }
    return nil
  }

  /// The body of a one-line single-quoted scalar (`''` is one quote).
  static func singleQuoted(_ body: Substring) -> String? {
    var result = "", rest = body
    while let quote = rest.firstIndex(of: "'") {
      result += rest[..<quote]
      let after = rest.index(after: quote)
      guard after < rest.endIndex, rest[after] == "'" else { return result }
      result += "'"
      rest = rest[rest.index(after: after)...]
    }
    return nil
  }

  /// The value of `key` inside an inline mapping `{a: 1, key: v}`.
  static func inlineValue(of key: String, in text: String) -> String? {
    let body = text.drop { $0 == "{" }.prefix { $0 != "}" }
    for part in body.split(separator: ",") {
      if let (k, v) = keyValue(String(part).trimmingLeadingWhitespace), k == key { return scalar(v) }
    }
    return nil
  }
}

extension String {
  var trimmingLeadingWhitespace: String { String(drop { $0 == " " || $0 == "\t" }) }

  func trimming(_ set: String) -> String {
    var slice = Substring(self)
    while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
    while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
    return String(slice)
  }
}

extension Substring {
  func trimming(_ set: String) -> String { String(self).trimming(set) }
}
