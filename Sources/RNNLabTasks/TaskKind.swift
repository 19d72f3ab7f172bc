/// The synthetic long-dependency tasks, by the name a spec gives them.
public enum TaskKind: String, CaseIterable, Hashable, Sendable {
  /// Sum of the two marked values among T (Hochreiter & Schmidhuber 1997).
  case adding
  /// Recall a sequence of symbols after T blanks (Arjovsky et al. 2016).
  case copy
  /// Classify the first symbol after T-1 distractors.
  case firstSymbol = "first_symbol"
  /// Order of two relevant symbols among distractors (Hochreiter 1997, 6a).
  case temporalOrder = "temporal_order"
  /// Each target depends on an input `offset` steps later: needs the future.
  case lookahead
}
