import RNNLabText

/// A CSV file with a fixed header, read row by row with typed accessors whose
/// errors point at the offending field (`PATH:LINE:COL: error: …`).
struct CSVTable {
  let path: String
  let header: [String]
  let rows: [Row]

  /// Parses `text` and checks that its first row is exactly `header`.
  init(text: String, path: String, header: [String]) throws {
    let records = try CSV.parse(text, path: path)
    guard let first = records.first else {
      throw ResultsError(path: path, message: "empty file, expected the header '\(header.joined(separator: ","))'")
    }
    guard first.fields == header else {
      throw ResultsError(
        path: path, line: first.line, column: 1,
        message: "expected the header '\(header.joined(separator: ","))', "
          + "found '\(EchoedText.escaped(first.fields.joined(separator: ",")))'")
    }
    for record in records.dropFirst() where record.fields.count != header.count {
      throw ResultsError(
        path: path, line: record.line, column: 1,
        message: "expected \(header.count) fields, found \(record.fields.count)")
    }
    self.path = path
    self.header = header
    self.rows = records.dropFirst().map { Row(record: $0, path: path, header: header) }
  }

  /// One data row.
  struct Row {
    let record: CSVRecord
    let path: String
    let header: [String]

    func fail(_ index: Int, _ message: String) -> ResultsError {
      ResultsError(path: path, line: record.line, column: record.columns[index], message: message)
    }

    func text(_ index: Int) -> String { record.fields[index] }

    func int(_ index: Int) throws -> Int {
      guard let value = Int(record.fields[index]) else {
        throw fail(index, "\(header[index]) '\(EchoedText.escaped(record.fields[index]))' is not an integer")
      }
      return value
    }

    func double(_ index: Int) throws -> Double {
      guard let value = Double(record.fields[index]) else {
        throw fail(index, "\(header[index]) '\(EchoedText.escaped(record.fields[index]))' is not a number")
      }
      return value
    }

    /// An empty field is nil.
    func optionalDouble(_ index: Int) throws -> Double? {
      record.fields[index].isEmpty ? nil : try double(index)
    }

    func choice<T: RawRepresentable>(_ index: Int, as type: T.Type, allowed: [String]) throws -> T
    where T.RawValue == String {
      guard let value = T(rawValue: record.fields[index]) else {
        throw fail(
          index,
          "\(header[index]) '\(EchoedText.escaped(record.fields[index]))' is not one of: "
            + allowed.joined(separator: ", "))
      }
      return value
    }
  }
}
