/// The options of a task, one case per kind, every value filled in.
public enum TaskOptions: Hashable, Sendable {
  /// `placement` (default `halves`).
  case adding(placement: Placement)
  /// `copy_length` symbols to recall (default 10) from an alphabet of
  /// `symbols` (default 8).
  case copy(copyLength: Int, symbols: Int)
  /// `classes` to tell apart (default 4), `distractors` symbols (default 8).
  case firstSymbol(classes: Int, distractors: Int)
  /// `distractors` symbols (default 4).
  case temporalOrder(distractors: Int)
  /// The target looks `offset` steps ahead (default 5) over `symbols`
  /// symbols (default 8).
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
    case .copy: return .copy(copyLength: 10, symbols: 8)
    case .firstSymbol: return .firstSymbol(classes: 4, distractors: 8)
    case .temporalOrder: return .temporalOrder(distractors: 4)
    case .lookahead: return .lookahead(offset: 5, symbols: 8)
    }
  }

  /// The shortest sequence a task with these options can be made of (the
  /// task generators' own rules, checked here so that a too-short `seq_len`
  /// is a spec error with a position rather than a failed trial).
  public var minimumSeqLen: Int {
    switch self {
    case .adding(let placement): return placement == .hochreiter ? 4 : 2
    case .copy: return 1
    case .firstSymbol: return 2
    case .temporalOrder: return 4
    case .lookahead(let offset, _): return offset + 1
    }
  }
}
