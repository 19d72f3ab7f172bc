import Foundation
import RNNLabEngine
import RNNLabResults
import RNNLabSpec
import RNNLabTestSupport
import Testing
@testable import RNNLabRun

@Suite struct TrialRunnerTests {
  private func runner(_ folder: TemporaryFolder, stop: StopFlag = StopFlag()) -> TrialRunner {
    TrialRunner(layout: ResultsLayout(root: folder.url), stop: stop, progress: nil, isa: "test-isa")
  }

  @Test func bestValSummariesAndWeightsAreThoseOfTheKeptStep() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let settings = ["learning_rate": "0.3", "steps": "12", "eval_every": "2", "keep": "best_val"]
    let trial = try TinyPlans.trial(task: "{kind: first_symbol, seq_len: [5]}", model: "{cell: rnn, hidden: 4}", training: settings)
    _ = try #require(try runner(folder).run(trial))
    let layout = ResultsLayout(root: folder.url)
    let summary = try #require(try layout.readSummary(trial: trial.id))
    let metrics = try layout.readMetrics(trial: trial.id)
    func value(_ split: MetricSplit, _ metric: MetricName, at step: Int) -> Double? {
      metrics.first { $0.split == split && $0.metric == metric && $0.step == step }?.value
    }
    let kept = try #require(summary.keptStep)
    let best = metrics.filter { $0.split == .val && $0.metric == .loss }.min { $0.value < $1.value }
    #expect(kept == best?.step)
    #expect(summary.finalValLoss == best?.value && summary.finalValAccuracy == value(.val, .accuracy, at: kept))
    #expect(summary.finalEvalLoss == value(.eval, .loss, at: kept))
    #expect(summary.finalEvalAccuracy == value(.eval, .accuracy, at: kept))
    // The weights file holds the kept parameters.
    let (tensors, _) = try SafeTensors.readWithMetadata(from: layout.weightsURL(trial: trial.id))
    let trainer = Trainer(blueprint: try TrialBlueprint(trial: trial), stop: StopFlag(), progress: nil)
    _ = try trainer.train()
    let saved = Dictionary(uniqueKeysWithValues: tensors.map { ($0.name, $0.values) })
    #expect(trainer.model.namedTensors().allSatisfy { saved[$0.name] == $0.values })
    // keep: last has no kept step, and its final numbers are the last evaluation's.
    let lastFolder = TemporaryFolder("keep-last")
    defer { lastFolder.remove() }
    var last = settings
    last["keep"] = "last"
    let lastTrial = try TinyPlans.trial(task: "{kind: first_symbol, seq_len: [5]}", model: "{cell: rnn, hidden: 4}", training: last)
    _ = try runner(lastFolder).run(lastTrial)
    let lastSummary = try #require(try ResultsLayout(root: lastFolder.url).readSummary(trial: lastTrial.id))
    #expect(lastSummary.keptStep == nil)
    #expect(lastSummary.finalValLoss == metrics.last { $0.split == .val && $0.metric == .loss }?.value)
    #expect(lastSummary.solved == summary.solved && lastSummary.stepsToSolve == summary.stepsToSolve)
  }

  @Test func writesEveryFileOfTheTrialFolder() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let trial = try TinyPlans.trial(model: "{name: bi, cell: lstm, hidden: 4, bidirectional: true}")
    let outcome = try #require(try runner(folder).run(trial))
    #expect(outcome.status == .done && outcome.trialID == trial.id)

    let layout = ResultsLayout(root: folder.url)
    let names = try FileManager.default.contentsOfDirectory(atPath: layout.trialFolder(trial.id).path).sorted()
    #expect(names == ["config.json", "gradient_flow.csv", "metrics.csv", "summary.json", "weights.safetensors"])

    let summary = try #require(try layout.readSummary(trial: trial.id))
    #expect(summary.trialId == trial.id && summary.configHash == trial.configHash && summary.status == .done)
    #expect(summary.task == "adding" && summary.taskKind == "adding" && summary.seqLen == 6 && summary.seed == 3)
    #expect(summary.model == "bi" && summary.cell == "lstm" && summary.hidden == 4 && summary.layers == 1)
    #expect(summary.bidirectional && summary.steps == 8 && summary.stepsCompleted == 8)
    #expect(summary.baseline == 1.0 / 6 && summary.isa == "test-isa")
    #expect(summary.finalEvalLoss == outcome.finalEvalLoss && summary.finalEvalLoss != nil)
    #expect(summary.finalEvalAccuracy == nil && summary.divergedAtStep == nil && summary.error == nil)
    #expect(summary.gradDecayInit != nil && summary.gradDecayFinal != nil)
    #expect(summary.gradDecayInitBackward != nil && summary.gradDecayFinalBackward != nil)
    #expect(summary.stepsPerSecond > 0 && summary.wallSeconds > 0)

    let metrics = try layout.readMetrics(trial: trial.id)
    let norms = metrics.filter { $0.split == .train && $0.metric == .gradNorm }.map(\.value)
    #expect(summary.gradNormInit == norms.first)
    #expect(summary.gradNormMean == norms.reduce(0, +) / Double(norms.count))

    let (tensors, metadata) = try SafeTensors.readWithMetadata(from: layout.weightsURL(trial: trial.id))
    let blueprint = try TrialBlueprint(trial: trial)
    #expect(tensors.map(\.name).sorted() == ParameterLayout(config: blueprint.modelConfig).entries.map {
      $0.name.hasPrefix("head.") ? $0.name : "rnn." + $0.name
    }.sorted())
    #expect(tensors.contains { $0.name == "rnn.weight_hh_l0_reverse" && $0.shape == [16, 4] })
    #expect(tensors.contains { $0.name == "head.weight" && $0.shape == [1, 8] })
    // The metadata rebuilds the model without config.json.
    #expect(metadata["trial_id"] == trial.id && metadata["config_hash"] == trial.configHash)
    #expect(metadata["cell"] == "lstm" && metadata["module"] == "rnn" && metadata["hidden"] == "4")
    #expect(metadata["layers"] == "1" && metadata["bidirectional"] == "true" && metadata["input_gate"] == "true")
    #expect(metadata["input_size"] == "2" && metadata["output_size"] == "1" && metadata["head_shape"] == "[1, 8]")
    #expect(metadata["task_kind"] == "adding" && metadata["seq_len"] == "6" && metadata["head"] == "many_to_one")
    #expect(summary.parameterCount == tensors.reduce(0) { $0 + $1.values.count })

    let config = try #require(try layout.readConfig(trial: trial.id))
    #expect(config["config_hash"]?.stringValue == trial.configHash)
    #expect(config["index"]?.intValue == trial.index)
    #expect(config["seed"]?.intValue == 3)
  }

  @Test func theSummaryIsWrittenAfterEverythingElse() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let trial = try TinyPlans.trial(model: "{cell: rnn, hidden: 4}")
    _ = try runner(folder).run(trial)
    let layout = ResultsLayout(root: folder.url)
    func modified(_ url: URL) throws -> Date {
      try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as! Date
    }
    let summaryTime = try modified(layout.summaryURL(trial: trial.id))
    for url in [layout.configURL(trial: trial.id), layout.metricsURL(trial: trial.id),
                layout.gradientFlowURL(trial: trial.id), layout.weightsURL(trial: trial.id)] {
      #expect(try modified(url) <= summaryTime)
    }
  }

  @Test func anInterruptedTrialLeavesNothingBehind() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let stop = StopFlag()
    stop.raise(.interrupted(signal: SIGTERM))
    let outcome = try runner(folder, stop: stop).run(try TinyPlans.trial(model: "{cell: rnn, hidden: 4}"))
    #expect(outcome == nil)
    #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("trials").path))
  }

  @Test func aDivergedTrialIsFinishedWithItsStep() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let trial = try TinyPlans.trial(
      model: "{cell: rnn, hidden: 4}", training: ["learning_rate": "10000.0", "optimizer": "sgd", "clip_norm": "null", "steps": "20"])
    let outcome = try #require(try runner(folder).run(trial))
    #expect(outcome.status == .diverged)
    let summary = try #require(try ResultsLayout(root: folder.url).readSummary(trial: trial.id))
    #expect(summary.status == .diverged && summary.divergedAtStep == outcome.divergedAtStep)
    #expect(summary.finalEvalLoss == nil && summary.stepsCompleted == summary.divergedAtStep)
  }

  @Test func aTrialThatCannotBeSetUpFailsWithItsReason() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    // The spec refuses such a task; a trial built around the spec (as another
    // tool might) must still fail cleanly when the task generator refuses it.
    let valid = try TinyPlans.trial(task: "{kind: lookahead, seq_len: [10], offset: 9}", model: "{cell: rnn, hidden: 4}")
    let task = TaskSpec(name: valid.task.name, seqLens: [5], options: .lookahead(offset: 9, symbols: 8))
    let trial = Trial(index: 0, task: task, seqLen: 5, model: valid.model, training: valid.training, seed: valid.seed)
    let outcome = try #require(try runner(folder).run(trial))
    #expect(outcome.status == .failed)
    #expect(outcome.error?.contains("offset") == true)
    let summary = try #require(try ResultsLayout(root: folder.url).readSummary(trial: trial.id))
    #expect(summary.status == .failed && summary.error == outcome.error && summary.stepsCompleted == 0)
  }

  @Test func workGrowsWithLengthStepsAndModelSize() throws {
    let small = try TinyPlans.trial(model: "{cell: rnn, hidden: 4}")
    let lstm = try TinyPlans.trial(model: "{cell: lstm, hidden: 4}")
    let long = try TinyPlans.trial(task: "{kind: adding, seq_len: [12]}", model: "{cell: rnn, hidden: 4}")
    #expect(TrialRunner.work(of: lstm) == 4 * TrialRunner.work(of: small))
    #expect(TrialRunner.work(of: long) == 2 * TrialRunner.work(of: small))
  }
}
