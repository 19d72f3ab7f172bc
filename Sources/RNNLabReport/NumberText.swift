import Foundation

/// Short, deterministic number formatting for the Markdown report and plot
/// labels (CSV files keep full precision instead).
enum NumberText {
  /// `digits` significant digits: fixed notation from 0.001 to 999999, else
  /// scientific with a short exponent (`1.23e-5`).
  static func significant(_ value: Double, digits: Int = 3) -> String {
    guard value.isFinite else { return value.description }
    guard value != 0 else { return "0" }
    let exponent = Int(floor(log10(abs(value))))
    if exponent < -3 || exponent >= 6 {
      return tidyExponent(String(format: "%.\(digits - 1)e", value))
    }
    var decimals = Swift.max(0, digits - 1 - exponent)
    // Rounding 9.996 to two decimals gives 10.00, one digit too many.
    let scale = pow(10.0, Double(decimals))
    if decimals > 0, abs((value * scale).rounded() / scale) >= pow(10.0, Double(exponent + 1)) {
      decimals -= 1
    }
    return fixed(value, decimals: decimals)
  }

  /// "mean ± std" with the std at the mean's precision ("0.0214 ± 0.0036"),
  /// or to two significant digits when that precision would show it as 0 or
  /// the mean is in scientific notation ("9.13e-4 ± 7.5e-5").
  static func meanStd(_ mean: Double, _ std: Double?) -> String {
    let shown = significant(mean)
    guard let std else { return shown }
    if !shown.contains("e"), std.isFinite {
      let decimals = shown.split(separator: ".").dropFirst().first?.count ?? 0
      let text = fixed(std, decimals: decimals)
      if text.contains(where: { $0 != "0" && $0 != "." }) { return "\(shown) ± \(text)" }
    }
    return "\(shown) ± \(significant(std, digits: 2))"
  }

  /// Fixed notation with `decimals` decimals, never `-0.00`.
  static func fixed(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return value.description }
    let text = String(format: "%.\(decimals)f", value)
    if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
      return String(text.dropFirst())
    }
    return text
  }

  /// An integer with thousands separators (`12,345`).
  static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (offset, character) in digits.enumerated() {
      if offset > 0, (digits.count - offset) % 3 == 0 { result += "," }
      result.append(character)
    }
    return value < 0 ? "-" + result : result
  }

  /// A tick label: as short as possible (`0.05`, `200`, `1e-6`).
  static func tick(_ value: Double) -> String {
    guard value != 0 else { return "0" }
    let magnitude = abs(value)
    if magnitude >= 1e-4, magnitude < 1e6 {
      var text = String(format: "%.6f", value)
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
      return text == "-0" ? "0" : text
    }
    var text = String(format: "%.2e", value)
    if let e = text.firstIndex(of: "e") {
      var mantissa = String(text[..<e])
      while mantissa.hasSuffix("0") { mantissa.removeLast() }
      if mantissa.hasSuffix(".") { mantissa.removeLast() }
      text = mantissa + text[e...]
    }
    return tidyExponent(text)
  }

  /// `1.23e-05` → `1.23e-5`, `1e+06` → `1e6`.
  static func tidyExponent(_ text: String) -> String {
    guard let e = text.firstIndex(of: "e") else { return text }
    let mantissa = text[..<e]
    var exponent = text[text.index(after: e)...]
    var sign = ""
    if exponent.hasPrefix("-") {
      sign = "-"
      exponent = exponent.dropFirst()
    } else if exponent.hasPrefix("+") {
      exponent = exponent.dropFirst()
    }
    let digits = exponent.drop { $0 == "0" }
    return "\(mantissa)e\(sign)\(digits.isEmpty ? "0" : String(digits))"
  }
}
