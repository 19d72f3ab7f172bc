import Testing
import RNNLabRandom
@testable import RNNLabEngine

@Suite struct ParameterLayoutTests {
  @Test func namesShapesAndOrderFollowPyTorch() {
    let config = ModelConfig(
      cell: .peephole, inputSize: 3, hiddenSize: 5, layers: 2, bidirectional: true,
      head: .manyToOne, outputSize: 2)
    let layout = ParameterLayout(config: config)
    let names = layout.entries.map(\.name)
    let perDirection = ["weight_ih", "weight_hh", "bias_ih", "bias_hh", "weight_ci", "weight_cf", "weight_co"]
    var expected: [String] = []
    for suffix in ["_l0", "_l0_reverse", "_l1", "_l1_reverse"] {
      expected += perDirection.map { $0 + suffix }
    }
    #expect(names == expected + ["head.weight", "head.bias"])
    #expect(layout["weight_ih_l0"]!.shape == [20, 3])
    #expect(layout["weight_ih_l1_reverse"]!.shape == [20, 10])
    #expect(layout["weight_hh_l1"]!.shape == [20, 5])
    #expect(layout["weight_co_l0"]!.shape == [5])
    #expect(layout["head.weight"]!.shape == [2, 10])
    #expect(layout["weight_ci_l0"]!.group == .peephole && layout["head.bias"]!.group == .head)
    // Packed without gaps, in order.
    var offset = 0
    for entry in layout.entries {
      #expect(entry.offset == offset)
      offset += entry.count
    }
    #expect(layout.parameterCount == offset)
  }

  @Test func parameterCountMatchesPyTorchFormula() {
    // torch.nn.GRU(4, 8, num_layers=2, bidirectional=True): per layer and direction
    // 3H*(in + H) + 6H; plus nn.Linear(16, 3).
    let config = ModelConfig(
      cell: .gru, inputSize: 4, hiddenSize: 8, layers: 2, bidirectional: true,
      head: .manyToMany, outputSize: 3)
    let expected = 2 * (24 * (4 + 8) + 48) + 2 * (24 * (16 + 8) + 48) + (3 * 16 + 3)
    #expect(ParameterLayout(config: config).parameterCount == expected)
    let rnn = ModelConfig(cell: .rnn, inputSize: 2, hiddenSize: 3, head: .sequence)
    #expect(ParameterLayout(config: rnn).parameterCount == 3 * 2 + 3 * 3 + 3 + 3)
  }

  @Test func initialisationIsSeededAndFollowsTheScheme() {
    let config = ModelConfig(cell: .lstm, inputSize: 2, hiddenSize: 16, forgetBias: .constant(2.5), outputSize: 3)
    let a = RecurrentModel(config: config, seed: 7), b = RecurrentModel(config: config, seed: 7)
    let c = RecurrentModel(config: config, seed: 8)
    #expect(a.parameters == b.parameters)
    #expect(a.parameters != c.parameters)
    let p = a.parameters, layout = a.layout
    let bound: Float = 1 / 4  // 1/√16
    for name in ["weight_ih_l0", "weight_hh_l0"] {
      #expect(p[layout[name]!.range].allSatisfy { abs($0) <= bound })
    }
    // Forget block (rows H..<2H): bias_ih = forget bias, bias_hh = 0.
    let bih = Array(p[layout["bias_ih_l0"]!.range]), bhh = Array(p[layout["bias_hh_l0"]!.range])
    #expect(bih[16..<32].allSatisfy { $0 == 2.5 } && bhh[16..<32].allSatisfy { $0 == 0 })
    #expect(bih[0..<16].allSatisfy { abs($0) <= bound && $0 != 2.5 })
    let headBound = 1 / Float(16).squareRoot()
    #expect(p[layout["head.weight"]!.range].allSatisfy { abs($0) <= headBound })
  }

  @Test func cifgForgetBiasIsTheFirstBlock() {
    let config = ModelConfig(cell: .cifg, inputSize: 2, hiddenSize: 4, forgetBias: .constant(1.5))
    let model = RecurrentModel(config: config, seed: 1)
    let bih = Array(model.parameters[model.layout["bias_ih_l0"]!.range])
    #expect(bih[0..<4].allSatisfy { $0 == 1.5 } && !bih[4...].contains(1.5))
  }

  @Test(arguments: [ModelConfig.InitScheme.orthogonal, .identity])
  func recurrentBlocksAreOrthogonal(scheme: ModelConfig.InitScheme) {
    let h = 6
    let config = ModelConfig(cell: .gru, inputSize: 2, hiddenSize: h, initScheme: scheme)
    let model = RecurrentModel(config: config, seed: 3)
    let w = Array(model.parameters[model.layout["weight_hh_l0"]!.range])
    for block in 0..<3 {
      let m = Array(w[(block * h * h)..<((block + 1) * h * h)])
      for i in 0..<h {
        for j in 0..<h {
          var dot: Float = 0
          for k in 0..<h { dot += m[i * h + k] * m[j * h + k] }
          #expect(abs(dot - (i == j ? 1 : 0)) < 1e-5)
          if scheme == .identity { #expect(m[i * h + j] == (i == j ? 1 : 0)) }
        }
      }
    }
  }
}
