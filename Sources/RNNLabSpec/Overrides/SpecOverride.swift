/// One `--set PATH=VALUE` override: a dotted path into the spec and a value
/// parsed as YAML (`[10,20]` is a list, `null` is null, `"1"` a string).
///
/// Nodes of the value carry marks in their own source, named after the
/// argument, so an error in an overridden value reads
/// `--set training.steps=0:1:16: error: 'steps' must be at least 1, got 0`.
public struct SpecOverride: Sendable {
  /// `PATH=VALUE` as given.
  public let argument: String
  /// The dotted path, e.g. `models.lstm.training.steps`.
  public let path: String
  public let value: YAMLNode
  /// Where errors about this override point.
  public let source: SpecSource

  /// Parses one argument; `rank` orders its errors after the file's (1 for
  /// the first override).
  public init(_ argument: String, rank: Int) throws(SpecError) {
    self.argument = argument
    source = SpecSource(name: "--set \(argument)", rank: rank)
    guard let equals = argument.firstIndex(of: "=") else {
      throw SpecError(in: source, "expected PATH=VALUE, e.g. training.steps=200")
    }
    path = String(argument[..<equals])
    // No key has a line break or control character in it, and a path with
    // one would also put the value's columns on the wrong line.
    if path.isEmpty || path.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty)
      || path.unicodeScalars.contains(where: Quoting.isControl) {
      throw SpecError(in: source, "invalid path \(Quoting.quoted(path)); expected dotted keys like training.steps")
    }
    let valueText = String(argument[argument.index(after: equals)...])
    let valueColumn = path.count + 1
    value = try YAMLLoader.parse(valueText, source: source, firstLineColumnOffset: valueColumn)
      ?? YAMLNode(.scalar(YAMLScalar(text: "")), mark: Mark(source: source, line: 1, column: valueColumn + 1))
  }
}
