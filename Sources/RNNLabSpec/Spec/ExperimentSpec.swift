/// A whole experiment: what to train, on what, how, and with which seeds.
/// Built by `ExperimentSpec.load`, which fills every default, so every value
/// here is the one a run uses.
public struct ExperimentSpec: Hashable, Sendable {
  /// Results go to `results/<name>/`; letters, digits, `_`, `.`, `-` only.
  public var name: String
  public var description: String
  /// Every trial runs once per seed; non-empty, unique, in spec order.
  public var seeds: [Int]
  public var tasks: [TaskSpec]
  public var models: [ModelSpec]
  /// Shared training settings; a model's `training` overrides them.
  public var training: TrainingSpec
  public var report: ReportSpec
  /// The top-level `search:` as written; each model's own search (this one
  /// unless it replaces it) is in `ModelSpec.search`.
  public var search: SearchSpec?
  /// `tuned_from:` as written (relative to the spec file), if any.
  public var tunedFrom: String?
  /// Per task × model, the values from `tuned_from` and the tasks' `tuned:`.
  public var tuned: [TunedValues]
  /// Each task's `tuned:` as written (model name → path → value), for rendering.
  public var tunedByHand: [String: [(model: String, values: [SearchPathValue])]] {
    var result: [String: [(model: String, values: [SearchPathValue])]] = [:]
    for entry in tuned {
      let handValues = zip(entry.values, entry.sources).filter { $1 == TunedValues.handSource }.map(\.0)
      if !handValues.isEmpty { result[entry.task, default: []].append((entry.model, handValues)) }
    }
    return result
  }

  public init(
    name: String, description: String = "", seeds: [Int] = [1], tasks: [TaskSpec],
    models: [ModelSpec], training: TrainingSpec = TrainingSpec(), report: ReportSpec = ReportSpec(),
    search: SearchSpec? = nil, tunedFrom: String? = nil, tuned: [TunedValues] = []
  ) {
    self.tunedFrom = tunedFrom
    self.tuned = tuned
    self.name = name
    self.description = description
    self.seeds = seeds
    self.tasks = tasks
    self.models = models
    self.training = training
    self.report = report
    self.search = search
  }

  /// The seeds `task` runs with: its own where it sets them, else the spec's.
  public func seeds(for task: TaskSpec) -> [Int] { task.seeds ?? seeds }

  /// Task lengths counted once per seed each runs with: the grid's size per model configuration.
  public var lengthSeedRuns: Int { tasks.reduce(0) { $0 + $1.seqLens.count * seeds(for: $1).count } }

  /// The training settings `model` runs with: shared ones, then its overrides.
  public func training(for model: ModelSpec) -> TrainingSpec {
    training.applying(model.training)
  }
}
