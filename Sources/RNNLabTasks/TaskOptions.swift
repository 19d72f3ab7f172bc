/// The per-kind task options of a spec, spelled as in the YAML, so the runner
/// can hand a spec's task to `TaskFactory` without this module knowing the spec.
///
/// `nil` means "not given; use the kind's default". Giving an option the kind
/// does not have is an error (see `TaskFactory.optionNames(for:)`).
public struct TaskOptions: Sendable, Equatable {
  /// `adding`: `halves` (default), `hochreiter` or `anywhere`.
  public var placement: String?
  /// `copy`: symbols to remember (`copy_length`, default 10).
  public var copyLength: Int?
  /// `copy` (default 8) and `lookahead` (default 8): alphabet size.
  public var symbols: Int?
  /// `first_symbol`: number of class symbols (default 4).
  public var classes: Int?
  /// `first_symbol` (default 8) and `temporal_order` (default 4): distractor symbols.
  public var distractors: Int?
  /// `lookahead`: how many steps ahead the target is read (default 5).
  public var offset: Int?

  /// Options; leave out the ones the spec does not set.
  public init(
    placement: String? = nil, copyLength: Int? = nil, symbols: Int? = nil,
    classes: Int? = nil, distractors: Int? = nil, offset: Int? = nil
  ) {
    self.placement = placement
    self.copyLength = copyLength
    self.symbols = symbols
    self.classes = classes
    self.distractors = distractors
    self.offset = offset
  }

  /// The spec names of the options that are set, in declaration order.
  var givenNames: [String] {
    var names: [String] = []
    if placement != nil { names.append("placement") }
    if copyLength != nil { names.append("copy_length") }
    if symbols != nil { names.append("symbols") }
    if classes != nil { names.append("classes") }
    if distractors != nil { names.append("distractors") }
    if offset != nil { names.append("offset") }
    return names
  }
}
