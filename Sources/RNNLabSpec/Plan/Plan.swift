import RNNLabRandom

/// Every trial a spec expands to, in a fixed order.
///
/// Order: tasks in spec order; within a task, its `seq_len` values in list
/// order; within a length, models in spec order; within a model, the
/// configurations of its search (if any) in order; within those, seeds in
/// list order. So `adding-T25-rnn-s1`, `adding-T25-rnn-s2`, …,
/// `adding-T25-lstm-s1`, …, `adding-T50-rnn-s1`, …, then the next task.
/// Indices count from 0 in that order. The order depends only on the spec,
/// so sharding by index is the same on every machine.
public struct Plan: Sendable {
  public let spec: ExperimentSpec
  public let trials: [Trial]

  public init(spec: ExperimentSpec) {
    self.spec = spec
    // A grid may have up to `SpecLimits.trials` trials but only a few tasks
    // and models: render the configuration once per task and model (each
    // configuration of its search), with holes for the length and seed, and
    // fill it per trial (rendering whole configs was most of the time of a plan).
    let models = Self.expandedModels(spec)
    var trials: [Trial] = []
    trials.reserveCapacity(spec.lengthSeedRuns * models.count)
    for task in spec.tasks {
      let taskJSON = task.jsonValue(seqLens: false)
      // Tuned values first (they are this task's), then parameter budgets
      // become hidden sizes per task (both checked when the spec was read).
      let models = models.map { model in
        let tuned = spec.tuned(task: task.name, model: model.model.name)
        let applied = tuned.map { model.model.applying($0.values) } ?? model.model
        let resolved = applied.resolvingHidden(for: task) ?? applied
        return (model: resolved, training: tuned == nil ? model.training : spec.training(for: resolved),
                search: model.search, tuned: tuned)
      }
      let templates = models.map { model in
        Trial.Template(
          task: taskJSON, model: model.model.configJSON, training: model.training.configJSON,
          search: model.search?.jsonValue)
      }
      for seqLen in task.seqLens {
        for (model, template) in zip(models, templates) {
          for seed in spec.seeds(for: task) {
            trials.append(Trial(index: trials.count, task: task, seqLen: seqLen, model: model.model,
                                training: model.training, seed: seed, search: model.search,
                                configHash: template.hash(seqLen: seqLen, seed: seed), tuned: model.tuned))
          }
        }
      }
    }
    self.trials = trials
  }

  /// Each model of the spec, once per configuration of its search, in spec
  /// order and then configuration order, with its training settings.
  static func expandedModels(_ spec: ExperimentSpec)
    -> [(model: ModelSpec, training: TrainingSpec, search: SearchConfiguration?)] {
    spec.models.flatMap { model in
      guard let configurations = model.searchConfigurations else {
        return [(model, spec.training(for: model), SearchConfiguration?.none)]
      }
      return configurations.map { ($1, spec.training(for: $1), $0) }
    }
  }

  /// The trial with this id, if the plan has one.
  public func trial(id: String) -> Trial? { trials.first { $0.id == id } }

  /// Task–length points of the grid (the sum of each task's length count).
  public var taskLengthCount: Int { spec.tasks.reduce(0) { $0 + $1.seqLens.count } }

  /// `216 trials (3 tasks × 4 lengths × 6 models × 3 seeds)`, or
  /// `270 trials (15 lengths over 5 tasks × 6 models × 3 seeds)` when the
  /// tasks have different numbers of lengths.
  public var summary: String {
    let tasks = spec.tasks.count
    let lengths = Set(spec.tasks.map(\.seqLens.count))
    let grid: String
    if lengths.count == 1, let perTask = lengths.first {
      grid = "\(count(tasks, "task")) × \(count(perTask, "length"))"
    } else {
      grid = "\(count(taskLengthCount, "length")) over \(count(tasks, "task"))"
    }
    let configurations = trials.count / max(1, spec.lengthSeedRuns)
    let models = configurations == spec.models.count
      ? count(spec.models.count, "model")
      : "\(count(spec.models.count, "model")) in \(count(configurations, "configuration"))"
    let seedCounts = Set(spec.tasks.map { spec.seeds(for: $0).count }).sorted()
    let seeds = seedCounts.count == 1 ? count(seedCounts[0], "seed")
      : "\(seedCounts.map(String.init).joined(separator: " or ")) seeds"
    return "\(count(trials.count, "trial")) (\(grid) × \(models) × \(seeds))"
  }

  private func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
