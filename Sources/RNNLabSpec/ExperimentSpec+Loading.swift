/// The front door of the module: from a file (or text) and `--set`
/// overrides to a validated spec with every default filled.
extension ExperimentSpec {
  /// Loads the spec at `path`, applies `overrides` (`PATH=VALUE` strings, in
  /// order) and validates it. Throws every problem found, sorted by position.
  public static func load(path: String, overrides: [String] = []) throws(SpecError) -> ExperimentSpec {
    let source = SpecSource(name: path)
    let root = try YAMLLoader.load(path: path)
    return try decode(root, source: source, overrides: overrides)
  }

  /// Like `load(path:overrides:)` for YAML text; `sourceName` stands in for
  /// the path in diagnostics.
  public static func parse(_ text: String, sourceName: String = "<spec>", overrides: [String] = []) throws(SpecError) -> ExperimentSpec {
    let source = SpecSource(name: sourceName)
    let root = try YAMLLoader.parse(text, source: source)
    return try decode(root, source: source, overrides: overrides)
  }

  /// Applies the overrides that can be applied, decodes, and reports the
  /// problems of both together so one run shows everything to fix.
  static func decode(_ root: YAMLNode?, source: SpecSource, overrides: [String]) throws(SpecError) -> ExperimentSpec {
    guard var root else {
      throw SpecError(in: source, "the spec is empty; expected a mapping with 'name', 'tasks' and 'models'")
    }
    var diagnostics: [SpecDiagnostic] = []
    for (offset, argument) in overrides.enumerated() {
      do {
        root = try root.applying(try SpecOverride(argument, rank: offset + 1))
      } catch {
        diagnostics += error.diagnostics
      }
    }
    let decoder = SpecDecoder()
    let spec = decoder.decodeSpec(root)
    diagnostics += decoder.diagnostics
    if let spec, diagnostics.isEmpty { return spec }
    throw SpecError(diagnostics.isEmpty ? [SpecDiagnostic(in: source, "invalid spec")] : diagnostics)
  }
}
