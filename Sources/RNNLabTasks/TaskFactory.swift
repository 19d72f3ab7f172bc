/// Builds the task a spec names from its kind, sequence length and options.
public enum TaskFactory {
  /// Every task kind, in the order the documentation lists them.
  public static let kinds = ["adding", "copy", "first_symbol", "temporal_order", "lookahead"]

  /// The spec names of the options `kind` accepts, or `nil` for an unknown kind.
  public static func optionNames(for kind: String) -> [String]? {
    switch kind {
    case "adding": ["placement"]
    case "copy": ["copy_length", "symbols"]
    case "first_symbol": ["classes", "distractors"]
    case "temporal_order": ["distractors"]
    case "lookahead": ["offset", "symbols"]
    default: nil
    }
  }

  /// The task of kind `kind` at sequence length `seqLen`, with the kind's
  /// defaults for options that are not given.
  ///
  /// Throws for an unknown kind, an option the kind does not have, or a value
  /// out of range (each task's initializer states its limits).
  public static func make(
    kind: String, seqLen: Int, options: TaskOptions = TaskOptions()
  ) throws(TaskConfigurationError) -> any SequenceTask {
    guard let accepted = optionNames(for: kind) else {
      throw TaskConfigurationError(
        "unknown task kind '\(kind)' (expected one of: \(kinds.joined(separator: ", ")))")
    }
    for name in options.givenNames where !accepted.contains(name) {
      throw TaskConfigurationError(
        "\(kind): unknown option '\(name)' (expected one of: \(accepted.joined(separator: ", ")))")
    }
    switch kind {
    case "adding":
      let placement: AddingTask.Placement
      if let name = options.placement {
        guard let parsed = AddingTask.Placement(rawValue: name) else {
          let expected = AddingTask.Placement.allCases.map(\.rawValue).joined(separator: ", ")
          throw TaskConfigurationError(
            "adding: unknown placement '\(name)' (expected one of: \(expected))")
        }
        placement = parsed
      } else {
        placement = .halves
      }
      return try AddingTask(seqLen: seqLen, placement: placement)
    case "copy":
      return try CopyTask(
        seqLen: seqLen,
        copyLength: options.copyLength ?? CopyTask.defaultCopyLength,
        symbols: options.symbols ?? CopyTask.defaultSymbols)
    case "first_symbol":
      return try FirstSymbolTask(
        seqLen: seqLen,
        classes: options.classes ?? FirstSymbolTask.defaultClasses,
        distractors: options.distractors ?? FirstSymbolTask.defaultDistractors)
    case "temporal_order":
      return try TemporalOrderTask(
        seqLen: seqLen, distractors: options.distractors ?? TemporalOrderTask.defaultDistractors)
    default:  // "lookahead"; optionNames(for:) has ruled out everything else
      return try LookaheadTask(
        seqLen: seqLen,
        offset: options.offset ?? LookaheadTask.defaultOffset,
        symbols: options.symbols ?? LookaheadTask.defaultSymbols)
    }
  }
}
