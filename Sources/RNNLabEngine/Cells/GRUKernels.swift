/// The GRU's per-timestep kernels as the engine calls them: Float runs the
/// kernels of the active instruction set, Double (gradient checks, the
/// float64 probe) the same `GRUCell` source compiled here. See `GRUCell` for
/// the buffer layouts.
enum GRUKernels {
  /// Applies the gates for one timestep and stores what backward needs.
  static func forwardStep<S: EngineScalar>(
    hidden: UnsafeMutablePointer<S>, hiddenStride: Int,
    hiddenN: UnsafeMutablePointer<S>, gates: UnsafeMutablePointer<S>,
    hiddenGates: UnsafePointer<S>, hiddenPrev: UnsafePointer<S>, hiddenPrevStride: Int,
    biasIH: UnsafePointer<S>, biasHH: UnsafePointer<S>, B: Int, H: Int
  ) {
    if S.self == Float.self {
      return InstructionSet.activeKernels.gruForwardStep(
        hidden: hidden.floats, hiddenStride: hiddenStride, hiddenN: hiddenN.floats, gates: gates.floats,
        hiddenGates: hiddenGates.floats, hiddenPrev: hiddenPrev.floats, hiddenPrevStride: hiddenPrevStride,
        biasIH: biasIH.floats, biasHH: biasHH.floats, B: B, H: H)
    }
    GRUCell.forwardStep(
      hidden: hidden, hiddenStride: hiddenStride, hiddenN: hiddenN, gates: gates,
      hiddenGates: hiddenGates, hiddenPrev: hiddenPrev, hiddenPrevStride: hiddenPrevStride,
      biasIH: biasIH, biasHH: biasHH, B: B, H: H)
  }

  /// Gate gradients for one timestep (reverse order), written over the
  /// stored activations.
  static func backwardStep<S: EngineScalar>(
    gates: UnsafeMutablePointer<S>, hiddenN: UnsafeMutablePointer<S>,
    dHiddenGates: UnsafeMutablePointer<S>,
    dHidden: UnsafeMutablePointer<S>, hiddenPrev: UnsafePointer<S>, hiddenPrevStride: Int,
    B: Int, H: Int
  ) {
    if S.self == Float.self {
      return InstructionSet.activeKernels.gruBackwardStep(
        gates: gates.floats, hiddenN: hiddenN.floats, dHiddenGates: dHiddenGates.floats,
        dHidden: dHidden.floats, hiddenPrev: hiddenPrev.floats, hiddenPrevStride: hiddenPrevStride, B: B, H: H)
    }
    GRUCell.backwardStep(
      gates: gates, hiddenN: hiddenN, dHiddenGates: dHiddenGates, dHidden: dHidden,
      hiddenPrev: hiddenPrev, hiddenPrevStride: hiddenPrevStride, B: B, H: H)
  }
}
