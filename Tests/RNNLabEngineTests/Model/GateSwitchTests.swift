import Testing
@testable import RNNLabEngine

/// A disabled gate is fixed at 1: its rows keep the PyTorch layout but have
/// no effect and get exactly zero gradient (and so never train).
@Suite struct GateSwitchTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let cell: ModelConfig.Cell
    let gates: ModelConfig.Gates
    /// Gate block that must get no gradient, and its peephole tensor (if any).
    let block: Int
    let peephole: String?
    var testDescription: String { "\(cell.rawValue) block \(block)" }
  }

  static let cases: [Case] = [
    Case(cell: .lstm, gates: .init(inputGate: false), block: 0, peephole: nil),
    Case(cell: .lstm, gates: .init(forgetGate: false), block: 1, peephole: nil),
    Case(cell: .lstm, gates: .init(outputGate: false), block: 3, peephole: nil),
    Case(cell: .peephole, gates: .init(inputGate: false), block: 0, peephole: "weight_ci_l0"),
    Case(cell: .peephole, gates: .init(forgetGate: false), block: 1, peephole: "weight_cf_l0"),
    Case(cell: .peephole, gates: .init(outputGate: false), block: 3, peephole: "weight_co_l0"),
    Case(cell: .cifg, gates: .init(outputGate: false), block: 2, peephole: nil),
  ]

  @Test(arguments: cases)
  func disabledGateRowsGetZeroGradient(c: Case) {
    let h = 10
    let config = ModelConfig(cell: c.cell, inputSize: 3, hiddenSize: h, gates: c.gates, outputSize: 2)
    let model = RecurrentModel(config: config, seed: 2)
    let (_, gradients) = RecurrentModelTests.step(model, seqLen: 6, batch: 4, seed: 3)
    let layout = model.layout
    for name in ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"] {
      let entry = layout[name]!
      let width = entry.shape.count == 2 ? entry.shape[1] : 1
      let rows = entry.range.lowerBound + c.block * h * width..<entry.range.lowerBound + (c.block + 1) * h * width
      #expect(gradients[rows].allSatisfy { $0 == 0 }, "\(name)")
      #expect(gradients[entry.range].contains { $0 != 0 }, "\(name) has live rows")
    }
    if let name = c.peephole {
      #expect(gradients[layout[name]!.range].allSatisfy { $0 == 0 })
    }
  }
}
