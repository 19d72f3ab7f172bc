import Testing
@testable import RNNLabEngine

@Suite struct GradientFlowTests {
  @Test(arguments: ModelConfig.Cell.allCases)
  func flowHasOneSeriesPerLayerAndDirection(cell: ModelConfig.Cell) throws {
    let config = ModelConfig(cell: cell, inputSize: 2, hiddenSize: 4, layers: 2, bidirectional: true, outputSize: 1)
    let model = RecurrentModel(config: config, seed: 1)
    let x = RecurrentModelTests.randomInput(7 * 3 * 2, seed: 2)
    let y = model.forward(inputs: x, seqLen: 7, batch: 3)
    model.backward(dOutput: Loss.meanSquaredError(output: y, target: [0, 0, 0]).dOutput, measureFlow: true)
    let flow = try #require(model.gradientFlow)
    #expect(flow.seqLen == 7)
    #expect(flow.series.map(\.layer) == [0, 0, 1, 1])
    #expect(flow.series.map(\.direction) == [.forward, .backward, .forward, .backward])
    for s in flow.series {
      #expect(s.hidden.count == 7 && s.hidden.allSatisfy { $0 > 0 && $0.isFinite })
      #expect((s.cell != nil) == cell.hasCellState)
      if let c = s.cell { #expect(c.count == 7 && c.allSatisfy { $0 > 0 }) }
    }
    #expect(flow.series(direction: .backward)?.layer == 1)
    // Off unless asked for.
    _ = model.forward(inputs: x, seqLen: 7, batch: 3)
    model.backward(dOutput: [1, 1, 1])
    #expect(model.gradientFlow == nil)
  }

  /// For a tanh RNN with a loss on h_T only: ∂L/∂h_T is the output gradient,
  /// and ∂L/∂h_{t-1} = W_hhᵀ (∂L/∂h_t ⊙ (1 − h_t²)), recomputed here naively.
  @Test func rnnFlowMatchesANaiveRecurrence() throws {
    let (t, b, h, i) = (6, 2, 3, 2)
    let config = ModelConfig(cell: .rnn, inputSize: i, hiddenSize: h, head: .sequence)
    let model = RecurrentModel(config: config, seed: 4)
    let x = RecurrentModelTests.randomInput(t * b * i, seed: 5)
    let hs = model.forward(inputs: x, seqLen: t, batch: b)
    var dOut = [Float](repeating: 0, count: t * b * h)
    for k in 0..<(b * h) { dOut[(t - 1) * b * h + k] = Float(k % 3) - 0.7 }
    model.backward(dOutput: dOut, measureFlow: true)
    let measured = try #require(model.gradientFlow?.series.first?.hidden)
    let w = Array(model.parameters[model.layout["weight_hh_l0"]!.range])  // [H, H]
    var dh = (0..<(b * h)).map { Double(dOut[(t - 1) * b * h + $0]) }
    for step in stride(from: t - 1, through: 0, by: -1) {
      var norm = 0.0
      for r in 0..<b {
        var squares = 0.0
        for k in 0..<h { squares += dh[r * h + k] * dh[r * h + k] }
        norm += squares.squareRoot() / Double(b)
      }
      #expect(abs(measured[step] - norm) < 1e-5 * norm + 1e-7, "t=\(step)")
      var previous = [Double](repeating: 0, count: b * h)
      for r in 0..<b {
        for k in 0..<h {
          let ht = Double(hs[(step * b + r) * h + k])
          let dpre = dh[r * h + k] * (1 - ht * ht)
          for j in 0..<h { previous[r * h + j] += Double(w[k * h + j]) * dpre }
        }
      }
      dh = previous
    }
  }
}
