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

  public init(
    name: String, description: String = "", seeds: [Int] = [1], tasks: [TaskSpec],
    models: [ModelSpec], training: TrainingSpec = TrainingSpec(), report: ReportSpec = ReportSpec(),
    search: SearchSpec? = nil
  ) {
    self.name = name
    self.description = description
    self.seeds = seeds
    self.tasks = tasks
    self.models = models
    self.training = training
    self.report = report
    self.search = search
  }

  /// The training settings `model` runs with: shared ones, then its overrides.
  public func training(for model: ModelSpec) -> TrainingSpec {
    training.applying(model.training)
  }
}
