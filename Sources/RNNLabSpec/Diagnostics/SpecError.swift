/// The error every spec operation throws: one or more diagnostics, sorted by
/// position. A user error, never an internal one (exit code 2 in the CLI).
public struct SpecError: Error, Sendable, CustomStringConvertible {
  /// Sorted by position, without duplicates; never empty.
  public let diagnostics: [SpecDiagnostic]

  public init(_ diagnostics: [SpecDiagnostic]) {
    precondition(!diagnostics.isEmpty, "a SpecError needs at least one diagnostic")
    var seen = Set<SpecDiagnostic>()
    // Stable sort keeps the discovery order of errors at the same position.
    self.diagnostics = diagnostics.filter { seen.insert($0).inserted }
      .enumerated().sorted { ($0.element, $0.offset) < ($1.element, $1.offset) }.map(\.element)
  }

  /// A single error at a position.
  public init(at mark: Mark, _ message: String) {
    self.init([SpecDiagnostic(at: mark, message)])
  }

  /// A single error about a source as a whole.
  public init(in source: SpecSource, _ message: String) {
    self.init([SpecDiagnostic(in: source, message)])
  }

  /// One line per diagnostic, joined with newlines (no trailing newline).
  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
