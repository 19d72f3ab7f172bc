/// One user-facing error about a spec, printed as a single line like a
/// compiler's: `PATH:LINE:COL: error: MESSAGE`, or `PATH: error: MESSAGE`
/// when there is no position (a missing file, an unknown override key).
public struct SpecDiagnostic: Hashable, Sendable, Comparable, CustomStringConvertible {
  public let source: SpecSource
  /// 1-based; nil when the error is about the source as a whole.
  public let line: Int?
  /// 1-based; nil when `line` is nil.
  public let column: Int?
  public let message: String

  /// An error at a position in a source.
  public init(at mark: Mark, _ message: String) {
    self.source = mark.source
    self.line = mark.line
    self.column = mark.column
    self.message = message
  }

  /// An error about a source as a whole.
  public init(in source: SpecSource, _ message: String) {
    self.source = source
    self.line = nil
    self.column = nil
    self.message = message
  }

  /// The single printed line. Control characters from user text are escaped
  /// here, so that no input can split one error over several lines.
  public var description: String {
    let position = line.map { ":\($0):\(column ?? 1)" } ?? ""
    return Quoting.oneLine("\(source.name)\(position): error: \(message)")
  }

  /// Position order: source rank, then line, then column; whole-source
  /// errors first within their source.
  public static func < (a: SpecDiagnostic, b: SpecDiagnostic) -> Bool {
    (a.source.rank, a.line ?? 0, a.column ?? 0) < (b.source.rank, b.line ?? 0, b.column ?? 0)
  }
}
