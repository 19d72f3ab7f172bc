/// Minimal RFC 4180 CSV: fields are quoted only when they contain a comma, a
/// double quote or a line break; rows end with `\n`. The reader also accepts
/// `\r\n` line ends and reports problems with line and column.
public enum CSV {
  /// One field, quoted if needed.
  public static func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// One row, terminated by a newline.
  public static func row(_ fields: [String]) -> String {
    fields.map(field).joined(separator: ",") + "\n"
  }

  /// A whole table: header row then data rows.
  public static func table(header: [String], rows: [[String]]) -> String {
    var text = row(header)
    for fields in rows { text += row(fields) }
    return text
  }

  /// A number in its shortest round-trip form (`0.1`, `1e-05`, `nan`, `inf`),
  /// which `Double(_:)` reads back exactly.
  public static func number(_ value: Double) -> String {
    value.description
  }

  /// An optional number; empty when absent.
  public static func number(_ value: Double?) -> String {
    value.map(number) ?? ""
  }

  /// Parses `text` into records. Blank lines are skipped.
  /// - Throws: `ResultsError` with the position of an unterminated or stray quote.
  public static func parse(_ text: String, path: String) throws -> [CSVRecord] {
    var parser = CSVParser(bytes: Array(text.utf8), path: path)
    return try parser.records()
  }
}

/// One parsed CSV row with where each field started, for error messages.
public struct CSVRecord: Equatable, Sendable {
  /// 1-based line where the record starts.
  public var line: Int
  public var fields: [String]
  /// 1-based starting column of each field.
  public var columns: [Int]
}

/// A byte-level CSV state machine (fields may span lines when quoted).
struct CSVParser {
  let bytes: [UInt8]
  let path: String
  var index = 0
  var line = 1
  var lineStart = 0

  init(bytes: [UInt8], path: String) {
    self.bytes = bytes
    self.path = path
  }

  static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\"")
  static let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

  var column: Int { index - lineStart + 1 }

  mutating func records() throws -> [CSVRecord] {
    var result: [CSVRecord] = []
    while index < bytes.count {
      if atLineEnd {
        consumeLineEnd()
        continue
      }
      result.append(try record())
    }
    return result
  }

  var atLineEnd: Bool {
    bytes[index] == Self.newline
      || (bytes[index] == Self.carriageReturn && index + 1 < bytes.count && bytes[index + 1] == Self.newline)
  }

  mutating func consumeLineEnd() {
    if bytes[index] == Self.carriageReturn { index += 1 }
    index += 1
    line += 1
    lineStart = index
  }

  mutating func record() throws -> CSVRecord {
    var record = CSVRecord(line: line, fields: [], columns: [])
    while true {
      record.columns.append(column)
      record.fields.append(try field())
      if index >= bytes.count { break }
      if bytes[index] == Self.comma {
        index += 1
        continue
      }
      consumeLineEnd()
      break
    }
    return record
  }

  mutating func field() throws -> String {
    if index < bytes.count, bytes[index] == Self.quote { return try quotedField() }
    let start = index
    while index < bytes.count, bytes[index] != Self.comma, !atLineEnd {
      if bytes[index] == Self.quote {
        throw ResultsError(path: path, line: line, column: column, message: "unexpected '\"' inside an unquoted field")
      }
      index += 1
    }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }

  mutating func quotedField() throws -> String {
    let (openLine, openColumn) = (line, column)
    index += 1
    var value: [UInt8] = []
    while true {
      guard index < bytes.count else {
        throw ResultsError(path: path, line: openLine, column: openColumn, message: "unterminated quoted field")
      }
      let byte = bytes[index]
      if byte == Self.quote {
        if index + 1 < bytes.count, bytes[index + 1] == Self.quote {
          value.append(Self.quote)
          index += 2
          continue
        }
        index += 1
        if index < bytes.count, bytes[index] != Self.comma, !atLineEnd {
          throw ResultsError(path: path, line: line, column: column, message: "expected ',' or a line end after a closing quote")
        }
        return String(decoding: value, as: UTF8.self)
      }
      value.append(byte)
      index += 1
      if byte == Self.newline {
        line += 1
        lineStart = index
      }
    }
  }
}

extension Double {
  /// The Double with the same shortest decimal form as `value` (0.1 for
  /// `Float(0.1)`, not 0.10000000149011612), so Float32 losses and norms are
  /// written as they print. Non-finite values stay non-finite.
  public init(shortestDecimalOf value: Float) {
    self = Double(value.description) ?? Double(value)
  }
}
