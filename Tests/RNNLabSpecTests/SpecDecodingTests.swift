import Foundation
import Testing
@testable import RNNLabSpec

/// Decoding valid specs: defaults filled, every key read.
@Suite struct SpecDecodingTests {
  @Test func minimalSpecGetsEveryDefault() throws {
    let spec = try ExperimentSpec.load(path: SpecTestSupport.fixture("minimal.yaml"))
    #expect(spec.name == "minimal")
    #expect(spec.description == "")
    #expect(spec.seeds == [1])
    #expect(spec.tasks == [TaskSpec(name: "adding", seqLens: [10], options: .adding(placement: .halves))])
    let model = try #require(spec.models.first)
    #expect(model.name == "lstm")
    #expect(model == ModelSpec(cell: .lstm, hidden: 8))
    #expect(model.layers == 1 && !model.bidirectional && model.forgetBias == .constant(1.0))
    #expect(model.initialization == .uniform && model.activation == .tanh)
    #expect(model.inputGate && model.forgetGate && model.outputGate && model.inputActivation && model.outputActivation)
    #expect(model.training.isEmpty)
    let training = spec.training
    #expect(training.steps == 2000 && training.batchSize == 32 && training.optimizer == .adam)
    #expect(training.learningRate == 0.001 && training.momentum == 0 && training.clipNorm == 1.0)
    #expect(training.clipValue == nil && training.evalEvery == 100 && training.evalSize == 512)
    #expect(training.flowEvery == nil && training.logEvery == 1)
    #expect(spec.report.compareTo == "lstm")  // first LSTM-family model
  }

  @Test func fullSpecReadsEveryKey() throws {
    let spec = try ExperimentSpec.load(path: SpecTestSupport.fixture("full.yaml"))
    #expect(spec.name == "full-1.0")
    #expect(spec.description == "Every key, explicitly.")
    #expect(spec.seeds == [7, 3])
    #expect(spec.tasks.map(\.name) == ["add_any", "copy", "first_symbol", "temporal_order", "lookahead"])
    #expect(spec.tasks.map(\.options) == [
      .adding(placement: .anywhere), .copy(copyLength: 3, symbols: 4), .firstSymbol(classes: 3, distractors: 5),
      .temporalOrder(distractors: 2), .lookahead(offset: 2, symbols: 6),
    ])
    #expect(spec.tasks[0].seqLens == [20, 10])
    #expect(spec.models[0] == ModelSpec(
      name: "irnn", cell: .rnn, hidden: 16, layers: 2, bidirectional: true, activation: .relu,
      initialization: .identity))
    #expect(spec.models[1] == ModelSpec(
      name: "nfg", cell: .peephole, hidden: 12, initialization: .orthogonal, inputGate: false, forgetGate: false,
      outputGate: false, inputActivation: false, outputActivation: false))
    #expect(spec.models[2].forgetBias == .constant(2.5))
    #expect(spec.models[2].training == TrainingOverride()
      .setting(\.steps, 50).setting(\.optimizer, .sgd).setting(\.momentum, 0.9).setting(\.clipNorm, nil)
      .setting(\.logEvery, 2))
    var training = TrainingSpec()
    (training.steps, training.batchSize, training.optimizer, training.learningRate) = (300, 16, .rmsprop, 0.01)
    (training.momentum, training.clipNorm, training.clipValue) = (0.5, 2, 0.25)
    (training.evalEvery, training.evalSize, training.flowEvery, training.logEvery) = (25, 64, 100, 5)
    #expect(spec.training == training)
    #expect(spec.report.compareTo == "nfg")
  }

  @Test func modelTrainingOverridesTheSharedSettings() throws {
    let spec = try ExperimentSpec.load(path: SpecTestSupport.fixture("full.yaml"))
    let cifg = try #require(spec.models.first { $0.name == "cifg" })
    let resolved = spec.training(for: cifg)
    #expect(resolved.steps == 50 && resolved.optimizer == .sgd && resolved.momentum == 0.9)
    #expect(resolved.clipNorm == nil)  // switched off for this model only
    #expect(resolved.logEvery == 2 && spec.training.logEvery == 5)
    #expect(resolved.batchSize == 16 && resolved.clipValue == 0.25 && resolved.learningRate == 0.01)
    let gru = try #require(spec.models.first { $0.name == "gru" })
    #expect(spec.training(for: gru) == spec.training)
  }

  @Test func anchorsAliasesAndMergeKeysWork() throws {
    let spec = try ExperimentSpec.load(path: SpecTestSupport.fixture("anchors.yaml"))
    #expect(spec.tasks.map(\.seqLens) == [[10, 20], [10, 20]])
    #expect(spec.models.map(\.name) == ["lstm", "wide_gru"])
    #expect(spec.models.map(\.hidden) == [8, 32])  // explicit keys win over merged ones
    #expect(spec.models.map(\.layers) == [2, 2])
  }

  @Test func shorthandsAndScalarForms() throws {
    let spec = try ExperimentSpec.parse("""
      name: 2024
      seeds: 5
      tasks: [{kind: copy, seq_len: 30}]
      models: [{cell: gru, hidden: 4}]
      training: {learning_rate: 1, clip_norm: ~, momentum: 0}
      """)
    #expect(spec.name == "2024")
    #expect(spec.seeds == [5])
    #expect(spec.tasks[0].seqLens == [30])
    #expect(spec.training.learningRate == 1.0 && spec.training.clipNorm == nil)
    #expect(spec.report.compareTo == nil)  // no LSTM-family model to compare against
  }

  @Test func exampleSpecsInTheRepositoryValidate() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let longDep = try ExperimentSpec.load(path: root.appendingPathComponent("experiments/long_dep.yaml").path)
    #expect(longDep.models.map(\.name) == ["rnn", "birnn", "lstm", "cifg", "gru", "peephole"])
    // 5 seeds on adding and the lookaheads, 10 on copy and first_symbol.
    #expect(Plan(spec: longDep).trials.count == (5 * 5 + (4 + 4) * 10 + (1 + 1) * 5) * 6)
    let gates = try ExperimentSpec.load(path: root.appendingPathComponent("experiments/gates.yaml").path)
    #expect(gates.models.count == 9)
    let smoke = try ExperimentSpec.load(path: root.appendingPathComponent("experiments/smoke.yaml").path)
    #expect(Plan(spec: smoke).trials.count == 8)
  }
}
