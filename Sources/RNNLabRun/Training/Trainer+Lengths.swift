import RNNLabResults
import RNNLabTasks

/// Testing the trained model at the task's other lengths (`evaluation:
/// {lengths: …}`), once, after the last step: the parameters are then the
/// trial's final ones (the kept ones with `keep: best_val`).
extension Trainer {
  /// Loss, accuracy and the task's solved rule at each length, on a fixed set
  /// of `eval_size` sequences from the trial's own `eval-T<T′>` stream; nil
  /// when a stop came first (the trial then resumes from its last checkpoint).
  func evaluateLengths() -> [LengthEvaluation]? {
    let training = blueprint.trial.training
    var results: [LengthEvaluation] = []
    for task in blueprint.lengthTasks {
      // Batches no larger than evaluation's at T: at T′ > T the buffers grow
      // by T′/T (`MemoryEstimate` counts it), never by the batch too.
      let set = EvaluationSet(
        task: task, size: training.evalSize, batchSize: min(training.batchSize, training.evalSize),
        seed: blueprint.seed, stream: EvaluationSet.lengthStreamName(task.seqLen))
      guard let (loss, accuracy) = measure(set) else { return nil }
      results.append(
        LengthEvaluation(
          seqLen: task.seqLen, loss: loss, accuracy: accuracy, solved: task.isSolved(loss: loss, accuracy: accuracy)))
    }
    return results
  }

  /// The entries of a trial that ended without final parameters to test
  /// (diverged, pruned): every length listed, no numbers, none solved.
  static func untested(_ lengths: [Int]) -> [LengthEvaluation]? {
    lengths.isEmpty ? nil : lengths.map { LengthEvaluation(seqLen: $0, loss: nil, accuracy: nil, solved: false) }
  }
}
