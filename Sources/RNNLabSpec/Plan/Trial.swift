import RNNLabRandom

/// One training run of the grid: one task at one sequence length, one model
/// (one configuration of its search, if it has one), one seed, with every
/// setting resolved.
public struct Trial: Hashable, Sendable {
  /// Position in the plan, from 0.
  public let index: Int
  /// `<task>-T<seq_len>-<model>-s<seed>`, e.g. `adding-T100-lstm-s1`, or
  /// with a search `adding-T100-lstm-c03-s1`; the trial's folder name,
  /// unique within the plan.
  public let id: String
  public let task: TaskSpec
  public let seqLen: Int
  /// The model as written with its search configuration's values applied,
  /// including its training override.
  public let model: ModelSpec
  /// Shared training settings with the model's overrides applied.
  public let training: TrainingSpec
  public let seed: Int
  /// The configuration of the model's search this trial trains; nil without search.
  public let search: SearchConfiguration?
  /// `Trial.hash(of:)` its `config`: equal exactly when the resolved
  /// configurations are, so a finished trial can be told from a stale one.
  public let configHash: String
  /// The tuned values the model took on this task and where each came from
  /// (`tuned_from`, a task's `tuned:`); recorded in config.json beside the
  /// hash: the values themselves are hashed through the model and training.
  public let tuned: TunedValues?

  public init(
    index: Int, task: TaskSpec, seqLen: Int, model: ModelSpec, training: TrainingSpec, seed: Int,
    search: SearchConfiguration? = nil
  ) {
    let configuration = Self.configuration(
      task: task.jsonValue(seqLens: false), seqLen: .int(seqLen), model: model.configJSON,
      training: training.configJSON, seed: .int(seed), search: search?.jsonValue)
    self.init(index: index, task: task, seqLen: seqLen, model: model, training: training, seed: seed,
              search: search, configHash: Self.hash(of: configuration), tuned: nil)
  }

  /// A trial whose hash the caller has computed (`Plan`, with a
  /// `Trial.Template` of its configuration rendered once per task and model).
  init(
    index: Int, task: TaskSpec, seqLen: Int, model: ModelSpec, training: TrainingSpec, seed: Int,
    search: SearchConfiguration?, configHash: String, tuned: TunedValues?
  ) {
    self.tuned = tuned
    self.index = index
    self.id = Self.id(task: task.name, seqLen: seqLen, model: model.name, configuration: search?.label, seed: seed)
    self.task = task
    self.seqLen = seqLen
    self.model = model
    self.training = training
    self.seed = seed
    self.search = search
    self.configHash = configHash
  }

  /// The id a trial of these names, length, configuration label (`c03`) and seed gets.
  public static func id(task: String, seqLen: Int, model: String, configuration: String? = nil, seed: Int) -> String {
    "\(task)-T\(seqLen)-\(model)-" + (configuration.map { $0 + "-" } ?? "") + "s\(seed)"
  }
}
