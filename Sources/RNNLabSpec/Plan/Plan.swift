import RNNLabRandom

/// Every trial a spec expands to, in a fixed order.
///
/// Order: tasks in spec order; within a task, its `seq_len` values in list
/// order; within a length, models in spec order; within a model, seeds in
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
    // and models: render each of those once, and only splice the numbers in
    // per trial (rendering whole configs was most of the time of a plan).
    let models = spec.models.map { model in
      let training = spec.training(for: model)
      return (model, training, model.jsonValue(includingTraining: false).canonicalText, training.configJSON.canonicalText)
    }
    var trials: [Trial] = []
    for task in spec.tasks {
      let taskText = task.jsonValue(seqLens: false).canonicalText
      for seqLen in task.seqLens {
        for (model, training, modelText, trainingText) in models {
          for seed in spec.seeds {
            let text = Trial.canonicalConfig(task: taskText, seqLen: seqLen, model: modelText, training: trainingText, seed: seed)
            trials.append(Trial(index: trials.count, task: task, seqLen: seqLen, model: model,
                                training: training, seed: seed, configHash: StableHash.hex(text)))
          }
        }
      }
    }
    self.trials = trials
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
    return "\(count(trials.count, "trial")) (\(grid) × \(count(spec.models.count, "model")) × \(count(spec.seeds.count, "seed")))"
  }

  private func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
