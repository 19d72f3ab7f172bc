import Foundation
import RNNLabEngine
import RNNLabResults
import RNNLabSpec
import RNNLabTestSupport
import Testing
@testable import RNNLabRun

/// The validation set, `keep: best_val` and learning-rate schedules in training.
@Suite struct TrainerSelectionTests {
  private func train(_ trial: Trial, checkpoints: CheckpointFiles? = nil) throws -> (TrainingRecord, Trainer) {
    let trainer = Trainer(
      blueprint: try TrialBlueprint(trial: trial), stop: StopFlag(), progress: nil, checkpoints: checkpoints)
    return (try trainer.train(), trainer)
  }

  private func rows(_ record: TrainingRecord, _ split: MetricSplit, _ metric: MetricName = .loss) -> [MetricPoint] {
    record.metrics.filter { $0.split == split && $0.metric == metric }
  }

  /// Test (`eval`) rows recorded by the engine before the validation split
  /// existed (same spec, seed 3): adding T6 and first_symbol T5, lstm hidden 5.
  @Test func testNumbersAndTrainingAreAsBeforeTheValidationSplit() throws {
    let cases: [(task: String, loss: [Double], accuracy: [Double]?)] = [
      ("{kind: adding, seq_len: [6]}", [1.3387170436727474, 0.9218248591207097, 0.48356615885337284], nil),
      ("{kind: first_symbol, seq_len: [5]}", [1.2236112554868062, 1.246423343817393, 1.2381353576978047],
       [0.6666666666666666, 0.6666666666666666, 0.6666666666666666]),
    ]
    for (task, loss, accuracy) in cases {
      let (record, _) = try train(try TinyPlans.trial(task: task, model: "{name: lstm, cell: lstm, hidden: 5}"))
      #expect(rows(record, .eval).map(\.value) == loss, "\(task)")
      #expect(accuracy.map { rows(record, .eval, .accuracy).map(\.value) == $0 } != false, "\(task)")
    }
  }

  @Test func everyEvaluationAlsoMeasuresTheValidationSet() throws {
    let (record, _) = try train(try TinyPlans.trial(task: "{kind: first_symbol, seq_len: [5]}", model: "{cell: gru, hidden: 4}"))
    let val = rows(record, .val), eval = rows(record, .eval)
    #expect(val.map(\.step) == [0, 4, 8])
    #expect(rows(record, .val, .accuracy).map(\.step) == [0, 4, 8])
    #expect(val.allSatisfy { $0.value.isFinite && $0.value > 0 })
    #expect(val.map(\.value) != eval.map(\.value), "its own sequences, not the test set's")
    #expect(record.finalValLoss == val.last?.value)
    #expect(record.finalValAccuracy == rows(record, .val, .accuracy).last?.value)
    #expect(record.kept == nil, "keep: last keeps nothing")
  }

  @Test func theValidationSetChangesNothingElse() throws {
    let model = "{cell: lstm, hidden: 4}"
    let (small, smallTrainer) = try train(try TinyPlans.trial(model: model, training: ["val_size": "1"]))
    let (large, largeTrainer) = try train(try TinyPlans.trial(model: model, training: ["val_size": "9"]))
    #expect(small.metrics.filter { $0.split != .val } == large.metrics.filter { $0.split != .val })
    #expect(smallTrainer.model.parameters == largeTrainer.model.parameters)
    #expect(rows(small, .val) != rows(large, .val))
    // null means eval_size sequences: the first val_size of one stream.
    let (byDefault, _) = try train(try TinyPlans.trial(model: model))
    let (explicit, _) = try train(try TinyPlans.trial(model: model, training: ["val_size": "6"]))
    #expect(rows(byDefault, .val) == rows(explicit, .val))
  }

  @Test func bestValKeepsTheParametersAndNumbersOfTheLowestValidationLoss() throws {
    // A rate high enough that the validation loss does not fall at every evaluation.
    let settings = ["learning_rate": "0.3", "steps": "12", "eval_every": "2", "keep": "best_val"]
    let trial = try TinyPlans.trial(model: "{cell: rnn, hidden: 4}", training: settings)
    let (record, trainer) = try train(trial)
    let val = rows(record, .val)
    let best = try #require(val.min { $0.value < $1.value })
    let kept = try #require(record.kept)
    #expect(kept.step == best.step && kept.valLoss == best.value)
    #expect(kept.step < 12, "this setting's best evaluation is not the last; pick another if the engine changes")
    #expect(record.finalValLoss == best.value)
    #expect(record.finalEvalLoss == rows(record, .eval).first { $0.step == kept.step }?.value)
    #expect(record.finalEvalLoss != rows(record, .eval).last?.value)
    // The kept parameters are those after kept.step updates: a trial that
    // stops there (same id, seed and constant rate) ends with them.
    var shorter = settings
    shorter["steps"] = String(max(kept.step, 1))
    shorter["keep"] = "last"
    let (_, stopped) = try train(try TinyPlans.trial(model: "{cell: rnn, hidden: 4}", training: shorter))
    if kept.step > 0 { #expect(trainer.model.parameters == stopped.model.parameters) }
    // keep: last on the same run ends with the last evaluation's numbers.
    var last = settings
    last["keep"] = "last"
    let (lastRecord, lastTrainer) = try train(try TinyPlans.trial(model: "{cell: rnn, hidden: 4}", training: last))
    #expect(lastRecord.metrics == record.metrics, "keeping changes no recorded row")
    #expect(lastRecord.finalEvalLoss == rows(record, .eval).last?.value)
    #expect(lastTrainer.model.parameters != trainer.model.parameters)
  }

  @Test func scheduleRatesReachEveryOptimizer() throws {
    for optimizer in ["adam", "sgd", "rmsprop"] {
      // After update 0 the rate is 1e-20 of the base: the trial ends (nearly)
      // where a one-step trial with the same first batch does.
      let decayed = try TinyPlans.trial(
        model: "{cell: rnn, hidden: 4}",
        training: ["optimizer": optimizer, "lr_schedule": "step", "lr_step_every": "1", "lr_step_factor": "1.0e-20"])
      let (record, trainer) = try train(decayed)
      let (_, oneStep) = try train(
        try TinyPlans.trial(model: "{cell: rnn, hidden: 4}", training: ["optimizer": optimizer, "steps": "1"]))
      let gap = zip(trainer.model.parameters, oneStep.model.parameters).map { abs($0 - $1) }.max() ?? 1
      #expect(gap < 1e-6, "\(optimizer): \(gap)")
      let (constant, constantTrainer) = try train(
        try TinyPlans.trial(model: "{cell: rnn, hidden: 4}", training: ["optimizer": optimizer]))
      #expect(constantTrainer.model.parameters != trainer.model.parameters, "\(optimizer)")
      // The rate of each logged update is in metrics.csv; a constant rate writes none.
      let schedule = try TrialBlueprint(trial: decayed).learningRateSchedule
      #expect(rows(record, .train, .learningRate).map(\.value) == (0..<8).map { Double(Float(schedule.rate(atStep: $0))) })
      #expect(rows(constant, .train, .learningRate).isEmpty)
    }
  }

  @Test func aResumedTrialWithKeptParametersAndAScheduleIsBitIdentical() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let files = CheckpointFiles(folder: folder.url)
    let trial = try TinyPlans.trial(
      task: "{kind: first_symbol, seq_len: [5]}", model: "{cell: lstm, hidden: 4}",
      training: ["learning_rate": "0.3", "steps": "12", "eval_every": "2", "checkpoint_every": "7", "keep": "best_val",
                 "lr_schedule": "cosine", "lr_min": "0.01", "warmup_steps": "3", "val_size": "5"])
    let (whole, wholeTrainer) = try train(trial, checkpoints: files)
    // The uninterrupted run left its last checkpoint (before step 7) behind.
    guard case .usable(let checkpoint, _) = files.load(trialID: trial.id, configHash: trial.configHash) else {
      Issue.record("no usable checkpoint")
      return
    }
    #expect(checkpoint.nextStep == 7)
    #expect(checkpoint.record.kept != nil && checkpoint.keptParameters?.count == wholeTrainer.model.parameterCount)
    let resumed = Trainer(blueprint: try TrialBlueprint(trial: trial), stop: StopFlag(), progress: nil)
    #expect(resumed.resume(from: checkpoint))
    let record = try resumed.train()
    #expect(record.metrics == whole.metrics)
    #expect(record.kept == whole.kept && record.finalEvalLoss == whole.finalEvalLoss)
    #expect(record.finalValLoss == whole.finalValLoss && record.finalValAccuracy == whole.finalValAccuracy)
    #expect(resumed.model.parameters == wholeTrainer.model.parameters)
    // A checkpoint whose kept parameters do not fit is refused.
    var damaged = checkpoint
    damaged.keptParameters = [1, 2]
    #expect(!Trainer(blueprint: try TrialBlueprint(trial: trial), stop: StopFlag(), progress: nil).resume(from: damaged))
  }
}
