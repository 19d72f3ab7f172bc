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
    ] + (tunedFrom.map { [("tuned_from", .string($0))] } ?? []) + [
      ("tasks", .array(tasks.map(taskJSON))),
      ("models", .array(models.map(modelJSON))),
      ("training", training.jsonValue),
    ] + (search.map { [("search", $0.jsonValue)] } ?? []) + [
      ("report", .object([("compare_to", report.compareTo.map(JSONValue.string) ?? .null)])),
    ])
  }

  /// A task's entry with its `tuned:` as written (a trial's task config has neither).
  private func taskJSON(_ task: TaskSpec) -> JSONValue {
    let entry = task.jsonValue(seqLens: true)
    guard let hand = tunedByHand[task.name] else { return entry }
    return entry.adding("tuned", .object(hand.map { ($0.model, .object($0.values.map { ($0.path, $0.value.jsonValue) })) }))
  }

  /// A model's entry; its `search` only where it differs from the top-level
  /// one (`null` where the model turns it off).
  private func modelJSON(_ model: ModelSpec) -> JSONValue {
    let entry = model.jsonValue(includingTraining: true)
    return model.search == search ? entry : entry.adding("search", model.search?.jsonValue ?? .null)
  }

  /// The spec as run, as YAML: loads back to a spec equal to this one.
  public var resolvedYAML: String {
    "# Resolved spec: overrides applied, every default filled in.\n" + YAMLWriter.document(jsonValue)
  }
}

extension TaskSpec {
  /// `name`, `kind`, optionally `seq_len`, the options of the kind, then
  /// `evaluation` when it lists lengths.
  public func jsonValue(seqLens includeSeqLens: Bool) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [("name", .string(name)), ("kind", .string(kind.rawValue))]
    // The spec's view: a trial's config has neither (its seed is its own member).
    if includeSeqLens {
      members.append(("seq_len", .array(seqLens.map(JSONValue.int))))
      if let seeds { members.append(("seeds", .array(seeds.map(JSONValue.int)))) }
    }
    members += options.members
    // Only when set: a trial without it keeps the configuration (and hash) it always had.
    if !evaluationLengths.isEmpty {
      members.append(("evaluation", .object([("lengths", .array(evaluationLengths.map(JSONValue.int)))])))
    }
    return .object(members)
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
    var members = members(Self.keys)
    if includingTraining, !training.isEmpty { members.append(("training", training.jsonValue)) }
    return .object(members)
  }

  /// The model's part of a trial's configuration: the keys that are `hashed`.
  public var configJSON: JSONValue { .object(members(Self.keys.filter { $0.isHashed(in: self) })) }

  /// `name`, `cell`, `hidden`, then those of `keys` that apply to this model.
  private func members(_ keys: [SpecKey<ModelSpec>]) -> [(key: String, value: JSONValue)] {
    let hidden: JSONValue = parameterBudget.map { .object([("parameters", .int($0))]) } ?? .int(hidden)
    return [("name", .string(name)), ("cell", .string(cell.rawValue)), ("hidden", hidden)]
      + keys.filter { SpecSchema.modelKeyApplies($0.name, to: self) }.map { ($0.name, $0.value(in: self)) }
  }
}

extension TrainingSpec {
  /// Every setting, in `keys` order; the ones that are off are `null`.
  public var jsonValue: JSONValue { .object(Self.keys.map { ($0.name, $0.value(in: self)) }) }

  /// The settings that make up a trial's configuration (`SpecKey.hashed`).
  public var configJSON: JSONValue {
    .object(Self.keys.filter { $0.isHashed(in: self) }.map { ($0.name, $0.value(in: self)) })
  }
}

extension TrainingOverride {
  /// Only the settings the override sets, in `TrainingSpec.keys` order.
  public var jsonValue: JSONValue {
    .object(TrainingSpec.keys.filter { sets($0.name) }.map { ($0.name, $0.value(in: values)) })
  }
}

extension SearchSpec {
  /// As written in a spec: `method`, `samples` and `seed` (random and
  /// halving), `eta` and `min_steps` (halving), `space`.
  public var jsonValue: JSONValue {
    var members: [(key: String, value: JSONValue)] = [("method", .string(method.rawValue))]
    if method != .grid { members += [("samples", .int(samples ?? 1)), ("seed", .int(seed))] }
    if let halving { members += [("eta", .int(halving.eta)), ("min_steps", .int(halving.minSteps))] }
    return .object(members + [("space", .object(space.map { ($0.path, $0.domain.jsonValue) }))])
  }
}

extension SearchDomain {
  /// A list of values, or `{log_uniform: [a, b]}`.
  public var jsonValue: JSONValue {
    switch self {
    case .choices(let values): .array(values.map(\.jsonValue))
    case .uniform(let low, let high), .logUniform(let low, let high):
      .object([(rangeName ?? "", .array([.double(low), .double(high)]))])
    case .intUniform(let low, let high): .object([(rangeName ?? "", .array([.int(low), .int(high)]))])
    }
  }
}
