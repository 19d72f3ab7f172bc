/// Where a piece of spec text came from: the spec file or one `--set` override.
///
/// Diagnostics print `name` before the position, and sort by `rank` first so
/// that errors in the file come before errors in the overrides, which keep
/// the order they were given in.
public struct SpecSource: Hashable, Sendable {
  /// The file path, or `--set PATH=VALUE` for an override.
  public let name: String
  /// 0 for the spec file, k for the k-th override (1-based).
  public let rank: Int

  public init(name: String, rank: Int = 0) {
    self.name = name
    self.rank = rank
  }
}

/// A 1-based line and column in a `SpecSource`; columns count characters.
public struct Mark: Hashable, Sendable, Comparable, CustomStringConvertible {
  public let source: SpecSource
  public let line: Int
  public let column: Int

  public init(source: SpecSource, line: Int, column: Int) {
    self.source = source
    self.line = line
    self.column = column
  }

  /// `LINE:COL`, the form used inside messages ("first defined at 12:5").
  public var description: String { "\(line):\(column)" }

  public static func < (a: Mark, b: Mark) -> Bool {
    (a.source.rank, a.line, a.column) < (b.source.rank, b.line, b.column)
  }
}
