import Foundation
import RNNLabEngine
import RNNLabResults
import RNNLabSpec
import Testing
@testable import RNNLabRun

@Suite struct TrainerTests {
  private func train(_ trial: Trial, stop: StopFlag = StopFlag()) throws -> (TrainingRecord, Trainer) {
    let trainer = Trainer(blueprint: try TrialBlueprint(trial: trial), stop: stop, progress: nil)
    return (try trainer.train(), trainer)
  }

  @Test func recordsEveryMetricAtTheRightSteps() throws {
    let trial = try TinyPlans.trial(model: "{cell: lstm, hidden: 5}")
    let (record, _) = try train(trial)
    #expect(record.status == .done)
    #expect(record.stepsCompleted == 8)
    let train = record.metrics.filter { $0.split == .train }
    #expect(Set(train.map(\.step)) == Set(0..<8))
    let perStep: [MetricName] = [.loss, .gradNorm, .gradNormInput, .gradNormRecurrent, .gradNormBias, .gradNormHead, .clipped]
    for step in 0..<8 {
      #expect(train.filter { $0.step == step }.map(\.metric) == perStep)
    }
    let eval = record.metrics.filter { $0.split == .eval }
    #expect(eval.map(\.step) == [0, 4, 8], "step 0, every eval_every steps, and the end")
    #expect(eval.allSatisfy { $0.metric == .loss && $0.value.isFinite && $0.value > 0 })
    #expect(record.finalEvalLoss == eval.last?.value)
    #expect(record.finalEvalAccuracy == nil, "adding is a regression task")
    #expect(record.gradientNorms == train.filter { $0.metric == .gradNorm }.map(\.value))
    #expect(record.trainingSeconds > 0)
  }

  @Test func logEveryThinsTheTrainingRowsOnlyAndChangesNothingTrained() throws {
    let full = try TinyPlans.trial(model: "{cell: lstm, hidden: 5}")
    let thinned = try TinyPlans.trial(model: "{cell: lstm, hidden: 5}", training: ["log_every": "3"])
    let (everyStep, everyStepTrainer) = try train(full)
    let (sparse, sparseTrainer) = try train(thinned)
    let train = sparse.metrics.filter { $0.split == .train }
    #expect(Set(train.map(\.step)) == [0, 3, 6, 7], "every 3 steps and the last step")
    #expect(train == everyStep.metrics.filter { $0.split == .train && [0, 3, 6, 7].contains($0.step) })
    #expect(sparse.metrics.filter { $0.split == .eval } == everyStep.metrics.filter { $0.split == .eval })
    #expect(sparse.gradientNorms == everyStep.gradientNorms, "the summary still sees every step")
    #expect(sparse.flow == everyStep.flow)
    #expect(sparseTrainer.model.parameters == everyStepTrainer.model.parameters)
    #expect(full.configHash != thinned.configHash, "metrics.csv differs, so a finished trial is stale")
  }

  @Test func globalNormIsTheNormOfTheGroupNorms() throws {
    let (record, _) = try train(try TinyPlans.trial(model: "{cell: peephole, hidden: 4}"))
    let step0 = record.metrics.filter { $0.split == .train && $0.step == 0 }
    func value(_ name: String) -> Double { step0.first { $0.metric.rawValue == name }!.value }
    let groups = ["grad_norm_input", "grad_norm_recurrent", "grad_norm_bias", "grad_norm_peephole", "grad_norm_head"]
    let combined = groups.map { value($0) * value($0) }.reduce(0, +).squareRoot()
    #expect(abs(combined - value("grad_norm")) <= 1e-12 * combined)
  }

  @Test func trainingIsBitIdenticalWhenRepeated() throws {
    let trial = try TinyPlans.trial(model: "{cell: gru, hidden: 4, bidirectional: true}")
    let (first, firstTrainer) = try train(trial)
    let (second, secondTrainer) = try train(trial)
    #expect(first.metrics == second.metrics)
    #expect(first.flow == second.flow)
    #expect(firstTrainer.model.parameters == secondTrainer.model.parameters)
  }

  @Test func trainingChangesTheParametersAndUsesTheTrialsOwnSeed() throws {
    let trial = try TinyPlans.trial(model: "{cell: rnn, hidden: 4}")
    let blueprint = try TrialBlueprint(trial: trial)
    let untrained = RecurrentModel(config: blueprint.modelConfig, seed: blueprint.seed)
    let (_, trainer) = try train(trial)
    #expect(trainer.model.parameters != untrained.parameters)
    let other = try TinyPlans.trial(model: "{cell: rnn, hidden: 4}", training: ["batch_size": "5"])
    #expect(try TrialBlueprint(trial: other).seed == blueprint.seed, "the seed depends on seed and id only")
  }

  @Test func flowSnapshotsCoverEveryLayerDirectionAndStep() throws {
    let trial = try TinyPlans.trial(
      model: "{cell: lstm, hidden: 4, layers: 2, bidirectional: true}", training: ["flow_every": "3"])
    let (record, _) = try train(trial)
    #expect(Set(record.flow.map(\.step)) == [0, 3, 6, 8])
    let atStart = record.flow.filter { $0.step == 0 }
    #expect(atStart.count == 2 * 2 * 6, "layers × directions × timesteps")
    #expect(atStart.filter { $0.layer == 1 && $0.direction == .backward }.map(\.timestep) == Array(1...6))
    #expect(atStart.allSatisfy { $0.normDc != nil && $0.normDh >= 0 })
    // The decays come from the top layer: forward h_1 over h_T, backward h_T over h_1.
    let forward = atStart.filter { $0.layer == 1 && $0.direction == .forward }.map(\.normDh)
    let backward = atStart.filter { $0.layer == 1 && $0.direction == .backward }.map(\.normDh)
    #expect(record.decayInit == log10(forward[0] / forward[5]))
    #expect(record.decayInitBackward == log10(backward[5] / backward[0]))
    let final = record.flow.filter { $0.step == 8 && $0.layer == 1 && $0.direction == .forward }.map(\.normDh)
    #expect(record.decayFinal == log10(final[0] / final[5]))
  }

  @Test func gruAndRnnHaveNoCellNormsAndNoBackwardDecay() throws {
    let (record, _) = try train(try TinyPlans.trial(model: "{cell: gru, hidden: 4}"))
    #expect(Set(record.flow.map(\.step)) == [0, 8])
    #expect(record.flow.allSatisfy { $0.normDc == nil && $0.direction == .forward && $0.layer == 0 })
    #expect(record.decayInit != nil)
    #expect(record.decayInitBackward == nil && record.decayFinalBackward == nil)
  }

  @Test func classificationTasksReportAccuracy() throws {
    for task in ["{kind: copy, seq_len: [5], copy_length: 3, symbols: 4}", "{kind: first_symbol, seq_len: [5]}",
                 "{kind: lookahead, seq_len: [6], offset: 2}", "{kind: temporal_order, seq_len: [10]}"] {
      let trial = try TinyPlans.trial(task: task, model: "{cell: lstm, hidden: 4}")
      let (record, _) = try train(trial)
      let accuracy = record.metrics.filter { $0.split == .eval && $0.metric == .accuracy }
      #expect(accuracy.map(\.step) == [0, 4, 8], "\(task)")
      #expect(accuracy.allSatisfy { (0...1).contains($0.value) })
      #expect(record.finalEvalAccuracy == accuracy.last?.value)
    }
  }

  @Test func aTaskThatIsLearnedIsSolvedAtTheFirstEvaluationThatMeetsTheCriterion() throws {
    // Two steps, one distractor: trivially learnable.
    let trial = try TinyPlans.trial(
      task: "{kind: first_symbol, seq_len: [2], classes: 2}", model: "{cell: gru, hidden: 8}",
      training: ["steps": "60", "learning_rate": "0.1", "eval_every": "5", "eval_size": "32", "batch_size": "16"])
    let (record, _) = try train(trial)
    let solvedStep = try #require(record.stepsToSolve)
    let accuracies = record.metrics.filter { $0.split == .eval && $0.metric == .accuracy }
    #expect(accuracies.first { $0.value >= 0.99 }?.step == solvedStep)
    #expect(record.solved)
  }

  @Test func clippingFiresAndIsRecorded() throws {
    let tight = try TinyPlans.trial(model: "{cell: rnn, hidden: 4}", training: ["clip_norm": "0.000001"])
    let (clipped, _) = try train(tight)
    #expect(clipped.metrics.filter { $0.metric == .clipped }.allSatisfy { $0.value == 1 })
    let off = try TinyPlans.trial(model: "{cell: rnn, hidden: 4}", training: ["clip_norm": "null"])
    let (free, _) = try train(off)
    #expect(free.metrics.filter { $0.metric == .clipped }.allSatisfy { $0.value == 0 })
    let byValue = try TinyPlans.trial(model: "{cell: rnn, hidden: 4}", training: ["clip_norm": "null", "clip_value": "0.000001"])
    let (valueClipped, _) = try train(byValue)
    #expect(valueClipped.metrics.filter { $0.metric == .clipped }.allSatisfy { $0.value == 1 })
    // Tiny clipping means tiny updates: the loss at the end stays near the start.
    #expect(clipped.metrics.filter { $0.metric == .gradNorm }.count == 8)
  }

  @Test func aHugeLearningRateDivergesCleanly() throws {
    let trial = try TinyPlans.trial(
      model: "{cell: rnn, hidden: 4}", training: ["learning_rate": "10000.0", "optimizer": "sgd", "clip_norm": "null", "steps": "20"])
    let (record, trainer) = try train(trial)
    #expect(record.status == .diverged)
    let step = try #require(record.divergedAtStep)
    #expect(step < 20)
    #expect(record.stepsCompleted == step)
    #expect(record.finalEvalLoss == nil && record.finalEvalAccuracy == nil)
    let last = record.metrics.filter { $0.step == step }
    #expect(last.contains { !$0.value.isFinite }, "the non-finite value is recorded")
    let (thinned, _) = try train(
      try TinyPlans.trial(
        model: "{cell: rnn, hidden: 4}",
        training: ["learning_rate": "10000.0", "optimizer": "sgd", "clip_norm": "null", "steps": "20", "log_every": "1000"]))
    #expect(thinned.divergedAtStep == step)
    #expect(thinned.metrics.contains { $0.step == step && !$0.value.isFinite }, "whatever log_every says")
    #expect(record.gradientNorms.allSatisfy { $0.isFinite })
    #expect(trainer.model.parameters.allSatisfy { $0.isFinite }, "the diverging update is never applied")
  }

  @Test func aRaisedStopFlagInterruptsAtAStepBoundary() throws {
    let trial = try TinyPlans.trial(model: "{cell: rnn, hidden: 4}")
    let stop = StopFlag()
    stop.raise(.interrupted(signal: SIGINT))
    #expect(throws: TrialInterrupted.self) { try train(trial, stop: stop) }
  }

  @Test func theTaskDecidesTheHeadAndTheModelsEdges() throws {
    let copy = try TrialBlueprint(
      trial: try TinyPlans.trial(task: "{kind: copy, seq_len: [5], copy_length: 3, symbols: 4}", model: "{cell: cifg, hidden: 4}"))
    #expect(copy.modelConfig.head == .manyToMany)
    #expect(copy.modelConfig.inputSize == copy.task.inputSize)
    #expect(copy.modelConfig.outputSize == copy.task.outputSize)
    #expect(copy.modelConfig.cell == .cifg)
    let adding = try TrialBlueprint(
      trial: try TinyPlans.trial(model: "{cell: rnn, hidden: 4, activation: relu, init: identity}"))
    #expect(adding.modelConfig.head == .manyToOne)
    #expect(adding.modelConfig.activation == .relu && adding.modelConfig.initScheme == .identity)
    #expect(adding.modelConfig.inputSize == 2 && adding.modelConfig.outputSize == 1)
    let greff = try TrialBlueprint(
      trial: try TinyPlans.trial(model: "{cell: lstm, hidden: 4, output_gate: false, output_activation: false, forget_bias: 2.5}"))
    #expect(!greff.modelConfig.gates.outputGate && !greff.modelConfig.gates.outputActivation)
    #expect(greff.modelConfig.gates.forgetGate && greff.modelConfig.forgetBias == .constant(2.5))
  }
}
