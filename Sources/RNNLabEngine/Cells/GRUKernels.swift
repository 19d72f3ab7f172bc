/// Per-timestep fused elementwise kernels of the GRU (PyTorch's form, gate
/// blocks `r,z,n`, `n = tanh(x_n + b_in + r * (W_hn h + b_hn))`,
/// `h = (1-z)*n + z*h_prev`).
enum GRUKernels {
  /// Applies the gates for one timestep and stores what backward needs.
  // hidden: [B, hiddenStride] out (first H columns get h_t)
  // hiddenN: [B, H] out: W_hn·h_prev + b_hn, kept for backward
  // gates: [B, 3H] in: x·W_ihᵀ (no bias); out: r, z, n
  // hiddenGates: [B, 3H] h_prev·W_hhᵀ (no bias; zeros at the first step)
  // hiddenPrev: [B, hiddenPrevStride]; biasIH, biasHH: [3H]
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
    let gh = 3 * H
    for b in 0..<B {
      let row = gates + b * gh
      let hg = hiddenGates + b * gh
      let hn = hiddenN + b * H
      let hp = hiddenPrev + b * hiddenPrevStride
      let h = hidden + b * hiddenStride
      for j in 0..<(2 * H) { row[j] += biasIH[j] + hg[j] + biasHH[j] }
      S.sigmoid(row, count: 2 * H)
      for j in 0..<H {
        hn[j] = hg[2 * H + j] + biasHH[2 * H + j]
        row[2 * H + j] += biasIH[2 * H + j] + row[j] * hn[j]
      }
      S.tanh(row + 2 * H, count: H)
      for j in 0..<H {
        let z = row[H + j], n = row[2 * H + j]
        h[j] = n + z * (hp[j] - n)
      }
    }
  }

  /// Gate gradients for one timestep (reverse order), written over the
  /// stored activations.
  // gates: [B, 3H] in: r, z, n; out: input-side gradients [dr, dz, dn] (pre-activation)
  // hiddenN: [B, H] in: W_hn·h_prev + b_hn; out: hidden-side n gradient dn·r
  // dHiddenGates: [B, 3H] out: hidden-side gradients [dr, dz, dn·r]
  // dHidden: [B, H] in: total ∂L/∂h_t; out: the direct part of ∂L/∂h_prev, dh·z
  // hiddenPrev: [B, hiddenPrevStride]
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
    let gh = 3 * H
    for b in 0..<B {
      let row = GRUBackwardRow(
        gates: gates + b * gh, hiddenN: hiddenN + b * H, dHiddenGates: dHiddenGates + b * gh,
        dHidden: dHidden + b * H, hiddenPrev: hiddenPrev + b * hiddenPrevStride, H: H)
      var j = 0
      while j + 16 <= H { row.step(SIMD16<S>.self, j); j += 16 }
      while j + 8 <= H { row.step(SIMD8<S>.self, j); j += 8 }
      while j < H { row.step(S.self, j); j += 1 }
    }
  }
}
