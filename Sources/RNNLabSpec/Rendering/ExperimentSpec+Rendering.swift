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
    switch self {
    case .adding(let placement): return [("placement", .string(placement.rawValue))]
    case .copy(let copyLength, let symbols): return [("copy_length", .int(copyLength)), ("symbols", .int(symbols))]
    case .firstSymbol(let classes, let distractors): return [("classes", .int(classes)), ("distractors", .int(distractors))]
    case .temporalOrder(let distractors): return [("distractors", .int(distractors))]
    case .lookahead(let offset, let symbols): return [("offset", .int(offset)), ("symbols", .int(symbols))]
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
  /// Every setting; the ones that are off are `null`.
  public var jsonValue: JSONValue {
    .object([
      ("steps", .int(steps)), ("batch_size", .int(batchSize)), ("optimizer", .string(optimizer.rawValue)),
      ("learning_rate", .double(learningRate)), ("momentum", .double(momentum)),
      ("clip_norm", .number(clipNorm)), ("clip_value", .number(clipValue)),
      ("eval_every", .int(evalEvery)), ("eval_size", .int(evalSize)), ("flow_every", .integer(flowEvery)),
      ("log_every", .int(logEvery)),
    ])
  }
}

extension TrainingOverride {
  /// Only the settings the override sets, in schema order.
  public var jsonValue: JSONValue {
    let values: [(String, JSONValue?)] = [
      ("steps", steps.map(JSONValue.int)), ("batch_size", batchSize.map(JSONValue.int)),
      ("optimizer", optimizer.map { .string($0.rawValue) }), ("learning_rate", learningRate.map(JSONValue.double)),
      ("momentum", momentum.map(JSONValue.double)), ("clip_norm", clipNorm.map(JSONValue.number)),
      ("clip_value", clipValue.map(JSONValue.number)), ("eval_every", evalEvery.map(JSONValue.int)),
      ("eval_size", evalSize.map(JSONValue.int)), ("flow_every", flowEvery.map(JSONValue.integer)),
      ("log_every", logEvery.map(JSONValue.int)),
    ]
    return .object(values.compactMap { key, value in value.map { (key, $0) } })
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
      ("training", training.jsonValue),
      ("seed", .int(seed)),
    ])
  }
}
