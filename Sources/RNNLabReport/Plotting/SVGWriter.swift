import Foundation

/// Builds an SVG document as text: elements with attributes in the order
/// given, numbers rounded to 0.1 px, text escaped. No scripts, no external
/// fonts or style sheets, so the file renders the same in a browser, on GitHub
/// and in rsvg-convert.
struct SVGWriter {
  private(set) var body = ""
  let width: Double
  let height: Double

  /// Starts a document of the given size with a white background and a `<title>`.
  init(width: Double, height: Double, title: String) {
    self.width = width
    self.height = height
    let (w, h) = (Self.number(width), Self.number(height))
    body = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="\(w)" height="\(h)" viewBox="0 0 \(w) \(h)" \
      font-family="Helvetica, Arial, sans-serif">
      <title>\(Self.escape(title))</title>
      <rect x="0" y="0" width="\(w)" height="\(h)" fill="#ffffff"/>

      """
  }

  /// `<name a="1" …/>`.
  mutating func element(_ name: String, _ attributes: [(String, String)]) {
    body += "<\(name)\(Self.attributes(attributes))/>\n"
  }

  /// `<name …>` (close it with `close(_:)`).
  mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
    body += "<\(name)\(Self.attributes(attributes))>\n"
  }

  mutating func close(_ name: String) {
    body += "</\(name)>\n"
  }

  /// A `<text>` element with escaped content.
  mutating func text(_ content: String, x: Double, y: Double, _ attributes: [(String, String)] = []) {
    let position = [("x", Self.number(x)), ("y", Self.number(y))]
    body += "<text\(Self.attributes(position + attributes))>\(Self.escape(content))</text>\n"
  }

  /// A straight line.
  mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, _ attributes: [(String, String)]) {
    element(
      "line",
      [("x1", Self.number(x1)), ("y1", Self.number(y1)), ("x2", Self.number(x2)), ("y2", Self.number(y2))]
        + attributes)
  }

  /// The finished document.
  var document: String { body + "</svg>\n" }

  /// `x,y x,y …` for `points` and `polygon`.
  static func points(_ points: [(Double, Double)]) -> String {
    points.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " ")
  }

  /// A coordinate with one decimal, without a trailing `.0`.
  static func number(_ value: Double) -> String {
    var text = String(format: "%.1f", value)
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text == "-0" ? "0" : text
  }

  static func attributes(_ attributes: [(String, String)]) -> String {
    attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
  }

  /// Escapes the five XML special characters.
  static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      default: result.append(character)
      }
    }
    return result
  }
}
