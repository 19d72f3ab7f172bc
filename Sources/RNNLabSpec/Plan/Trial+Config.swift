import RNNLabRandom

/// A trial's configuration: what `config.json` holds, what its hash is taken
/// of, and what `runner plan` lists the hash of. `configuration(…)` below is
/// the one place that says which members it has.
extension Trial {
  /// The fully resolved configuration of a trial: task and its options, the
  /// sequence length, the model (options that apply to its cell), the
  /// training settings with the model's overrides applied (the keys that
  /// are `hashed`), and the seed. Experiment name and description are not
  /// part of it: they do not change what is trained.
  public var config: JSONValue {
    Self.configuration(
      task: task.jsonValue(seqLens: false), seqLen: seqLen, model: model.jsonValue(includingTraining: false),
      training: training.configJSON, seed: seed)
  }

  /// `config` in canonical form (sorted keys, no whitespace); `configHash` is its hash.
  public var canonicalConfig: String { config.canonicalText }

  /// The text of the trial's `config.json`: `config` plus `config_hash` and
  /// the plan `index`, keys sorted, indented, ending in a newline. The runner
  /// writes exactly this.
  public var configFileText: String {
    config.adding("config_hash", .string(configHash)).adding("index", .int(index)).sortingKeys.prettyText + "\n"
  }

  /// The configuration's members given the task, model and training already
  /// rendered. `Plan` passes them as `.canonical(…)` texts rendered once per
  /// task and model, so a 100,000-trial grid is not rendered 100,000 times.
  static func configuration(task: JSONValue, seqLen: Int, model: JSONValue, training: JSONValue, seed: Int) -> JSONValue {
    .object([("task", task), ("seq_len", .int(seqLen)), ("model", model), ("training", training), ("seed", .int(seed))])
  }

  /// The hash of a configuration: `StableHash.hex` of its canonical text.
  static func hash(of configuration: JSONValue) -> String { StableHash.hex(configuration.canonicalText) }
}
