import RNNLabRandom
import Testing
@testable import RNNLabSpec

/// Grid expansion: order, ids, resolved settings and config hashes.
@Suite struct PlanTests {
  private func plan(_ text: String = SpecTestSupport.validText, overrides: [String] = []) throws -> Plan {
    Plan(spec: try ExperimentSpec.parse(text, overrides: overrides))
  }

  @Test func orderIsTasksThenLengthsThenModelsThenSeeds() throws {
    let text = SpecTestSupport.valid(replacing: "seq_len: [10, 20]", with: "seq_len: [20, 10]\n  - kind: copy\n    seq_len: [5]")
    let trials = try plan(text).trials
    #expect(trials.map(\.id) == [
      "adding-T20-rnn-s1", "adding-T20-rnn-s2", "adding-T20-lstm-s1", "adding-T20-lstm-s2",
      "adding-T10-rnn-s1", "adding-T10-rnn-s2", "adding-T10-lstm-s1", "adding-T10-lstm-s2",
      "copy-T5-rnn-s1", "copy-T5-rnn-s2", "copy-T5-lstm-s1", "copy-T5-lstm-s2",
    ])
    #expect(trials.map(\.index) == Array(0..<12))
    #expect(trials[5].task.name == "adding" && trials[5].seqLen == 10 && trials[5].model.name == "rnn" && trials[5].seed == 2)
  }

  @Test func trialsCarryTheModelsResolvedTraining() throws {
    let trials = try plan(overrides: ["models.lstm.training.steps=99"]).trials
    #expect(trials.filter { $0.model.name == "lstm" }.allSatisfy { $0.training.steps == 99 })
    #expect(trials.filter { $0.model.name == "rnn" }.allSatisfy { $0.training.steps == 10 })
  }

  @Test func canonicalConfigIsSortedCompactAndComplete() throws {
    let trial = try #require(try plan().trial(id: "adding-T10-lstm-s1"))
    #expect(trial.canonicalConfig == #"{"model":{"bidirectional":false,"cell":"lstm","forget_bias":1.0,"forget_gate":true,"hidden":8,"init":"default","input_activation":true,"input_gate":true,"layers":1,"name":"lstm","output_activation":true,"output_gate":true},"seed":1,"seq_len":10,"task":{"kind":"adding","name":"adding","placement":"halves"},"training":{"batch_size":32,"clip_norm":1.0,"clip_value":null,"eval_every":100,"eval_size":512,"flow_every":null,"learning_rate":0.001,"log_every":1,"momentum":0.0,"optimizer":"adam","steps":10}}"#)
    #expect(trial.configHash == StableHash.hex(trial.canonicalConfig))
    #expect(trial.configHash.count == 16)
  }

  /// The plan assembles hashes from texts rendered once per task and model;
  /// every one must still be the hash of the trial's own config.
  @Test func everyPlannedHashIsTheHashOfItsConfig() throws {
    for file in ["full.yaml", "anchors.yaml", "minimal.yaml"] {
      let trials = Plan(spec: try ExperimentSpec.load(path: SpecTestSupport.fixture(file))).trials
      for trial in trials {
        #expect(trial.configHash == StableHash.hex(trial.config.canonicalText), "\(file): \(trial.id)")
        let alone = Trial(index: trial.index, task: trial.task, seqLen: trial.seqLen, model: trial.model,
                          training: trial.training, seed: trial.seed)
        #expect(alone == trial, "\(file): \(trial.id)")
      }
    }
  }

  @Test func configFileHasTheConfigItsHashAndItsIndex() throws {
    let trial = try #require(try plan().trials.dropFirst().first)
    let lines = trial.configFileText.split(separator: "\n")
    #expect(lines.first == "{")
    #expect(lines[1] == "  \"config_hash\": \"\(trial.configHash)\",")
    #expect(lines[2] == "  \"index\": 1,")
    #expect(lines[3] == "  \"model\": {")
    #expect(trial.configFileText.hasSuffix("}\n"))
    #expect(trial.configHash == StableHash.hex(trial.config.canonicalText))
  }

  @Test func sameConfigSameHash() throws {
    let first = try plan().trials
    // Different spellings of the same configuration: defaults written out,
    // a renamed experiment, other seeds and lengths around it.
    let respelled = SpecTestSupport.valid(replacing: "name: t", with: "name: other\ndescription: words")
      .replacingOccurrences(of: "  steps: 10", with: "  steps: 10\n  batch_size: 32\n  clip_norm: 1.0\n  optimizer: adam")
    let second = try plan(respelled, overrides: ["seeds=[2, 1, 9]", "tasks.adding.seq_len=[20, 10, 40]"]).trials
    for trial in first {
      let twin = try #require(second.first { $0.id == trial.id })
      #expect(twin.configHash == trial.configHash, "\(trial.id)")
    }
  }

  @Test func oneChangedValueChangesTheHash() throws {
    let base = try plan().trials
    let hashes = Set(base.map(\.configHash))
    #expect(hashes.count == base.count)  // every trial differs from every other
    for override in ["models.lstm.hidden=9", "training.learning_rate=0.002", "training.clip_norm=null",
                     "tasks.adding.placement=anywhere", "models.lstm.forget_bias=0.5", "training.eval_size=513"] {
      let changed = try plan(overrides: [override]).trials
      let lstm = try #require(changed.first { $0.id == "adding-T10-lstm-s1" })
      #expect(!hashes.contains(lstm.configHash), "\(override)")
    }
    // Changing only the LSTM leaves the RNN's trials as they were.
    let rnn = try #require(try plan(overrides: ["models.lstm.hidden=9"]).trial(id: "adding-T10-rnn-s1"))
    #expect(rnn.configHash == base.first { $0.id == "adding-T10-rnn-s1" }?.configHash)
  }

  @Test func summaryCountsTheGrid() throws {
    #expect(try plan().summary == "8 trials (1 task × 2 lengths × 2 models × 2 seeds)")
    let uneven = SpecTestSupport.valid(replacing: "seq_len: [10, 20]", with: "seq_len: [10, 20]\n  - {kind: copy, seq_len: [5]}")
    #expect(try plan(uneven).summary == "12 trials (3 lengths over 2 tasks × 2 models × 2 seeds)")
  }

  /// A task's own seeds replace the spec's for that task only; the trials
  /// both lists share keep their ids and hashes, and the spec renders them.
  @Test func aTasksSeedsReplaceTheSpecsForItAlone() throws {
    let base = try plan().trials
    let text = SpecTestSupport.valid(
      replacing: "seq_len: [10, 20]", with: "seq_len: [10, 20]\n    seeds: [1, 2, 3]\n  - {kind: copy, seq_len: [5]}")
    let more = try plan(text)
    #expect(more.trials.filter { $0.task.name == "adding" }.map(\.seed) == Array(repeating: [1, 2, 3], count: 4).flatMap { $0 })
    #expect(more.trials.filter { $0.task.name == "copy" }.map(\.seed) == [1, 2, 1, 2])
    for trial in base {
      #expect(more.trial(id: trial.id)?.configHash == trial.configHash, "\(trial.id)")
    }
    #expect(more.summary == "16 trials (3 lengths over 2 tasks × 2 models × 2 or 3 seeds)")
    let reloaded = try ExperimentSpec.parse(more.spec.resolvedYAML)
    #expect(reloaded == more.spec)
    #expect(SpecTestSupport.errors(SpecTestSupport.valid(replacing: "seq_len: [10, 20]", with: "seq_len: [10, 20]\n    seeds: [4, 4]"))
      == ["t.yaml:6:16: error: duplicate value 4 in 'seeds' (first at 6:13)"])
  }
}
