/// Per-timestep elementwise kernels of the plain (Elman) RNN,
/// `h = act(x·W_ihᵀ + b_ih + h_prev·W_hhᵀ + b_hh)`.
enum RNNKernels {
  /// Applies the activation for one timestep.
  // hidden: [B, hiddenStride] out (first H columns get h_t)
  // gates: [B, H] in: x·W_ihᵀ + h_prev·W_hhᵀ (+ bias when `bias` is nil); out: pre-activations
  // bias: [H] = b_ih + b_hh (nil: already in gates)
  static func forwardStep<S: EngineScalar>(
    hidden: UnsafeMutablePointer<S>, hiddenStride: Int, gates: UnsafeMutablePointer<S>,
    bias: UnsafePointer<S>?, activation: ModelConfig.Activation, B: Int, H: Int
  ) {
    if S.self == Float.self {
      return InstructionSet.activeKernels.rnnForwardStep(
        hidden: hidden.floats, hiddenStride: hiddenStride, gates: gates.floats, bias: bias?.floats,
        relu: activation == .relu, B: B, H: H)
    }
    for b in 0..<B {
      let row = gates + b * H
      let h = hidden + b * hiddenStride
      if let bias { for j in 0..<H { row[j] += bias[j] } }
      switch activation {
      case .tanh:
        h.update(from: row, count: H)
        S.tanh(h, count: H)
      case .relu:
        for j in 0..<H { h[j] = row[j] > 0 ? row[j] : 0 }
      }
    }
  }

  /// Pre-activation gradients for one timestep, from the stored output.
  // dGates: [B, H] out: ∂L/∂pre (overwrites the pre-activations)
  // dHidden: [B, H] total ∂L/∂h_t; hidden: [B, hiddenStride] h_t
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
    for b in 0..<B {
      let d = dGates + b * H
      let dh = dHidden + b * H
      let h = hidden + b * hiddenStride
      switch activation {
      case .tanh:
        for j in 0..<H { d[j] = dh[j] * (1 - h[j] * h[j]) }
      case .relu:
        for j in 0..<H { d[j] = h[j] > 0 ? dh[j] : 0 }
      }
    }
  }
}
