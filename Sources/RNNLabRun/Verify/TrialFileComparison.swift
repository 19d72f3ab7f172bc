import Foundation
import RNNLabEngine
import RNNLabResults

/// The first value in which a committed trial file and its re-run differ.
public struct TrialDifference: Equatable, Sendable, CustomStringConvertible {
  /// `summary.json`, `metrics.csv`, `gradient_flow.csv` or `weights.safetensors`.
  public var file: String
  /// Where in the file: a JSON key, or `line 12 [step=10 split=eval metric=loss] value`.
  public var location: String
  /// The committed value as written (or `absent`).
  public var committed: String
  /// The re-run's value as written (or `absent`).
  public var rerun: String

  public init(file: String, location: String, committed: String, rerun: String) {
    self.file = file
    self.location = location
    self.committed = committed
    self.rerun = rerun
  }

  /// `metrics.csv line 12 [step=10 split=eval metric=loss] value: committed 0.25, re-run 0.2500001`.
  public var description: String {
    "\(file) \(location): committed \(committed), re-run \(rerun)"
  }
}

/// Compares the files of one trial, committed against re-run, value by value.
///
/// `summary.json` is compared key by key, leaving out the timings
/// (`wall_seconds`, `steps_per_second`), which no two runs share, and the
/// kernels' instruction-set path (`isa`, or `blas` in older folders), which
/// names how the same bits were computed. A key absent from one file and
/// `null` in the other is no difference: summaries gain optional keys
/// (e.g. `config_index` of a search), written as `null` when unused, and a
/// folder recorded before that has none.
/// The CSV files are compared row by row and cell by cell, the weights
/// tensor by tensor and element by element.
public enum TrialFileComparison {
  /// Summary keys never compared: they measure the run, not the result.
  public static let timingKeys: Set<String> = ["wall_seconds", "steps_per_second"]
  /// Summary keys that name the kernels, not the result.
  public static let kernelKeys: Set<String> = ["isa", "blas"]

  /// CSV files of a trial folder and how many leading columns name a row
  /// (`step,split,metric` and `step,layer,direction,timestep`).
  public static let csvFiles: [(name: String, keyColumns: Int)] = [
    (ResultsLayout.FileName.metrics, 3), (ResultsLayout.FileName.gradientFlow, 4),
  ]

  /// The first difference between two `summary.json` documents, or nil.
  /// - Throws: `ResultsError` when either is not valid JSON.
  public static func compareSummary(
    committed: Data, rerun: Data, mode: VerificationMode, path: String = ResultsLayout.FileName.summary
  ) throws -> TrialDifference? {
    let file = ResultsLayout.FileName.summary
    let old = try ResultsJSON.decode(JSONValue.self, from: committed, path: path)
    let new = try ResultsJSON.decode(JSONValue.self, from: rerun, path: path)
    guard case .object(let oldMembers) = old, case .object(let newMembers) = new else {
      throw ResultsError(path: path, message: "expected a JSON object")
    }
    let ignored = timingKeys.union(kernelKeys)
    let keys = Set(oldMembers.keys).union(newMembers.keys).subtracting(ignored).sorted()
    for key in keys {
      let a = oldMembers[key], b = newMembers[key]
      if let a, let b, equal(a, b, mode: mode) { continue }
      if (a ?? .null) == .null && (b ?? .null) == .null { continue }
      let (location, x, y) = firstLeaf(a, b, at: key, mode: mode)
      return TrialDifference(
        file: file, location: location, committed: x.map(text) ?? "absent", rerun: y.map(text) ?? "absent")
    }
    return nil
  }

  /// Where inside two unequal values they first differ, so that a message
  /// names one number (`eval_lengths[T=400].loss`) rather than a whole list;
  /// lists of another length or objects with other keys differ as a whole.
  /// An entry with a `seq_len` is labelled by it, others by their position.
  static func firstLeaf(_ a: JSONValue?, _ b: JSONValue?, at path: String, mode: VerificationMode)
    -> (String, JSONValue?, JSONValue?)
  {
    switch (a, b) {
    case (.array(let x)?, .array(let y)?) where x.count == y.count:
      for (position, (u, v)) in zip(x, y).enumerated() where !equal(u, v, mode: mode) {
        let label = u["seq_len"]?.intValue.map { "T=\($0)" } ?? String(position)
        return firstLeaf(u, v, at: "\(path)[\(label)]", mode: mode)
      }
    case (.object(let x)?, .object(let y)?) where Set(x.keys) == Set(y.keys):
      for key in x.keys.sorted() where !equal(x[key]!, y[key]!, mode: mode) {
        return firstLeaf(x[key], y[key], at: "\(path).\(key)", mode: mode)
      }
    default: break
    }
    return (path, a, b)
  }

  /// The first difference between two CSV texts of the same kind, or nil.
  /// `keyColumns` leading columns describe a row in the message.
  /// - Throws: `ResultsError` when either text is not valid CSV.
  public static func compareCSV(
    file: String, keyColumns: Int, committed: String, rerun: String, mode: VerificationMode, path: String? = nil
  ) throws -> TrialDifference? {
    let old = try CSV.parse(committed, path: path ?? file)
    let new = try CSV.parse(rerun, path: path ?? file)
    let header = old.first?.fields ?? []
    for (a, b) in zip(old, new) {
      for column in 0..<max(a.fields.count, b.fields.count) {
        let x = column < a.fields.count ? a.fields[column] : nil
        let y = column < b.fields.count ? b.fields[column] : nil
        if let x, let y, mode.matches(text: x, y) { continue }
        return TrialDifference(
          file: file, location: location(of: a, column: column, header: header, keyColumns: keyColumns),
          committed: x ?? "absent", rerun: y ?? "absent")
      }
    }
    guard old.count != new.count else { return nil }
    return TrialDifference(
      file: file, location: "rows", committed: "\(old.count - 1) rows", rerun: "\(new.count - 1) rows")
  }

  /// The first difference between two `weights.safetensors` files, or nil:
  /// the same tensors in the same order with the same shapes, and every
  /// element equal under `mode` (the metadata is derived from the trial's
  /// configuration, which the summary's config hash already compares).
  /// - Throws: `ResultsError` when either is not a valid safetensors file.
  public static func compareWeights(
    committed: Data, rerun: Data, mode: VerificationMode, path: String = ResultsLayout.FileName.weights
  ) throws -> TrialDifference? {
    let file = ResultsLayout.FileName.weights
    func tensors(_ data: Data) throws -> [NamedTensor] {
      do { return try SafeTensors.decode([UInt8](data)).tensors } catch let error as SafeTensors.FormatError {
        throw ResultsError(path: path, message: error.description)
      }
    }
    let old = try tensors(committed), new = try tensors(rerun)
    for (a, b) in zip(old, new) {
      guard a.name == b.name, a.shape == b.shape else {
        return TrialDifference(
          file: file, location: "tensor", committed: "\(a.name) \(a.shape)", rerun: "\(b.name) \(b.shape)")
      }
      if let index = a.values.indices.first(where: { !mode.matches(Double(a.values[$0]), Double(b.values[$0])) }) {
        return TrialDifference(
          file: file, location: "\(a.name)[\(index)]",
          committed: CSV.number(Double(a.values[index])), rerun: CSV.number(Double(b.values[index])))
      }
    }
    guard old.count != new.count else { return nil }
    return TrialDifference(file: file, location: "tensors", committed: "\(old.count)", rerun: "\(new.count)")
  }

  /// `line 12 [step=10 split=eval metric=loss] value` (the header row: `line 1 header`).
  static func location(of record: CSVRecord, column: Int, header: [String], keyColumns: Int) -> String {
    guard record.line > 1 else { return "line 1 header" }
    let names = (0..<min(keyColumns, record.fields.count)).map { index in
      "\(index < header.count ? header[index] : "column\(index + 1)")=\(record.fields[index])"
    }
    let column = column < header.count ? header[column] : "column \(column + 1)"
    return "line \(record.line) [\(names.joined(separator: " "))] \(column)"
  }

  /// Whether two JSON values count as equal under `mode`.
  static func equal(_ a: JSONValue, _ b: JSONValue, mode: VerificationMode) -> Bool {
    switch (a, b) {
    case (.number(let x), .number(let y)): mode.matches(x, y)
    case (.array(let x), .array(let y)):
      x.count == y.count && zip(x, y).allSatisfy { equal($0, $1, mode: mode) }
    case (.object(let x), .object(let y)):
      Set(x.keys) == Set(y.keys) && x.allSatisfy { key, value in equal(value, y[key]!, mode: mode) }
    default: a == b
    }
  }

  /// A JSON value as the message shows it.
  static func text(_ value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .bool(let flag): flag ? "true" : "false"
    case .number(let number):
      number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : CSV.number(number)
    case .string(let string): "\"\(string)\""
    case .array, .object:
      (try? String(decoding: ResultsJSON.encode(value), as: UTF8.self))?
        .split(whereSeparator: \.isWhitespace).joined(separator: " ") ?? "…"
    }
  }
}
