/// Whether a model trained on a task at one length can be tested on the same
/// task at another: true when the inputs at the other length are drawn by the
/// same rule and the task's lag grows (or shrinks) with the length, so the
/// test asks "does what was learned carry over to a longer lag?".
public enum LengthGeneralisation: Sendable, Equatable {
  case testable
  /// Why another length would not test what the spec means (one clause,
  /// in the spec's words; it ends an error message).
  case untestable(because: String)
}

extension SequenceTask {
  /// The declaration of this task's type.
  public var lengthGeneralisation: LengthGeneralisation { Self.lengthGeneralisation }
}

extension TaskKind {
  /// Each task type's own declaration, read by the spec decoder before any
  /// task is built.
  public var lengthGeneralisation: LengthGeneralisation {
    switch self {
    case .adding: AddingTask.lengthGeneralisation
    case .copy: CopyTask.lengthGeneralisation
    case .firstSymbol: FirstSymbolTask.lengthGeneralisation
    case .temporalOrder: TemporalOrderTask.lengthGeneralisation
    case .lookahead: LookaheadTask.lengthGeneralisation
    }
  }
}
