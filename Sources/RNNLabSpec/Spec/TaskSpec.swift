import RNNLabTasks

/// One task of a spec and the sequence lengths it is trained at; each length
/// is one point of the grid.
public struct TaskSpec: Hashable, Sendable {
  /// Unique within the spec and safe as a folder name; defaults to the kind.
  public var name: String
  /// Sequence lengths T, in the order the spec lists them; each ≥ 1, unique.
  public var seqLens: [Int]
  /// Kind-specific options with defaults filled.
  public var options: TaskOptions
  /// This task's seeds where they replace the spec's (more seeds where the
  /// models' results are close); nil for the spec's.
  public var seeds: [Int]?
  /// Other lengths each trial's final (kept) parameters are tested at
  /// (`evaluation: {lengths: …}`), ascending; empty: none. Part of the
  /// trial's configuration only when not empty, so other trials keep their hashes.
  public var evaluationLengths: [Int]

  /// Which task this is; determined by `options`.
  public var kind: TaskKind { options.kind }

  public init(
    name: String? = nil, seqLens: [Int], options: TaskOptions, seeds: [Int]? = nil, evaluationLengths: [Int] = []
  ) {
    self.name = name ?? options.kind.rawValue
    self.seqLens = seqLens
    self.options = options
    self.seeds = seeds
    self.evaluationLengths = evaluationLengths
  }

  /// A task of `kind` with default options.
  public init(kind: TaskKind, name: String? = nil, seqLens: [Int]) {
    self.init(name: name, seqLens: seqLens, options: .defaults(for: kind))
  }
}
