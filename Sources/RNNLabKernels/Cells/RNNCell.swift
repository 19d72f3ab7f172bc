/// Per-timestep elementwise kernels of the plain (Elman) RNN,
/// `h = act(x·W_ihᵀ + b_ih + h_prev·W_hhᵀ + b_hh)`, written once for Float
/// and Double.
enum RNNCell {
  /// Applies the activation (tanh, or ReLU when `relu`) for one timestep.
  // hidden: [B, hiddenStride] out (first H columns get h_t)
  // gates: [B, H] in: x·W_ihᵀ + h_prev·W_hhᵀ (+ bias when `bias` is nil); out: pre-activations
  // bias: [H] = b_ih + b_hh (nil: already in gates)
  static func forwardStep<S: CellScalar>(
    hidden: UnsafeMutablePointer<S>, hiddenStride: Int, gates: UnsafeMutablePointer<S>,
    bias: UnsafePointer<S>?, relu: Bool, B: Int, H: Int
  ) {
    for b in 0..<B {
      let row = gates + b &* H
      let h = hidden + b &* hiddenStride
      if let bias { for j in 0..<H { row[j] += bias[j] } }
      if relu {
        for j in 0..<H { h[j] = row[j] > 0 ? row[j] : 0 }
      } else {
        h.copy(from: row, count: H)
        S.tanh(h, count: H)
      }
    }
  }

  /// Pre-activation gradients for one timestep, from the stored output.
  // dGates: [B, H] out: ∂L/∂pre (overwrites the pre-activations)
  // dHidden: [B, H] total ∂L/∂h_t; hidden: [B, hiddenStride] h_t
  static func backwardStep<S: CellScalar>(
    dGates: UnsafeMutablePointer<S>, dHidden: UnsafePointer<S>,
    hidden: UnsafePointer<S>, hiddenStride: Int, relu: Bool, B: Int, H: Int
  ) {
    for b in 0..<B {
      let d = dGates + b &* H
      let dh = dHidden + b &* H
      let h = hidden + b &* hiddenStride
      if relu {
        for j in 0..<H { d[j] = h[j] > 0 ? dh[j] : 0 }
      } else {
        for j in 0..<H { d[j] = dh[j] * (1 - h[j] * h[j]) }
      }
    }
  }
}
