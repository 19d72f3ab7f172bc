/// The GRU's per-step elementwise kernels for Float, the same operations in
/// the same order as the engine's generic `GRUKernels` (see there for the
/// buffer layouts).
enum GRUCell {
  static func forwardStep(
    hidden: UnsafeMutablePointer<Float>, hiddenStride: Int,
    hiddenN: UnsafeMutablePointer<Float>, gates: UnsafeMutablePointer<Float>,
    hiddenGates: UnsafePointer<Float>, hiddenPrev: UnsafePointer<Float>, hiddenPrevStride: Int,
    biasIH: UnsafePointer<Float>, biasHH: UnsafePointer<Float>, B: Int, H: Int
  ) {
    let gh = 3 * H
    for b in 0..<B {
      let row = gates + b * gh
      let hg = hiddenGates + b * gh
      let hn = hiddenN + b * H
      let hp = hiddenPrev + b * hiddenPrevStride
      let h = hidden + b * hiddenStride
      let forward = ForwardRow(
        row: row, hiddenGates: hg, hiddenN: hn, hiddenPrev: hp, hidden: h, biasIH: biasIH, biasHH: biasHH, H: H)
      var j = 0
      while j + 16 <= 2 * H { forward.preActivations(SIMD16<Float>.self, j); j += 16 }
      while j < 2 * H { forward.preActivations(Float.self, j); j += 1 }
      LaneMath.map(row, into: row, count: 2 * H, SigmoidKernel.self)
      j = 0
      while j + 16 <= H { forward.candidate(SIMD16<Float>.self, j); j += 16 }
      while j < H { forward.candidate(Float.self, j); j += 1 }
      LaneMath.map(row + 2 * H, into: row + 2 * H, count: H, TanhKernel.self)
      j = 0
      while j + 16 <= H { forward.output(SIMD16<Float>.self, j); j += 16 }
      while j < H { forward.output(Float.self, j); j += 1 }
    }
  }

  static func backwardStep(
    gates: UnsafeMutablePointer<Float>, hiddenN: UnsafeMutablePointer<Float>,
    dHiddenGates: UnsafeMutablePointer<Float>,
    dHidden: UnsafeMutablePointer<Float>, hiddenPrev: UnsafePointer<Float>, hiddenPrevStride: Int,
    B: Int, H: Int
  ) {
    let gh = 3 * H
    for b in 0..<B {
      let row = Row(
        gates: gates + b * gh, hiddenN: hiddenN + b * H, dHiddenGates: dHiddenGates + b * gh,
        dHidden: dHidden + b * H, hiddenPrev: hiddenPrev + b * hiddenPrevStride, H: H)
      var j = 0
      while j + 16 <= H { row.step(SIMD16<Float>.self, j); j += 16 }
      while j + 8 <= H { row.step(SIMD8<Float>.self, j); j += 8 }
      while j < H { row.step(Float.self, j); j += 1 }
    }
  }

  /// One batch row of the forward step's elementwise parts, for lanes
  /// `j ..< j + V.width` (the same operations and order as scalar loops).
  struct ForwardRow {
    let row: UnsafeMutablePointer<Float>
    let hiddenGates: UnsafePointer<Float>
    let hiddenN: UnsafeMutablePointer<Float>
    let hiddenPrev: UnsafePointer<Float>
    let hidden: UnsafeMutablePointer<Float>
    let biasIH: UnsafePointer<Float>
    let biasHH: UnsafePointer<Float>
    let H: Int

    /// r, z pre-activations: `row += (b_ih + hg) + b_hh`.
    @inline(__always)
    func preActivations<V: CellLanes>(_: V.Type, _ j: Int) {
      let sum = V.load(biasIH + j) + V.load(hiddenGates + j) + V.load(biasHH + j)
      (V.load(row + j) + sum).store(row + j)
    }

    /// `hn = hg_n + b_hn`; n pre-activation `row_n += b_in + r · hn`.
    @inline(__always)
    func candidate<V: CellLanes>(_: V.Type, _ j: Int) {
      let hn = V.load(hiddenGates + 2 * H + j) + V.load(biasHH + 2 * H + j)
      hn.store(hiddenN + j)
      let n = row + 2 * H + j
      (V.load(n) + (V.load(biasIH + 2 * H + j) + V.load(row + j) * hn)).store(n)
    }

    /// `h = n + z · (h_prev − n)`.
    @inline(__always)
    func output<V: CellLanes>(_: V.Type, _ j: Int) {
      let z = V.load(row + H + j), n = V.load(row + 2 * H + j)
      (n + z * (V.load(hiddenPrev + j) - n)).store(hidden + j)
    }
  }

  /// One batch row of the backward step, for lanes `j ..< j + V.width`.
  struct Row {
    let gates: UnsafeMutablePointer<Float>
    let hiddenN: UnsafeMutablePointer<Float>
    let dHiddenGates: UnsafeMutablePointer<Float>
    let dHidden: UnsafeMutablePointer<Float>
    let hiddenPrev: UnsafePointer<Float>
    let H: Int

    @inline(__always)
    func step<V: CellLanes>(_: V.Type, _ j: Int) {
      let one = V.splat(1)
      let r = V.load(gates + j), z = V.load(gates + H + j), n = V.load(gates + 2 * H + j)
      let dh = V.load(dHidden + j)
      let dz = dh * (V.load(hiddenPrev + j) - n) * z * (one - z)
      let dn = dh * (one - z) * (one - n * n)
      let dr = dn * V.load(hiddenN + j) * r * (one - r)
      let dnr = dn * r
      dr.store(gates + j)
      dz.store(gates + H + j)
      dn.store(gates + 2 * H + j)
      dr.store(dHiddenGates + j)
      dz.store(dHiddenGates + H + j)
      dnr.store(dHiddenGates + 2 * H + j)
      dnr.store(hiddenN + j)
      (dh * z).store(dHidden + j)
    }
  }
}
