/// The options of a task, one case per kind, every value filled in. The spec
/// decodes into these and `TaskFactory.make` takes them: the kinds, options,
/// defaults, ranges and shortest lengths live here and in the task types.
public enum TaskOptions: Hashable, Sendable {
  /// Where the two markers go.
  case adding(placement: AddingTask.Placement)
  /// `copyLength` symbols to recall from an alphabet of `symbols`.
  case copy(copyLength: Int, symbols: Int)
  /// `classes` to tell apart, `distractors` symbols.
  case firstSymbol(classes: Int, distractors: Int)
  /// `distractors` symbols.
  case temporalOrder(distractors: Int)
  /// The target looks `offset` steps ahead over `symbols` symbols.
  case lookahead(offset: Int, symbols: Int)

  /// The task kind these options belong to.
  public var kind: TaskKind {
    switch self {
    case .adding: return .adding
    case .copy: return .copy
    case .firstSymbol: return .firstSymbol
    case .temporalOrder: return .temporalOrder
    case .lookahead: return .lookahead
    }
  }

  /// The options a task of `kind` gets when the spec sets none.
  public static func defaults(for kind: TaskKind) -> TaskOptions {
    switch kind {
    case .adding: return .adding(placement: .halves)
    case .copy: return .copy(copyLength: CopyTask.defaultCopyLength, symbols: CopyTask.defaultSymbols)
    case .firstSymbol:
      return .firstSymbol(classes: FirstSymbolTask.defaultClasses, distractors: FirstSymbolTask.defaultDistractors)
    case .temporalOrder: return .temporalOrder(distractors: TemporalOrderTask.defaultDistractors)
    case .lookahead: return .lookahead(offset: LookaheadTask.defaultOffset, symbols: LookaheadTask.defaultSymbols)
    }
  }

  /// The shortest sequence a task with these options can be made of: the
  /// rule its initializer checks, so that the spec can report a too-short
  /// `seq_len` at its position rather than as a failed trial.
  public var minimumSeqLen: Int {
    switch self {
    case .adding(let placement): return AddingTask.minimumSeqLen(placement: placement)
    case .copy: return CopyTask.minimumSeqLen
    case .firstSymbol: return FirstSymbolTask.minimumSeqLen
    case .temporalOrder: return TemporalOrderTask.minimumSeqLen
    case .lookahead(let offset, _): return LookaheadTask.minimumSeqLen(offset: offset)
    }
  }

  /// The options by their spec names, in the order a spec writes them.
  public var values: [(name: String, value: TaskOptionValue)] {
    switch self {
    case .adding(let placement): return [("placement", .name(placement.rawValue))]
    case .copy(let copyLength, let symbols): return [("copy_length", .int(copyLength)), ("symbols", .int(symbols))]
    case .firstSymbol(let classes, let distractors): return [("classes", .int(classes)), ("distractors", .int(distractors))]
    case .temporalOrder(let distractors): return [("distractors", .int(distractors))]
    case .lookahead(let offset, let symbols): return [("offset", .int(offset)), ("symbols", .int(symbols))]
    }
  }

  /// The spec names of the options of `kind`, in the order a spec writes them.
  public static func names(for kind: TaskKind) -> [String] { defaults(for: kind).values.map(\.name) }
}

/// An option's value: a count, or a name from a fixed set (`placement`).
public enum TaskOptionValue: Hashable, Sendable {
  case int(Int)
  case name(String)
}
