import RNNLabTasks

/// The spec as data: the JSON that `runner plan --format json` shows and the
/// YAML written to `results/<name>/spec.yaml`, both with every default
/// filled and keys in `SpecSchema` order. Options that do not apply to a
/// model's cell are left out, so the text loads back to an equal spec.
extension ExperimentSpec {
  public var jsonValue: JSONValue {
    .object([
      ("name", .string(name)),
      ("description", .string(description)),
      ("seeds", .array(seeds.map(JSONValue.int))),
      ("tasks", .array(tasks.map { $0.jsonValue(seqLens: true) })),
      ("models", .array(models.map { $0.jsonValue(includingTraining: true) })),
      ("training", training.jsonValue),
      ("report", .object([("compare_to", report.compareTo.map(JSONValue.string) ?? .null)])),
    ])
  }

  /// The spec as run, as YAML: loads back to a spec equal to this one.
  public var resolvedYAML: String {
    "# Resolved spec: overrides applied, every default filled in.\n" + YAMLWriter.document(jsonValue)
  }
}

extension TaskSpec {
  /// `name`, `kind`, optionally `seq_len`, then the options of the kind.
  public func jsonValue(seqLens includeSeqLens: Bool) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [("name", .string(name)), ("kind", .string(kind.rawValue))]
    if includeSeqLens { members.append(("seq_len", .array(seqLens.map(JSONValue.int)))) }
    return .object(members + options.members)
  }
}

extension TaskOptions {
  /// The options as key–value pairs, keys as in the spec.
  public var members: [(key: String, value: JSONValue)] {
    values.map { name, value in
      switch value {
      case .int(let count): return (name, .int(count))
      case .name(let text): return (name, .string(text))
      }
    }
  }
}

extension ModelSpec {
  /// Every key that applies to the cell; `training` only when asked and set.
  public func jsonValue(includingTraining: Bool) -> JSONValue {
    let values: [String: JSONValue] = [
      "name": .string(name), "cell": .string(cell.rawValue), "hidden": .int(hidden), "layers": .int(layers),
      "bidirectional": .bool(bidirectional), "activation": .string(activation.rawValue),
      "forget_bias": .double(forgetBias), "init": .string(initialization.rawValue),
      "input_gate": .bool(inputGate), "forget_gate": .bool(forgetGate), "output_gate": .bool(outputGate),
      "input_activation": .bool(inputActivation), "output_activation": .bool(outputActivation),
    ]
    var members: [(key: String, value: JSONValue)] = SpecSchema.modelKeys.compactMap { key in
      guard SpecSchema.modelKeyApplies(key, to: self), let value = values[key] else { return nil }
      return (key, value)
    }
    if includingTraining, !training.isEmpty { members.append(("training", training.jsonValue)) }
    return .object(members)
  }
}

extension TrainingSpec {
  /// Every setting, in `keys` order; the ones that are off are `null`.
  public var jsonValue: JSONValue { .object(Self.keys.map { ($0.name, $0.value(in: self)) }) }

  /// The settings that make up a trial's configuration (`SpecKey.hashed`).
  public var configJSON: JSONValue { .object(Self.keys.filter(\.hashed).map { ($0.name, $0.value(in: self)) }) }
}

extension TrainingOverride {
  /// Only the settings the override sets, in `TrainingSpec.keys` order.
  public var jsonValue: JSONValue {
    .object(TrainingSpec.keys.filter { sets($0.name) }.map { ($0.name, $0.value(in: values)) })
  }
}

extension Trial {
  /// The fully resolved configuration of a trial, the content of its
  /// `config.json` (the runner adds `config_hash`): task and its options,
  /// the sequence length, the model (options that apply to its cell), the
  /// training settings with the model's overrides applied, and the seed.
  /// Experiment name and description are not part of it: they do not change
  /// what is trained.
  public var config: JSONValue {
    Self.config(task: task, seqLen: seqLen, model: model, training: training, seed: seed)
  }

  /// `config` in canonical form; `configHash` is its hash.
  public var canonicalConfig: String { config.canonicalText }

  /// The text of the trial's `config.json`: `config` plus `config_hash`,
  /// keys sorted, indented, ending in a newline.
  public var configFileText: String {
    config.adding("config_hash", .string(configHash)).sortingKeys.prettyText + "\n"
  }

  /// `canonicalConfig` assembled from the canonical texts of the task (without
  /// `seq_len`), the model (without `training`) and the resolved training:
  /// the members of `config` in canonical key order, so the text is the same.
  static func canonicalConfig(task: String, seqLen: Int, model: String, training: String, seed: Int) -> String {
    "{\"model\":\(model),\"seed\":\(seed),\"seq_len\":\(seqLen),\"task\":\(task),\"training\":\(training)}"
  }

  static func config(task: TaskSpec, seqLen: Int, model: ModelSpec, training: TrainingSpec, seed: Int) -> JSONValue {
    .object([
      ("task", task.jsonValue(seqLens: false)),
      ("seq_len", .int(seqLen)),
      ("model", model.jsonValue(includingTraining: false)),
      ("training", training.configJSON),
      ("seed", .int(seed)),
    ])
  }
}
