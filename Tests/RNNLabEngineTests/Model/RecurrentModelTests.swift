import Testing
import RNNLabRandom
@testable import RNNLabEngine

@Suite struct RecurrentModelTests {
  static func randomInput(_ count: Int, seed: UInt64) -> [Float] {
    var rng = SeededGenerator(seed: seed)
    return (0..<count).map { _ in rng.uniform(-1, 1) }
  }

  /// One step's output and gradients; a fresh model per call when `model` is nil.
  static func step(_ model: RecurrentModel, seqLen: Int, batch: Int, seed: UInt64) -> ([Float], [Float]) {
    let x = randomInput(seqLen * batch * model.config.inputSize, seed: seed)
    model.zeroGradients()
    let y = model.forward(inputs: x, seqLen: seqLen, batch: batch)
    let loss = Loss.meanSquaredError(output: y, target: [Float](repeating: 0.5, count: y.count))
    model.backward(dOutput: loss.dOutput)
    return (y, model.gradients)
  }

  @Test(arguments: ModelConfig.Cell.allCases)
  func reuseAcrossBatchShapesMatchesFreshModels(cell: ModelConfig.Cell) {
    let config = ModelConfig(cell: cell, inputSize: 2, hiddenSize: 5, layers: 2, bidirectional: true, outputSize: 2)
    let reused = RecurrentModel(config: config, seed: 11)
    for (t, b, seed) in [(4, 3, 1), (9, 5, 2), (2, 1, 3), (9, 5, 4)] as [(Int, Int, UInt64)] {
      let fresh = RecurrentModel(config: config, seed: 11)
      let (y1, g1) = Self.step(reused, seqLen: t, batch: b, seed: seed)
      let (y2, g2) = Self.step(fresh, seqLen: t, batch: b, seed: seed)
      #expect(y1 == y2 && g1 == g2, "T=\(t) B=\(b)")
    }
  }

  @Test func bidirectionalManyToOneReadsEachDirectionsLastState() {
    var config = ModelConfig(cell: .lstm, inputSize: 2, hiddenSize: 3, bidirectional: true, head: .manyToOne, outputSize: 2)
    let model = RecurrentModel(config: config, seed: 5)
    config.head = .sequence
    let recurrentCount = ParameterLayout(config: config).parameterCount
    let sequence = RecurrentModel(config: config, parameters: Array(model.parameters[0..<recurrentCount]))
    let (t, b, h) = (4, 2, 3)
    let x = Self.randomInput(t * b * 2, seed: 9)
    let y = model.forward(inputs: x, seqLen: t, batch: b)
    let hs = sequence.forward(inputs: x, seqLen: t, batch: b)  // [T][B][2H]
    let p = model.parameters, w = Array(p[model.layout["head.weight"]!.range]), bias = Array(p[model.layout["head.bias"]!.range])
    for batch in 0..<b {
      let forwardLast = hs[((t - 1) * b + batch) * 2 * h..<(((t - 1) * b + batch) * 2 * h + h)]
      let backwardFirst = hs[(batch * 2 * h + h)..<(batch * 2 * h + 2 * h)]
      let features = Array(forwardLast) + Array(backwardFirst)
      for o in 0..<2 {
        var expected = bias[o]
        for k in 0..<(2 * h) { expected += w[o * 2 * h + k] * features[k] }
        #expect(abs(y[batch * 2 + o] - expected) < 1e-6)
      }
    }
  }

  @Test func namedTensorsRoundTripAndLoadRejectsMismatches() throws {
    let config = ModelConfig(cell: .peephole, inputSize: 2, hiddenSize: 3, layers: 2, outputSize: 1)
    let a = RecurrentModel(config: config, seed: 1), b = RecurrentModel(config: config, seed: 2)
    let tensors = a.namedTensors()
    #expect(tensors.map(\.name) == a.layout.entries.map { $0.group == .head ? $0.name : "lstm_variant." + $0.name })
    try b.load(namedTensors: tensors)
    #expect(a.parameters == b.parameters)

    var wrongShape = tensors
    wrongShape[0].shape = [3, 4]
    #expect(throws: ParameterLoadError.self) { try b.load(namedTensors: wrongShape) }
    #expect(throws: ParameterLoadError(description: "missing parameter 'head.bias'")) {
      try b.load(namedTensors: Array(tensors.dropLast()))
    }
    #expect(throws: ParameterLoadError(description: "unknown parameter 'weight_ih_l9'")) {
      try b.load(namedTensors: tensors + [NamedTensor(name: "weight_ih_l9", shape: [1], values: [0])])
    }
    // A peephole LSTM's tensors are not a stock LSTM's: `rnn.` names are unknown.
    #expect(throws: ParameterLoadError(description: "unknown parameter 'rnn.weight_ih_l0'")) {
      try b.load(namedTensors: tensors.map { NamedTensor(name: "rnn." + $0.name.split(separator: ".").last!, shape: $0.shape, values: $0.values) })
    }
    #expect(throws: ParameterLoadError(description: "parameter 'weight_ih_l0' given twice")) {
      try b.load(namedTensors: tensors + [NamedTensor(name: "weight_ih_l0", shape: tensors[0].shape, values: tensors[0].values)])
    }
    #expect(a.parameters == b.parameters)
  }

  @Test func gradientNormsSumOverGroups() {
    let config = ModelConfig(cell: .peephole, inputSize: 2, hiddenSize: 4, bidirectional: true, outputSize: 2)
    let model = RecurrentModel(config: config, seed: 3)
    _ = Self.step(model, seqLen: 6, batch: 3, seed: 4)
    let norms = model.gradientNorms()
    let groups = ParameterGroup.allCases.map { norms[$0] * norms[$0] }.reduce(0, +)
    #expect(abs(groups.squareRoot() - norms.global) < 1e-9 * norms.global)
    let g = model.gradients.map(Double.init)
    #expect(abs(norms.global - g.map { $0 * $0 }.reduce(0, +).squareRoot()) < 1e-9)
    for group in ParameterGroup.allCases { #expect(norms[group] > 0) }
  }

  @Test func gradientsAccumulateUntilZeroed() {
    let config = ModelConfig(cell: .gru, inputSize: 2, hiddenSize: 3, outputSize: 1)
    let model = RecurrentModel(config: config, seed: 3)
    let (_, once) = Self.step(model, seqLen: 5, batch: 2, seed: 4)
    let x = Self.randomInput(5 * 2 * 2, seed: 4)
    let y = model.forward(inputs: x, seqLen: 5, batch: 2)
    model.backward(dOutput: Loss.meanSquaredError(output: y, target: [0.5, 0.5]).dOutput)
    for (twice, single) in zip(model.gradients, once) { #expect(abs(twice - 2 * single) <= 1e-6 * abs(single) + 1e-7) }
  }
}
