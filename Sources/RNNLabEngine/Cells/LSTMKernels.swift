/// The LSTM family's per-timestep kernels as the engine calls them: Float
/// runs the kernels of the active instruction set, Double (gradient checks,
/// the float64 probe) the same `LSTMCell` source compiled here. See
/// `LSTMCell` for the buffer layouts and the disabled-gate convention.
enum LSTMKernels {
  /// Applies the gates for one timestep and stores what backward needs.
  static func forwardStep<S: EngineScalar>(
    hidden: UnsafeMutablePointer<S>, hiddenStride: Int,
    cell: UnsafeMutablePointer<S>, tanhCell: UnsafeMutablePointer<S>,
    gates: UnsafeMutablePointer<S>,
    cellPrev: UnsafePointer<S>, bias: UnsafePointer<S>?, peephole: UnsafePointer<S>?,
    config: LSTMGateConfig, B: Int, H: Int
  ) {
    if S.self == Float.self {
      return InstructionSet.activeKernels.lstmForwardStep(
        hidden: hidden.floats, hiddenStride: hiddenStride, cell: cell.floats, tanhCell: tanhCell.floats,
        gates: gates.floats, cellPrev: cellPrev.floats, bias: bias?.floats, peephole: peephole?.floats,
        coupled: config.coupled, inputGate: config.inputGate, forgetGate: config.forgetGate,
        outputGate: config.outputGate, inputActivation: config.inputActivation,
        outputActivation: config.outputActivation, B: B, H: H)
    }
    LSTMCell.forwardStep(
      hidden: hidden, hiddenStride: hiddenStride, cell: cell, tanhCell: tanhCell, gates: gates,
      cellPrev: cellPrev, bias: bias, peephole: peephole, config: LSTMCell.Gates(config), B: B, H: H)
  }

  /// Gate gradients for one timestep (reverse order), written over the
  /// stored activations, and the cell gradient carried to the step before.
  static func backwardStep<S: EngineScalar>(
    gates: UnsafeMutablePointer<S>, dCell: UnsafeMutablePointer<S>,
    dPeephole: UnsafeMutablePointer<S>?,
    dHidden: UnsafePointer<S>, cell: UnsafePointer<S>, tanhCell: UnsafePointer<S>,
    cellPrev: UnsafePointer<S>, peephole: UnsafePointer<S>?,
    config: LSTMGateConfig, cellNormSum: UnsafeMutablePointer<Double>?, B: Int, H: Int
  ) {
    if S.self == Float.self {
      return InstructionSet.activeKernels.lstmBackwardStep(
        gates: gates.floats, dCell: dCell.floats, dPeephole: dPeephole?.floats, dHidden: dHidden.floats,
        cell: cell.floats, tanhCell: tanhCell.floats, cellPrev: cellPrev.floats, peephole: peephole?.floats,
        coupled: config.coupled, inputGate: config.inputGate, forgetGate: config.forgetGate,
        outputGate: config.outputGate, inputActivation: config.inputActivation,
        outputActivation: config.outputActivation, cellNormSum: cellNormSum, B: B, H: H)
    }
    LSTMCell.backwardStep(
      gates: gates, dCell: dCell, dPeephole: dPeephole, dHidden: dHidden, cell: cell,
      tanhCell: tanhCell, cellPrev: cellPrev, peephole: peephole, config: LSTMCell.Gates(config),
      cellNormSum: cellNormSum, B: B, H: H)
  }
}

extension LSTMCell.Gates {
  /// The shared kernels' view of an engine gate configuration.
  init(_ config: LSTMGateConfig) {
    self.init(
      coupled: config.coupled, inputGate: config.inputGate, forgetGate: config.forgetGate,
      outputGate: config.outputGate, inputActivation: config.inputActivation,
      outputActivation: config.outputActivation)
  }
}
