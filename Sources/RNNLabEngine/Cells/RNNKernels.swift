/// The plain RNN's per-timestep kernels as the engine calls them: Float runs
/// the kernels of the active instruction set, Double the same `RNNCell`
/// source compiled here. See `RNNCell` for the buffer layouts.
enum RNNKernels {
  /// Applies the activation for one timestep.
  static func forwardStep<S: EngineScalar>(
    hidden: UnsafeMutablePointer<S>, hiddenStride: Int, gates: UnsafeMutablePointer<S>,
    bias: UnsafePointer<S>?, activation: ModelConfig.Activation, B: Int, H: Int
  ) {
    if S.self == Float.self {
      return InstructionSet.activeKernels.rnnForwardStep(
        hidden: hidden.floats, hiddenStride: hiddenStride, gates: gates.floats, bias: bias?.floats,
        relu: activation == .relu, B: B, H: H)
    }
    RNNCell.forwardStep(
      hidden: hidden, hiddenStride: hiddenStride, gates: gates, bias: bias, relu: activation == .relu, B: B, H: H)
  }

  /// Pre-activation gradients for one timestep, from the stored output.
  static func backwardStep<S: EngineScalar>(
    dGates: UnsafeMutablePointer<S>, dHidden: UnsafePointer<S>,
    hidden: UnsafePointer<S>, hiddenStride: Int,
    activation: ModelConfig.Activation, B: Int, H: Int
  ) {
    if S.self == Float.self {
      return InstructionSet.activeKernels.rnnBackwardStep(
        dGates: dGates.floats, dHidden: dHidden.floats, hidden: hidden.floats, hiddenStride: hiddenStride,
        relu: activation == .relu, B: B, H: H)
    }
    RNNCell.backwardStep(
      dGates: dGates, dHidden: dHidden, hidden: hidden, hiddenStride: hiddenStride,
      relu: activation == .relu, B: B, H: H)
  }
}
