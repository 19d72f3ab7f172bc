/// Per-timestep elementwise kernels of the GRU (PyTorch's form, gate blocks
/// `r,z,n`, `n = tanh(x_n + b_in + r * (W_hn h + b_hn))`,
/// `h = (1-z)*n + z*h_prev`), written once for Float and Double.
///
/// Index arithmetic wraps (`&+`, `&*`): offsets inside buffers the caller
/// sized, so they need no overflow check in release builds.
enum GRUCell {
  /// Applies the gates for one timestep and stores what backward needs.
  // hidden: [B, hiddenStride] out (first H columns get h_t)
  // hiddenN: [B, H] out: W_hn·h_prev + b_hn, kept for backward
  // gates: [B, 3H] in: x·W_ihᵀ (no bias); out: r, z, n
  // hiddenGates: [B, 3H] h_prev·W_hhᵀ (no bias; zeros at the first step)
  // hiddenPrev: [B, hiddenPrevStride]; biasIH, biasHH: [3H]
  static func forwardStep<S: CellScalar>(
    hidden: UnsafeMutablePointer<S>, hiddenStride: Int,
    hiddenN: UnsafeMutablePointer<S>, gates: UnsafeMutablePointer<S>,
    hiddenGates: UnsafePointer<S>, hiddenPrev: UnsafePointer<S>, hiddenPrevStride: Int,
    biasIH: UnsafePointer<S>, biasHH: UnsafePointer<S>, B: Int, H: Int
  ) {
    let gh = 3 &* H, twoH = 2 &* H
    for b in 0..<B {
      let row = gates + b &* gh
      let forward = ForwardRow(
        row: row, hiddenGates: hiddenGates + b &* gh, hiddenN: hiddenN + b &* H,
        hiddenPrev: hiddenPrev + b &* hiddenPrevStride, hidden: hidden + b &* hiddenStride,
        biasIH: biasIH, biasHH: biasHH, H: H)
      var j = 0
      while j &+ 16 <= twoH { forward.preActivations(SIMD16<S>.self, j); j &+= 16 }
      while j < twoH { forward.preActivations(S.self, j); j &+= 1 }
      S.sigmoid(row, count: twoH)
      j = 0
      while j &+ 16 <= H { forward.candidate(SIMD16<S>.self, j); j &+= 16 }
      while j < H { forward.candidate(S.self, j); j &+= 1 }
      S.tanh(row + twoH, count: H)
      j = 0
      while j &+ 16 <= H { forward.output(SIMD16<S>.self, j); j &+= 16 }
      while j < H { forward.output(S.self, j); j &+= 1 }
    }
  }

  /// Gate gradients for one timestep (reverse order), written over the
  /// stored activations.
  // gates: [B, 3H] in: r, z, n; out: input-side gradients [dr, dz, dn] (pre-activation)
  // hiddenN: [B, H] in: W_hn·h_prev + b_hn; out: hidden-side n gradient dn·r
  // dHiddenGates: [B, 3H] out: hidden-side gradients [dr, dz, dn·r]
  // dHidden: [B, H] in: total ∂L/∂h_t; out: the direct part of ∂L/∂h_prev, dh·z
  // hiddenPrev: [B, hiddenPrevStride]
  static func backwardStep<S: CellScalar>(
    gates: UnsafeMutablePointer<S>, hiddenN: UnsafeMutablePointer<S>,
    dHiddenGates: UnsafeMutablePointer<S>,
    dHidden: UnsafeMutablePointer<S>, hiddenPrev: UnsafePointer<S>, hiddenPrevStride: Int,
    B: Int, H: Int
  ) {
    let gh = 3 &* H
    for b in 0..<B {
      let row = BackwardRow(
        gates: gates + b &* gh, hiddenN: hiddenN + b &* H, dHiddenGates: dHiddenGates + b &* gh,
        dHidden: dHidden + b &* H, hiddenPrev: hiddenPrev + b &* hiddenPrevStride, H: H)
      var j = 0
      while j &+ 16 <= H { row.step(SIMD16<S>.self, j); j &+= 16 }
      while j &+ 8 <= H { row.step(SIMD8<S>.self, j); j &+= 8 }
      while j < H { row.step(S.self, j); j &+= 1 }
    }
  }

  /// One batch row of the forward step's elementwise parts, for lanes
  /// `j ..< j + V.width` (the same operations and order as scalar loops).
  struct ForwardRow<S: CellScalar> {
    let row: UnsafeMutablePointer<S>
    let hiddenGates: UnsafePointer<S>
    let hiddenN: UnsafeMutablePointer<S>
    let hiddenPrev: UnsafePointer<S>
    let hidden: UnsafeMutablePointer<S>
    let biasIH: UnsafePointer<S>
    let biasHH: UnsafePointer<S>
    let H: Int

    /// r, z pre-activations: `row += (b_ih + hg) + b_hh`.
    @inline(__always)
    func preActivations<V: CellLanes>(_: V.Type, _ j: Int) where V.Scalar == S {
      let sum = V.load(biasIH + j) + V.load(hiddenGates + j) + V.load(biasHH + j)
      (V.load(row + j) + sum).store(row + j)
    }

    /// `hn = hg_n + b_hn`; n pre-activation `row_n += b_in + r · hn`.
    @inline(__always)
    func candidate<V: CellLanes>(_: V.Type, _ j: Int) where V.Scalar == S {
      let nj = 2 &* H &+ j
      let hn = V.load(hiddenGates + nj) + V.load(biasHH + nj)
      hn.store(hiddenN + j)
      (V.load(row + nj) + (V.load(biasIH + nj) + V.load(row + j) * hn)).store(row + nj)
    }

    /// `h = n + z · (h_prev − n)`.
    @inline(__always)
    func output<V: CellLanes>(_: V.Type, _ j: Int) where V.Scalar == S {
      let z = V.load(row + (H &+ j)), n = V.load(row + (2 &* H &+ j))
      (n + z * (V.load(hiddenPrev + j) - n)).store(hidden + j)
    }
  }

  /// One batch row of the backward step, for lanes `j ..< j + V.width`.
  struct BackwardRow<S: CellScalar> {
    let gates: UnsafeMutablePointer<S>
    let hiddenN: UnsafeMutablePointer<S>
    let dHiddenGates: UnsafeMutablePointer<S>
    let dHidden: UnsafeMutablePointer<S>
    let hiddenPrev: UnsafePointer<S>
    let H: Int

    @inline(__always)
    func step<V: CellLanes>(_: V.Type, _ j: Int) where V.Scalar == S {
      let one = V.splat(1)
      let zj = H &+ j, nj = 2 &* H &+ j
      let r = V.load(gates + j), z = V.load(gates + zj), n = V.load(gates + nj)
      let dh = V.load(dHidden + j)
      let dz = dh * (V.load(hiddenPrev + j) - n) * z * (one - z)
      let dn = dh * (one - z) * (one - n * n)
      let dr = dn * V.load(hiddenN + j) * r * (one - r)
      let dnr = dn * r
      dr.store(gates + j)
      dz.store(gates + zj)
      dn.store(gates + nj)
      dr.store(dHiddenGates + j)
      dz.store(dHiddenGates + zj)
      dnr.store(dHiddenGates + nj)
      dnr.store(hiddenN + j)
      (dh * z).store(dHidden + j)
    }
  }
}
