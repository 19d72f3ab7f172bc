/// Builds the task a spec names from its options and sequence length.
public enum TaskFactory {
  /// The task these options describe at sequence length `seqLen`.
  ///
  /// Throws for a value out of range or a `seqLen` too short for the options
  /// (each task's initializer states its limits).
  public static func make(_ options: TaskOptions, seqLen: Int) throws(TaskConfigurationError) -> any SequenceTask {
    switch options {
    case .adding(let placement):
      return try AddingTask(seqLen: seqLen, placement: placement)
    case .copy(let copyLength, let symbols):
      return try CopyTask(seqLen: seqLen, copyLength: copyLength, symbols: symbols)
    case .firstSymbol(let classes, let distractors):
      return try FirstSymbolTask(seqLen: seqLen, classes: classes, distractors: distractors)
    case .temporalOrder(let distractors):
      return try TemporalOrderTask(seqLen: seqLen, distractors: distractors)
    case .lookahead(let offset, let symbols):
      return try LookaheadTask(seqLen: seqLen, offset: offset, symbols: symbols)
    }
  }

  /// The task of `kind` with its default options.
  public static func make(_ kind: TaskKind, seqLen: Int) throws(TaskConfigurationError) -> any SequenceTask {
    try make(.defaults(for: kind), seqLen: seqLen)
  }
}
