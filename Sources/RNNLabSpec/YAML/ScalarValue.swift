/// The typed value of a scalar under the YAML 1.2 core schema.
public enum ScalarValue: Hashable, Sendable {
  case null
  case bool(Bool)
  case int(Int)
  /// Any float, including the infinities and NaN (`.inf`, `1e999`, `.nan`);
  /// callers that need a finite number check for it.
  case float(Double)
  case string(String)
  /// Integer syntax whose value does not fit in `Int`; kept apart so that the
  /// error can say "out of range" instead of silently rounding.
  case integerOutOfRange(String)

  /// Null, boolean, integer, float or, failing all of those, string.
  static func resolvingPlain(_ text: String) -> ScalarValue {
    if isNull(text) { return .null }
    if let flag = bool(from: text) { return .bool(flag) }
    if let number = integer(from: text) { return number }
    if let number = float(from: text) { return .float(number) }
    return .string(text)
  }

  static func isNull(_ text: String) -> Bool {
    ["", "~", "null", "Null", "NULL"].contains(text)
  }

  static func bool(from text: String) -> Bool? {
    switch text {
    case "true", "True", "TRUE": return true
    case "false", "False", "FALSE": return false
    default: return nil
    }
  }

  /// Decimal `[-+]?[0-9]+`, octal `0o[0-7]+` or hex `0x[0-9a-fA-F]+`;
  /// `.integerOutOfRange` when the syntax fits but the value does not.
  static func integer(from text: String) -> ScalarValue? {
    var digits = Substring(text)
    var radix = 10
    if digits.hasPrefix("0x") {
      radix = 16
      digits = digits.dropFirst(2)
    } else if digits.hasPrefix("0o") {
      radix = 8
      digits = digits.dropFirst(2)
    } else if digits.first == "-" || digits.first == "+" {
      digits = digits.dropFirst()
    }
    let allowed: (Character) -> Bool = {
      switch radix {
      case 16: return $0.isHexDigit
      case 8: return ("0"..."7").contains($0)
      default: return ("0"..."9").contains($0)
      }
    }
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && allowed($0) }) else { return nil }
    let parsed = radix == 10 ? Int(text) : Int(digits, radix: radix)
    return parsed.map(ScalarValue.int) ?? .integerOutOfRange(text)
  }

  /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?.inf`, `.nan`
  /// (each special in three spellings); overflowing values give ±infinity.
  static func float(from text: String) -> Double? {
    var rest = Substring(text)
    var sign = 1.0
    if let first = rest.first, first == "-" || first == "+" {
      sign = first == "-" ? -1 : 1
      rest = rest.dropFirst()
    }
    if [".inf", ".Inf", ".INF"].contains(rest) { return sign * .infinity }
    if [".nan", ".NaN", ".NAN"].contains(text) { return .nan }
    guard matchesDecimalFloat(rest) else { return nil }
    return Double(text)
  }

  private static func matchesDecimalFloat(_ text: Substring) -> Bool {
    let isDigit: (Character) -> Bool = { ("0"..."9").contains($0) }
    var index = text.startIndex
    func digitRun() -> Int {
      var count = 0
      while index < text.endIndex, isDigit(text[index]) {
        index = text.index(after: index)
        count += 1
      }
      return count
    }
    let whole = digitRun()
    var fraction = 0
    if index < text.endIndex, text[index] == "." {
      index = text.index(after: index)
      fraction = digitRun()
    } else if whole == 0 {
      return false
    }
    guard whole > 0 || fraction > 0 else { return false }
    if index < text.endIndex, text[index] == "e" || text[index] == "E" {
      index = text.index(after: index)
      if index < text.endIndex, text[index] == "-" || text[index] == "+" {
        index = text.index(after: index)
      }
      guard digitRun() > 0 else { return false }
    }
    return index == text.endIndex
  }

  /// An integer value as a float (`!!float 3`).
  var asFloat: ScalarValue? {
    switch self {
    case .int(let value): return .float(Double(value))
    case .integerOutOfRange(let text): return Double(text).map(ScalarValue.float)
    default: return nil
    }
  }
}
