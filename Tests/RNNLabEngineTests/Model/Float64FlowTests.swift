import Foundation
import Testing

@testable import RNNLabEngine

/// `float64GradientFlow`: the probe in float64 agrees with training's float32
/// profile where that does not underflow, and stays finite where it does.
@Suite struct Float64FlowTests {
  /// The float32 profile as training measures it.
  static func float32Flow(_ model: RecurrentModel, _ x: [Float], seqLen: Int, batch: Int, target: [Float]) -> GradientFlow {
    model.zeroGradients()
    let y = model.forward(inputs: x, seqLen: seqLen, batch: batch)
    model.backward(dOutput: Loss.meanSquaredError(output: y, target: target).dOutput, measureFlow: true)
    return model.gradientFlow!
  }

  @Test(arguments: ModelConfig.Cell.allCases)
  func agreesWithFloat32WhereNeitherUnderflows(cell: ModelConfig.Cell) throws {
    let (t, b) = (9, 3)
    let config = ModelConfig(cell: cell, inputSize: 2, hiddenSize: 5, layers: 2, bidirectional: true, outputSize: 2)
    let model = RecurrentModel(config: config, seed: 11)
    let x = RecurrentModelTests.randomInput(t * b * 2, seed: 12)
    let target: [Float] = [0.5, -0.25, 1, 0, -1, 0.75]
    let parametersBefore = model.parameters
    let single = Self.float32Flow(model, x, seqLen: t, batch: b, target: target)
    let exact = model.float64GradientFlow(
      inputs: x, seqLen: t, batch: b, objective: .meanSquaredError(target: target))
    #expect(model.parameters == parametersBefore, "the probe changes no parameter")
    #expect(exact.series.map(\.layer) == single.series.map(\.layer))
    #expect(exact.series.map(\.direction) == single.series.map(\.direction))
    var compared = 0
    for (a, s) in zip(exact.series, single.series) {
      for (u, v) in zip(a.hidden + (a.cell ?? []), s.hidden + (s.cell ?? [])) where v > 0 {
        #expect(abs(u - v) <= 1e-4 * u, "layer \(a.layer) \(a.direction): \(u) vs \(v)")
        compared += 1
      }
    }
    #expect(compared >= 4 * t)
  }

  /// Cross-entropy with a mask, many-to-many: the same agreement.
  @Test func agreesUnderMaskedCrossEntropy() throws {
    let (t, b, classes) = (6, 2, 3)
    let config = ModelConfig(cell: .gru, inputSize: 2, hiddenSize: 4, head: .manyToMany, outputSize: classes)
    let model = RecurrentModel(config: config, seed: 2)
    let x = RecurrentModelTests.randomInput(t * b * 2, seed: 3)
    let targets = (0..<(t * b)).map { $0 % classes }
    let mask = (0..<(t * b)).map { $0 >= t * b / 2 }
    let y = model.forward(inputs: x, seqLen: t, batch: b)
    let loss = Loss.softmaxCrossEntropy(logits: y, targets: targets, classes: classes, mask: mask)
    model.backward(dOutput: loss.dOutput, measureFlow: true)
    let single = try #require(model.gradientFlow?.series.first?.hidden)
    let exact = model.float64GradientFlow(
      inputs: x, seqLen: t, batch: b, objective: .softmaxCrossEntropy(targets: targets, classes: classes, mask: mask))
    let wide = try #require(exact.series.first?.hidden)
    for (u, v) in zip(wide, single) { #expect(abs(u - v) <= 1e-4 * u) }
  }

  /// A tanh RNN with orthogonal W_hh of radius 0.5 at T = 200: the gradient
  /// shrinks by ≥ 2× per step, so float32 (flushed below 1.2e-38) reads 0
  /// at the early steps and a decay of −inf, while float64 stays finite.
  @Test func float64StaysFiniteWhereFloat32Underflows() throws {
    let (t, b) = (200, 2)
    let config = ModelConfig(cell: .rnn, inputSize: 1, hiddenSize: 8, initScheme: .orthogonal, recurrentRadius: 0.5)
    let model = RecurrentModel(config: config, seed: 1)
    let x = RecurrentModelTests.randomInput(t * b, seed: 2)
    let single = Self.float32Flow(model, x, seqLen: t, batch: b, target: [1, -1]).series[0].hidden
    let exact = model.float64GradientFlow(inputs: x, seqLen: t, batch: b, objective: .meanSquaredError(target: [1, -1]))
      .series[0].hidden
    #expect(single.first == 0, "float32 underflowed at t = 1")
    #expect(exact.allSatisfy { $0 > 0 && $0.isFinite })
    // log10 decay per step is at most log10(0.5) ≈ −0.30 (|tanh'| ≤ 1).
    let decay = log10(exact[0] / exact[t - 1])
    #expect(decay.isFinite && decay < -0.3 * Double(t - 1) + 1)
    for (u, v) in zip(exact, single) where v > 1e-30 { #expect(abs(u - v) <= 1e-4 * u) }
  }
}
