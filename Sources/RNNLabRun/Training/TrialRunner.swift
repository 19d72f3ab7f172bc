import Foundation
import RNNLabEngine
import RNNLabResults
import RNNLabSpec

/// Runs one trial start to finish and leaves its complete folder behind:
/// `config.json`, `metrics.csv`, `gradient_flow.csv`, `weights.safetensors`
/// and, last, `summary.json`, which marks the trial done.
///
/// While training runs only `checkpoint.bin` and `checkpoint.log` are written (see `Trainer`); a
/// folder without `summary.json` is resumed from its checkpoint by the next
/// run, or cleared and trained again when it has none.
struct TrialRunner: Sendable {
  let layout: ResultsLayout
  let stop: StopFlag
  let progress: ProgressReporter?
  /// Recorded in each summary (`isa`): the kernels' instruction-set path.
  let isa: String

  /// Trains `trial` and writes its folder. Returns nil when the run was
  /// stopped during the trial. Throws only when a file cannot be written.
  ///
  /// With a `rung` (halving searches), training stops at the rung's step:
  /// a paused trial keeps its checkpoint and records its validation loss
  /// there in `rungs.json` (outcome `paused`); a pruned one is written whole.
  func run(_ trial: Trial, rung: Rung? = nil) throws -> TrialOutcome? {
    let started = DispatchTime.now().uptimeNanoseconds
    func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }
    progress?.trialStarted(id: trial.id, steps: trial.training.steps, work: Self.work(of: trial))

    let blueprint: TrialBlueprint
    do {
      blueprint = try TrialBlueprint(trial: trial)
    } catch {
      let summary = failedSummary(trial, error: error.description, wallSeconds: elapsed())
      try write(summary, config: trial)
      return finish(TrialOutcome(trialID: trial.id, status: .failed, error: error.description, wallSeconds: summary.wallSeconds))
    }
    var checkpoints = CheckpointFiles(folder: layout.trialFolder(trial.id))
    let trainer = Trainer(blueprint: blueprint, stop: stop, progress: progress)
    switch checkpoints.load(trialID: trial.id, configHash: trial.configHash) {
    case .none:
      break
    case .usable(let checkpoint, let position) where trainer.resume(from: checkpoint, rung: rung):
      try checkpoints.adopt(position)
      progress?.note("\(trial.id): resuming from its checkpoint at step \(checkpoint.nextStep)")
    case .usable:
      checkpoints.remove()
      progress?.note("\(trial.id): ignoring its checkpoint (it does not fit the model), starting from step 0")
    case .unusable(let reason):
      checkpoints.remove()
      progress?.note("\(trial.id): ignoring its checkpoint (\(reason)), starting from step 0")
    }
    trainer.checkpoints = checkpoints
    let record: TrainingRecord
    do {
      record = try trainer.train(rung: rung)
    } catch is TrialInterrupted {
      return nil
    }
    if record.status == .paused, let rung {
      try RungRecord.append(
        RungRecord.Entry(step: rung.step, valLoss: record.selectionValLoss(keep: trial.training.keep)),
        to: layout.trialFolder(trial.id))
      return finish(TrialOutcome(trialID: trial.id, status: .paused, wallSeconds: trainer.wallSeconds))
    }
    var lengths = Trainer.untested(trial.task.evaluationLengths)
    if record.status == .done, !blueprint.lengthTasks.isEmpty {
      guard let measured = trainer.evaluateLengths() else { return nil }
      lengths = measured
    }
    try AtomicFile.write(trial.configFileText, to: layout.configURL(trial: trial.id))
    try layout.write(metrics: record.metrics, trial: trial.id)
    try layout.write(flow: record.flow, trial: trial.id)
    let metadata = trainer.model.weightsMetadata().merging([
      "trial_id": trial.id, "config_hash": trial.configHash, "task_kind": trial.task.kind.rawValue,
      "seq_len": String(trial.seqLen),
    ]) { _, trialValue in trialValue }
    let weights = try SafeTensors.encode(trainer.model.namedTensors(), metadata: metadata)
    try AtomicFile.write(Data(weights), to: layout.weightsURL(trial: trial.id))
    var summary = self.summary(trial, blueprint: blueprint, model: trainer.model, record: record,
      wallSeconds: trainer.wallSeconds,
      initialRadius: trainer.initialRadius)
    summary.evalLengths = lengths
    // Every file is in place: the checkpoint has served (a kill between these
    // two lines costs a retrain, never a wrong result).
    trainer.checkpoints?.remove()
    try layout.write(summary)
    return finish(
      TrialOutcome(
        trialID: trial.id, status: record.status, finalEvalLoss: record.finalEvalLoss, solved: record.solved,
        divergedAtStep: record.divergedAtStep, wallSeconds: summary.wallSeconds))
  }

  private func finish(_ outcome: TrialOutcome) -> TrialOutcome {
    progress?.trialFinished(outcome)
    return outcome
  }

  /// A trial's share of a run's work for the ETA: steps × sequence length ×
  /// recurrent weights (the cost of a step grows with each).
  static func work(of trial: Trial) -> Double {
    let model = trial.model
    let gates: Double = switch model.cell {
    case .rnn: 1
    case .gru, .cifg: 3
    case .lstm, .peephole: 4
    }
    let width = Double(model.hidden * model.directions)
    return Double(trial.training.steps) * Double(trial.seqLen) * Double(model.layers) * gates * width * (width + 8)
  }

  private func write(_ summary: TrialSummary, config trial: Trial) throws {
    try AtomicFile.write(trial.configFileText, to: layout.configURL(trial: trial.id))
    try layout.write(summary)
  }
}
