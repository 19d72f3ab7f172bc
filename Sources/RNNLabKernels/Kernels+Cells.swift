/// The recurrent cells' per-step elementwise kernels, compiled per ISA like
/// the products so they run 16 lanes wide on AVX-512 (the engine itself is
/// compiled for baseline x86-64). Same operations, same order, no fused
/// multiply-adds beyond the transcendentals': the same bits on every path.
extension Kernels {
  /// LSTM family forward step (the engine's `LSTMKernels.forwardStep`).
  @inline(never)
  public static func lstmForwardStep(
    hidden: UnsafeMutablePointer<Float>, hiddenStride: Int,
    cell: UnsafeMutablePointer<Float>, tanhCell: UnsafeMutablePointer<Float>,
    gates: UnsafeMutablePointer<Float>,
    cellPrev: UnsafePointer<Float>, bias: UnsafePointer<Float>?, peephole: UnsafePointer<Float>?,
    coupled: Bool, inputGate: Bool, forgetGate: Bool, outputGate: Bool,
    inputActivation: Bool, outputActivation: Bool, B: Int, H: Int
  ) {
    LSTMCell.forwardStep(
      hidden: hidden, hiddenStride: hiddenStride, cell: cell, tanhCell: tanhCell, gates: gates,
      cellPrev: cellPrev, bias: bias, peephole: peephole,
      config: .init(
        coupled: coupled, inputGate: inputGate, forgetGate: forgetGate, outputGate: outputGate,
        inputActivation: inputActivation, outputActivation: outputActivation),
      B: B, H: H)
  }

  /// LSTM family backward step (the engine's `LSTMKernels.backwardStep`).
  @inline(never)
  public static func lstmBackwardStep(
    gates: UnsafeMutablePointer<Float>, dCell: UnsafeMutablePointer<Float>,
    dPeephole: UnsafeMutablePointer<Float>?,
    dHidden: UnsafePointer<Float>, cell: UnsafePointer<Float>, tanhCell: UnsafePointer<Float>,
    cellPrev: UnsafePointer<Float>, peephole: UnsafePointer<Float>?,
    coupled: Bool, inputGate: Bool, forgetGate: Bool, outputGate: Bool,
    inputActivation: Bool, outputActivation: Bool,
    cellNormSum: UnsafeMutablePointer<Double>?, B: Int, H: Int
  ) {
    LSTMCell.backwardStep(
      gates: gates, dCell: dCell, dPeephole: dPeephole, dHidden: dHidden, cell: cell,
      tanhCell: tanhCell, cellPrev: cellPrev, peephole: peephole,
      config: .init(
        coupled: coupled, inputGate: inputGate, forgetGate: forgetGate, outputGate: outputGate,
        inputActivation: inputActivation, outputActivation: outputActivation),
      cellNormSum: cellNormSum, B: B, H: H)
  }

  /// GRU forward step (the engine's `GRUKernels.forwardStep`).
  @inline(never)
  public static func gruForwardStep(
    hidden: UnsafeMutablePointer<Float>, hiddenStride: Int,
    hiddenN: UnsafeMutablePointer<Float>, gates: UnsafeMutablePointer<Float>,
    hiddenGates: UnsafePointer<Float>, hiddenPrev: UnsafePointer<Float>, hiddenPrevStride: Int,
    biasIH: UnsafePointer<Float>, biasHH: UnsafePointer<Float>, B: Int, H: Int
  ) {
    GRUCell.forwardStep(
      hidden: hidden, hiddenStride: hiddenStride, hiddenN: hiddenN, gates: gates,
      hiddenGates: hiddenGates, hiddenPrev: hiddenPrev, hiddenPrevStride: hiddenPrevStride,
      biasIH: biasIH, biasHH: biasHH, B: B, H: H)
  }

  /// GRU backward step (the engine's `GRUKernels.backwardStep`).
  @inline(never)
  public static func gruBackwardStep(
    gates: UnsafeMutablePointer<Float>, hiddenN: UnsafeMutablePointer<Float>,
    dHiddenGates: UnsafeMutablePointer<Float>,
    dHidden: UnsafeMutablePointer<Float>, hiddenPrev: UnsafePointer<Float>, hiddenPrevStride: Int,
    B: Int, H: Int
  ) {
    GRUCell.backwardStep(
      gates: gates, hiddenN: hiddenN, dHiddenGates: dHiddenGates, dHidden: dHidden,
      hiddenPrev: hiddenPrev, hiddenPrevStride: hiddenPrevStride, B: B, H: H)
  }

  /// Plain RNN forward step (the engine's `RNNKernels.forwardStep`).
  @inline(never)
  public static func rnnForwardStep(
    hidden: UnsafeMutablePointer<Float>, hiddenStride: Int, gates: UnsafeMutablePointer<Float>,
    bias: UnsafePointer<Float>?, relu: Bool, B: Int, H: Int
  ) {
    RNNCell.forwardStep(hidden: hidden, hiddenStride: hiddenStride, gates: gates, bias: bias, relu: relu, B: B, H: H)
  }

  /// Plain RNN backward step (the engine's `RNNKernels.backwardStep`).
  @inline(never)
  public static func rnnBackwardStep(
    dGates: UnsafeMutablePointer<Float>, dHidden: UnsafePointer<Float>,
    hidden: UnsafePointer<Float>, hiddenStride: Int, relu: Bool, B: Int, H: Int
  ) {
    RNNCell.backwardStep(
      dGates: dGates, dHidden: dHidden, hidden: hidden, hiddenStride: hiddenStride, relu: relu, B: B, H: H)
  }
}
