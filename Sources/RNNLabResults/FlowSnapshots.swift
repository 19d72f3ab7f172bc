import Foundation

/// Reads the part of a `gradient_flow.csv` that reports draw on, streaming
/// the file in blocks so that memory stays flat in the sequence length: at
/// T = 10⁶ one snapshot is a million rows per layer and direction, and six
/// such trials held whole took 1.5 GB.
///
/// Kept, in file order: the rows of step 0 (initialisation) and of the last
/// step after it (earlier snapshots are dropped as a later one appears), at
/// the timesteps `keeps(_:seqLen:)` selects: every timestep up to
/// `maxTimesteps`, beyond that every k-th one from t = 1 plus t = T, so each
/// curve keeps its ends and its shape with at most `maxTimesteps` points.
/// A plain stride rather than min/max per bucket: the same timesteps are
/// kept in every trial of a length, so the geometric mean over seeds is the
/// exact mean at each kept timestep. Errors are those of `FlowPoint.parse`.
public enum FlowSnapshots {
  /// Most timesteps kept per (step, layer, direction).
  public static let maxTimesteps = 2000
  /// Bytes read at a time.
  static let blockSize = 1 << 20

  /// Whether timestep `t` (1-based) of a sequence of `seqLen` is kept.
  public static func keeps(_ t: Int, seqLen: Int) -> Bool {
    guard seqLen > maxTimesteps else { return true }
    let stride = (seqLen - 1 + maxTimesteps - 2) / (maxTimesteps - 1)  // ⌈(T − 1) / (max − 1)⌉
    return t == seqLen || (t - 1) % stride == 0
  }

  /// The kept rows of the file at `url`; empty when it does not exist.
  public static func read(_ url: URL, seqLen: Int) throws -> [FlowPoint] {
    guard FileManager.default.fileExists(atPath: url.path) else { return [] }
    guard let handle = try? FileHandle(forReadingFrom: url) else {
      throw ResultsError(path: url.path, message: "cannot read file")
    }
    defer { try? handle.close() }
    var reader = Reader(path: url.path, seqLen: seqLen)
    var pending: [UInt8] = []
    while true {
      let block: Data
      do {
        block = try handle.read(upToCount: blockSize) ?? Data()  // nil or empty: the end
      } catch {
        throw ResultsError(path: url.path, message: "cannot read file")
      }
      let atEnd = block.isEmpty
      pending += block
      // Whole lines only, so a row never straddles two blocks.
      let cut = atEnd ? pending.count : (pending.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0)
      if cut > 0 {
        try reader.consume(pending[..<cut])
        pending.removeFirst(cut)
      }
      if atEnd { break }
    }
    return try reader.finish()
  }

  /// The parsing state across blocks.
  private struct Reader {
    let path: String
    let seqLen: Int
    var line = 1
    var sawHeader = false
    var lastStep = 0
    var kept: [FlowPoint] = []

    init(path: String, seqLen: Int) {
      self.path = path
      self.seqLen = seqLen
    }

    mutating func consume(_ bytes: ArraySlice<UInt8>) throws {
      guard String(bytes: bytes, encoding: .utf8) != nil else {
        throw ResultsError(path: path, message: "not UTF-8 text")
      }
      var parser = CSVParser(bytes: Array(bytes), path: path)
      parser.line = line
      let records = try parser.records()
      line = parser.line
      let header = FlowPoint.csvHeader
      for record in records {
        guard sawHeader else {
          guard record.fields == header else {
            throw ResultsError(
              path: path, line: record.line, column: 1,
              message: "expected the header '\(header.joined(separator: ","))', found '\(record.fields.joined(separator: ","))'")
          }
          sawHeader = true
          continue
        }
        guard record.fields.count == header.count else {
          throw ResultsError(
            path: path, line: record.line, column: 1,
            message: "expected \(header.count) fields, found \(record.fields.count)")
        }
        let point = try FlowPoint(row: CSVTable.Row(record: record, path: path, header: header))
        guard point.step == 0 || point.step >= lastStep else { continue }
        if point.step > lastStep {
          if lastStep > 0 { kept.removeAll { $0.step == lastStep } }
          lastStep = point.step
        }
        if keeps(point.timestep, seqLen: seqLen) { kept.append(point) }
      }
    }

    func finish() throws -> [FlowPoint] {
      guard sawHeader else {
        throw ResultsError(path: path, message: "empty file, expected the header '\(FlowPoint.csvHeader.joined(separator: ","))'")
      }
      return kept
    }
  }
}
