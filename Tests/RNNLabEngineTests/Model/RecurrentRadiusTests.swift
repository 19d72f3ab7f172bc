import Foundation
import RNNLabRandom
import Testing

@testable import RNNLabEngine

/// `recurrentRadius`: every gate block of every layer's and direction's
/// `weight_hh` gets the requested spectral radius, measured independently
/// (Gelfand's formula, `SpectralRadiusTests.gelfandRadius`).
@Suite struct RecurrentRadiusTests {
  /// The `[H, H]` gate blocks of every `weight_hh`, in Double.
  static func blocks(_ model: RecurrentModel) -> [[Double]] {
    let h = model.config.hiddenSize
    let parameters = model.parameters
    return model.layout.entries.filter { $0.group == .recurrent }.flatMap { entry in
      (0..<model.config.cell.gateCount).map { block in
        let start = entry.offset + block * h * h
        return parameters[start..<(start + h * h)].map(Double.init)
      }
    }
  }

  @Test(arguments: [ModelConfig.InitScheme.orthogonal, .identity, .normal], [3, 16, 48])
  func everyGateBlockHasTheRequestedRadius(scheme: ModelConfig.InitScheme, hidden: Int) {
    for (cell, radius) in [(ModelConfig.Cell.rnn, 0.5), (.lstm, 1.2), (.gru, 0.9)] {
      let config = ModelConfig(
        cell: cell, inputSize: 2, hiddenSize: hidden, layers: 2, bidirectional: true, initScheme: scheme,
        recurrentRadius: radius)
      let model = RecurrentModel(config: config, seed: 7)
      let blocks = Self.blocks(model)
      #expect(blocks.count == 2 * 2 * cell.gateCount)
      for (k, block) in blocks.enumerated() {
        let measured = SpectralRadiusTests.gelfandRadius(block, hidden)
        #expect(abs(measured - radius) <= 0.01 * radius, "\(scheme) \(cell) H=\(hidden) block \(k): \(measured)")
      }
    }
  }

  /// What `recurrent_radius_init` reports: the engine's estimate of the top
  /// layer's forward first block, within 1 % of the request.
  @Test(arguments: [ModelConfig.InitScheme.orthogonal, .identity, .normal])
  func modelReportsItsMeasuredRadius(scheme: ModelConfig.InitScheme) {
    let config = ModelConfig(cell: .lstm, inputSize: 2, hiddenSize: 24, layers: 2, initScheme: scheme, recurrentRadius: 1.5)
    let model = RecurrentModel(config: config, seed: 3)
    var generator = SeededGenerator(seed: 3, stream: "radius")
    #expect(abs(model.recurrentRadius(using: &generator) - 1.5) <= 0.015)
  }

  /// Without a radius: orthogonal and identity keep their unit scale, bit
  /// for bit as before the option existed; normal is N(0, 1/H).
  @Test func withoutARadiusTheSchemesKeepTheirOwnScale() {
    let h = 64
    let plain = ModelConfig(cell: .rnn, inputSize: 2, hiddenSize: h, initScheme: .orthogonal)
    var unit = plain
    unit.recurrentRadius = 1
    #expect(RecurrentModel(config: plain, seed: 5).parameters == RecurrentModel(config: unit, seed: 5).parameters)
    let normal = RecurrentModel(config: ModelConfig(cell: .rnn, inputSize: 2, hiddenSize: h, initScheme: .normal), seed: 5)
    let w = Self.blocks(normal)[0]
    let variance = w.reduce(0) { $0 + $1 * $1 } / Double(w.count)
    // 4096 draws: the sample variance is within ±7 % (3 sd) of 1/H.
    #expect(abs(variance * Double(h) - 1) < 0.07)
    // Circular law: ρ ≈ 1 for large H.
    #expect(abs(SpectralRadiusTests.gelfandRadius(w, h) - 1) < 0.15)
  }

  @Test func invalidRadiiAreRejected() {
    for (scheme, radius) in [
      (ModelConfig.InitScheme.orthogonal, 0.0), (.normal, -1), (.identity, .infinity), (.normal, .nan),
      (.default, 1.0),
    ] {
      let config = ModelConfig(cell: .rnn, inputSize: 1, hiddenSize: 2, initScheme: scheme, recurrentRadius: radius)
      #expect(config.invalidReason != nil, "\(scheme) \(radius)")
    }
  }
}
