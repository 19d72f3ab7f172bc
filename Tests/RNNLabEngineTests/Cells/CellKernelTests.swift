import RNNLabRandom
import Testing

@testable import RNNLabEngine

/// The cell kernels exist as one source (Sources/RNNLabKernels/Cells),
/// compiled into each per-ISA kernel module for Float and into the engine
/// (which runs it for Double). Every compilation must give the same bits, and
/// the vector body must agree with the scalar tail: H = 27 runs a SIMD16
/// chunk, a SIMD8 chunk and a 3-lane scalar tail in every row.
@Suite struct CellKernelTests {
  static let B = 3, H = 27, stride = 31

  static func random<S: BinaryFloatingPoint>(_ count: Int, _ generator: inout SeededGenerator) -> [S] {
    (0..<count).map { _ in S(generator.uniform(-1, 1) as Float) }
  }

  /// The buffers of one LSTM-family step, filled at random.
  struct LSTMBuffers {
    var gates, cellPrev, bias, peephole, dHidden, dCell, dPeephole: [Float]
    var hidden, cell, tanhCell: [Float]

    init(gateCount: Int, seed: UInt64) {
      var generator = SeededGenerator(seed: seed, stream: "cells")
      let (B, H) = (CellKernelTests.B, CellKernelTests.H)
      gates = CellKernelTests.random(B * gateCount * H, &generator)
      cellPrev = CellKernelTests.random(B * H, &generator)
      bias = CellKernelTests.random(gateCount * H, &generator)
      peephole = CellKernelTests.random(3 * H, &generator)
      dHidden = CellKernelTests.random(B * H, &generator)
      dCell = CellKernelTests.random(B * H, &generator)
      dPeephole = CellKernelTests.random(3 * H, &generator)
      hidden = [Float](repeating: 0, count: B * CellKernelTests.stride)
      cell = [Float](repeating: 0, count: B * H)
      tanhCell = cell
    }

    /// Every output buffer, as bit patterns.
    var bits: [[UInt32]] { [gates, hidden, cell, tanhCell, dCell, dPeephole].map { $0.map(\.bitPattern) } }
  }

  /// The inputs of one GRU step, filled at random.
  struct GRUInputs<S: BinaryFloatingPoint> {
    let gates, hiddenGates, hiddenPrev, biasIH, biasHH, dHidden: [S]

    init(seed: UInt64) {
      var generator = SeededGenerator(seed: seed, stream: "cells")
      let (B, H) = (CellKernelTests.B, CellKernelTests.H)
      gates = CellKernelTests.random(B * 3 * H, &generator)
      hiddenGates = CellKernelTests.random(B * 3 * H, &generator)
      hiddenPrev = CellKernelTests.random(B * CellKernelTests.stride, &generator)
      biasIH = CellKernelTests.random(3 * H, &generator)
      biasHH = CellKernelTests.random(3 * H, &generator)
      dHidden = CellKernelTests.random(B * H, &generator)
    }
  }

  /// Every gate and activation on, and the variant with f, o and both
  /// activations switched off (the disabled-gate and identity paths).
  static let gateSets = [
    ModelConfig.Gates.all,
    ModelConfig.Gates(forgetGate: false, outputGate: false, inputActivation: false, outputActivation: false),
  ]

  /// Runs `body` with the peephole weights and their gradient, or nils.
  static func withPeephole<R>(
    _ b: inout LSTMBuffers, _ on: Bool, _ body: (UnsafePointer<Float>?, UnsafeMutablePointer<Float>?) -> R
  ) -> R {
    var dPeephole = b.dPeephole
    defer { b.dPeephole = dPeephole }
    return b.peephole.withUnsafeBufferPointer { p in
      dPeephole.withUnsafeMutableBufferPointer { dp in body(on ? p.baseAddress : nil, on ? dp.baseAddress : nil) }
    }
  }

  /// Forward then backward through the shared source compiled in the engine;
  /// returns the summed cell-gradient norm.
  static func runEngine(_ b: inout LSTMBuffers, _ config: LSTMCell.Gates, peephole: Bool) -> Double {
    var norm = 0.0
    let (cellPrev, bias, dHidden) = (b.cellPrev, b.bias, b.dHidden)
    var (gates, hidden, cell, tanhCell, dCell) = (b.gates, b.hidden, b.cell, b.tanhCell, b.dCell)
    withPeephole(&b, peephole) { p, dp in
      LSTMCell.forwardStep(
        hidden: &hidden, hiddenStride: stride, cell: &cell, tanhCell: &tanhCell, gates: &gates,
        cellPrev: cellPrev, bias: bias, peephole: p, config: config, B: B, H: H)
      LSTMCell.backwardStep(
        gates: &gates, dCell: &dCell, dPeephole: dp, dHidden: dHidden, cell: cell, tanhCell: tanhCell,
        cellPrev: cellPrev, peephole: p, config: config, cellNormSum: &norm, B: B, H: H)
    }
    (b.gates, b.hidden, b.cell, b.tanhCell, b.dCell) = (gates, hidden, cell, tanhCell, dCell)
    return norm
  }

  /// The same step through one instruction set's kernel module.
  static func runKernels(
    _ b: inout LSTMBuffers, _ c: LSTMCell.Gates, peephole: Bool, isa: InstructionSet
  ) -> Double {
    var norm = 0.0
    let (cellPrev, bias, dHidden) = (b.cellPrev, b.bias, b.dHidden)
    var (gates, hidden, cell, tanhCell, dCell) = (b.gates, b.hidden, b.cell, b.tanhCell, b.dCell)
    withPeephole(&b, peephole) { p, dp in
      isa.kernels.lstmForwardStep(
        hidden: &hidden, hiddenStride: stride, cell: &cell, tanhCell: &tanhCell, gates: &gates,
        cellPrev: cellPrev, bias: bias, peephole: p, coupled: c.coupled, inputGate: c.inputGate,
        forgetGate: c.forgetGate, outputGate: c.outputGate, inputActivation: c.inputActivation,
        outputActivation: c.outputActivation, B: B, H: H)
      isa.kernels.lstmBackwardStep(
        gates: &gates, dCell: &dCell, dPeephole: dp, dHidden: dHidden, cell: cell, tanhCell: tanhCell,
        cellPrev: cellPrev, peephole: p, coupled: c.coupled, inputGate: c.inputGate, forgetGate: c.forgetGate,
        outputGate: c.outputGate, inputActivation: c.inputActivation, outputActivation: c.outputActivation,
        cellNormSum: &norm, B: B, H: H)
    }
    (b.gates, b.hidden, b.cell, b.tanhCell, b.dCell) = (gates, hidden, cell, tanhCell, dCell)
    return norm
  }

  @Test(arguments: InstructionSet.supported, [ModelConfig.Cell.lstm, .peephole, .cifg])
  func lstmKernelsOfEveryPathAreTheEngineCompilationBitForBit(isa: InstructionSet, cell: ModelConfig.Cell) {
    for gates in Self.gateSets {
      let config = LSTMCell.Gates(LSTMGateConfig(cell: cell, gates: gates))
      var engine = LSTMBuffers(gateCount: config.count, seed: 11)
      var kernels = engine
      let engineNorm = Self.runEngine(&engine, config, peephole: cell == .peephole)
      let kernelNorm = Self.runKernels(&kernels, config, peephole: cell == .peephole, isa: isa)
      #expect(engine.bits == kernels.bits, "\(isa) \(cell) \(gates)")
      #expect(engineNorm.bitPattern == kernelNorm.bitPattern && engineNorm > 0)
    }
  }

  @Test(arguments: InstructionSet.supported)
  func gruAndRNNKernelsOfEveryPathAreTheEngineCompilationBitForBit(isa: InstructionSet) {
    let (B, H, stride) = (Self.B, Self.H, Self.stride)
    let input = GRUInputs<Float>(seed: 12)
    let (gates, hiddenGates, hiddenPrev) = (input.gates, input.hiddenGates, input.hiddenPrev)
    let (biasIH, biasHH, dHidden) = (input.biasIH, input.biasHH, input.dHidden)
    // GRU: forward then backward, both ways.
    var (g1, n1, h1, d1, dhg1) = (gates, [Float](repeating: 0, count: B * H), hiddenPrev, dHidden, [Float](repeating: 0, count: B * 3 * H))
    var (g2, n2, h2, d2, dhg2) = (g1, n1, h1, d1, dhg1)
    GRUCell.forwardStep(
      hidden: &h1, hiddenStride: stride, hiddenN: &n1, gates: &g1, hiddenGates: hiddenGates, hiddenPrev: hiddenPrev,
      hiddenPrevStride: stride, biasIH: biasIH, biasHH: biasHH, B: B, H: H)
    GRUCell.backwardStep(
      gates: &g1, hiddenN: &n1, dHiddenGates: &dhg1, dHidden: &d1, hiddenPrev: hiddenPrev, hiddenPrevStride: stride,
      B: B, H: H)
    isa.kernels.gruForwardStep(
      hidden: &h2, hiddenStride: stride, hiddenN: &n2, gates: &g2, hiddenGates: hiddenGates, hiddenPrev: hiddenPrev,
      hiddenPrevStride: stride, biasIH: biasIH, biasHH: biasHH, B: B, H: H)
    isa.kernels.gruBackwardStep(
      gates: &g2, hiddenN: &n2, dHiddenGates: &dhg2, dHidden: &d2, hiddenPrev: hiddenPrev, hiddenPrevStride: stride,
      B: B, H: H)
    #expect([g1, n1, h1, d1, dhg1].map { $0.map(\.bitPattern) } == [g2, n2, h2, d2, dhg2].map { $0.map(\.bitPattern) })
    // The plain RNN, tanh and ReLU.
    for relu in [false, true] {
      var (r1, hid1, dg1) = (Array(gates[0..<(B * H)]), hiddenPrev, [Float](repeating: 0, count: B * H))
      var (r2, hid2, dg2) = (r1, hid1, dg1)
      RNNCell.forwardStep(hidden: &hid1, hiddenStride: stride, gates: &r1, bias: biasIH, relu: relu, B: B, H: H)
      RNNCell.backwardStep(dGates: &dg1, dHidden: dHidden, hidden: hid1, hiddenStride: stride, relu: relu, B: B, H: H)
      isa.kernels.rnnForwardStep(hidden: &hid2, hiddenStride: stride, gates: &r2, bias: biasIH, relu: relu, B: B, H: H)
      isa.kernels.rnnBackwardStep(dGates: &dg2, dHidden: dHidden, hidden: hid2, hiddenStride: stride, relu: relu, B: B, H: H)
      #expect([r1, hid1, dg1].map { $0.map(\.bitPattern) } == [r2, hid2, dg2].map { $0.map(\.bitPattern) }, "relu \(relu)")
    }
  }

  /// Double (the gradient checks and the float64 probe) through the engine's
  /// entry points equals the plain per-element loops it ran before the
  /// kernels were shared: the lanes change nothing, in forward or backward.
  @Test func doubleGRUStepIsThePerElementLoopBitForBit() {
    let (B, H, stride) = (Self.B, Self.H, Self.stride)
    let input = GRUInputs<Double>(seed: 13)
    let (gates, hiddenGates, hiddenPrev) = (input.gates, input.hiddenGates, input.hiddenPrev)
    let (biasIH, biasHH, dHidden) = (input.biasIH, input.biasHH, input.dHidden)
    var (g, n, h, d, dhg) = (gates, [Double](repeating: 0, count: B * H), hiddenPrev, dHidden, [Double](repeating: 0, count: B * 3 * H))
    GRUKernels.forwardStep(
      hidden: &h, hiddenStride: stride, hiddenN: &n, gates: &g, hiddenGates: hiddenGates, hiddenPrev: hiddenPrev,
      hiddenPrevStride: stride, biasIH: biasIH, biasHH: biasHH, B: B, H: H)
    GRUKernels.backwardStep(
      gates: &g, hiddenN: &n, dHiddenGates: &dhg, dHidden: &d, hiddenPrev: hiddenPrev, hiddenPrevStride: stride,
      B: B, H: H)

    // The reference: the formulas element by element, in the kernels' order.
    var (rg, rn, rh, rd, rdhg) = (gates, [Double](repeating: 0, count: B * H), hiddenPrev, dHidden, [Double](repeating: 0, count: B * 3 * H))
    for b in 0..<B {
      let row = b * 3 * H, hp = b * stride
      for j in 0..<(2 * H) {
        rg[row + j] += biasIH[j] + hiddenGates[row + j] + biasHH[j]
        rg[row + j] = 1 / (1 + PortableMath.exp(-rg[row + j]))
      }
      for j in 0..<H {
        rn[b * H + j] = hiddenGates[row + 2 * H + j] + biasHH[2 * H + j]
        rg[row + 2 * H + j] += biasIH[2 * H + j] + rg[row + j] * rn[b * H + j]
        rg[row + 2 * H + j] = PortableMath.tanh(rg[row + 2 * H + j])
        let z = rg[row + H + j], nv = rg[row + 2 * H + j]
        rh[hp + j] = nv + z * (hiddenPrev[hp + j] - nv)
      }
      for j in 0..<H {
        let r = rg[row + j], z = rg[row + H + j], nv = rg[row + 2 * H + j], dh = rd[b * H + j]
        let dz = dh * (hiddenPrev[hp + j] - nv) * z * (1 - z)
        let dn = dh * (1 - z) * (1 - nv * nv)
        let dr = dn * rn[b * H + j] * r * (1 - r)
        (rg[row + j], rg[row + H + j], rg[row + 2 * H + j]) = (dr, dz, dn)
        (rdhg[row + j], rdhg[row + H + j], rdhg[row + 2 * H + j]) = (dr, dz, dn * r)
        rn[b * H + j] = dn * r
        rd[b * H + j] = dh * z
      }
    }
    #expect([g, n, h, d, dhg].map { $0.map(\.bitPattern) } == [rg, rn, rh, rd, rdhg].map { $0.map(\.bitPattern) })
  }
}
