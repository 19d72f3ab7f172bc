import Foundation
import Testing
import RNNLabRandom
@testable import RNNLabEngine

/// Chrono initialisation (Tallec & Ollivier 2018) of the gate that keeps
/// memory: per unit b = log(u), u uniform in [1, T_max − 1], in `bias_ih`
/// (with `bias_hh`'s block 0), and −b on the input gate of lstm/peephole;
/// drawn from the separate `chrono` stream, so every other parameter is the
/// same draw as without it.
@Suite struct ChronoInitTests {
  private static let hidden = 6

  private func config(_ cell: ModelConfig.Cell, _ bias: ModelConfig.GateBias?, gates: ModelConfig.Gates = .all)
    -> ModelConfig
  {
    ModelConfig(
      cell: cell, inputSize: 3, hiddenSize: Self.hidden, layers: 2, bidirectional: true, forgetBias: bias,
      gates: gates, outputSize: 2)
  }

  /// Rows `block` of a `[G·H]` bias tensor.
  private func block(_ values: [Float], _ block: Int) -> [Float] {
    Array(values[(block * Self.hidden)..<((block + 1) * Self.hidden)])
  }

  private func biases(_ model: RecurrentModel) -> [(ih: [Float], hh: [Float])] {
    let p = model.parameters, layout = model.layout
    return ["_l0", "_l0_reverse", "_l1", "_l1_reverse"].map { suffix in
      (Array(p[layout["bias_ih" + suffix]!.range]), Array(p[layout["bias_hh" + suffix]!.range]))
    }
  }

  @Test(arguments: [(ModelConfig.Cell.lstm, 1, 0 as Int?), (.peephole, 1, 0), (.cifg, 0, nil), (.gru, 1, nil)])
  func theKeepGateDrawsLogUniformAndTheInputGateItsNegative(cell: ModelConfig.Cell, keep: Int, input: Int?) {
    let maxLag = 50
    let chrono = RecurrentModel(config: config(cell, .chrono(maxLag: maxLag)), seed: 7)
    let drawn = RecurrentModel(config: config(cell, .drawn), seed: 7)
    let ceiling = Float(log(Double(maxLag - 1)))
    var all: [Float] = []
    for (bias, plain) in zip(biases(chrono), biases(drawn)) {
      let b = block(bias.ih, keep)
      all += b
      #expect(b.allSatisfy { $0 >= 0 && $0 <= ceiling }, "\(cell): \(b)")
      #expect(block(bias.hh, keep).allSatisfy { $0 == 0 })
      if let input {
        #expect(block(bias.ih, input) == b.map { -$0 })
        #expect(block(bias.hh, input).allSatisfy { $0 == 0 && $0.sign == .plus })
      }
      // Every other gate's bias is the init stream's draw, as without chrono.
      for other in 0..<cell.gateCount where other != keep && other != input {
        #expect(block(bias.ih, other) == block(plain.ih, other) && block(bias.hh, other) == block(plain.hh, other))
      }
    }
    #expect(Set(all).count == all.count, "each unit of each layer and direction draws its own")
    // Weights and the head are untouched.
    for entry in chrono.layout.entries where entry.group != .bias {
      #expect(Array(chrono.parameters[entry.range]) == Array(drawn.parameters[entry.range]), "\(entry.name)")
    }
  }

  @Test func theDrawsAreDeterministicPerSeed() {
    let a = RecurrentModel(config: config(.lstm, .chrono(maxLag: 20)), seed: 3)
    let b = RecurrentModel(config: config(.lstm, .chrono(maxLag: 20)), seed: 3)
    let c = RecurrentModel(config: config(.lstm, .chrono(maxLag: 20)), seed: 4)
    #expect(a.parameters == b.parameters)
    #expect(block(biases(a)[0].ih, 1) != block(biases(c)[0].ih, 1))
    // The values of the stream's first draws, in layout order.
    var stream = RNNLabRandomStream.chrono(seed: 3)
    let expected = (0..<Self.hidden).map { _ in ParameterInitializer.chronoBias(maxLag: 20, using: &stream) }
    #expect(block(biases(a)[0].ih, 1) == expected)
  }

  @Test func withoutAForgetGateTheInputGateKeepsItsDraw() {
    let off = ModelConfig.Gates(forgetGate: false)
    let chrono = RecurrentModel(config: config(.lstm, .chrono(maxLag: 9), gates: off), seed: 2)
    let drawn = RecurrentModel(config: config(.lstm, .drawn, gates: off), seed: 2)
    #expect(block(biases(chrono)[0].ih, 0) == block(biases(drawn)[0].ih, 0))
  }

  @Test func theDefaultsAreUnchanged() {
    // The LSTM family's default forget bias is 1; the GRU and the RNN keep PyTorch's draw.
    #expect(config(.lstm, nil).forgetBias == .constant(1) && config(.cifg, nil).forgetBias == .constant(1))
    #expect(config(.gru, nil).forgetBias == .drawn && config(.rnn, nil).forgetBias == .drawn)
    let gru = RecurrentModel(config: config(.gru, nil), seed: 5)
    #expect(biases(gru)[0].ih.allSatisfy { abs($0) <= 1 / Float(Self.hidden).squareRoot() })
  }

  @Test func invalidSettingsAreRefused() {
    #expect(config(.lstm, .chrono(maxLag: 2)).invalidReason == "chrono init needs T_max of at least 3, got 2")
    #expect(config(.rnn, .constant(1)).invalidReason == "the rnn cell has no gate bias to set")
    #expect(config(.lstm, .constant(.infinity)).invalidReason == "forget bias must be finite")
  }

  @Test func theWeightsExportWithTheSameNames() {
    for cell in [ModelConfig.Cell.lstm, .cifg, .gru] {
      let names = { (bias: ModelConfig.GateBias) in
        RecurrentModel(config: self.config(cell, bias), seed: 1).namedTensors().map { "\($0.name) \($0.shape)" }
      }
      #expect(names(.chrono(maxLag: 10)) == names(.drawn))
    }
  }
}

/// The trial's chrono stream, as `RecurrentModel(config:seed:)` derives it.
private enum RNNLabRandomStream {
  static func chrono(seed: UInt64) -> SeededGenerator { SeededGenerator(seed: seed, stream: "chrono") }
}
