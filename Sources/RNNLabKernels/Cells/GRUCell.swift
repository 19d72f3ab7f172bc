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
      for j in 0..<(2 * H) { row[j] += biasIH[j] + hg[j] + biasHH[j] }
      LaneMath.map(row, into: row, count: 2 * H, SigmoidKernel.self)
      for j in 0..<H {
        hn[j] = hg[2 * H + j] + biasHH[2 * H + j]
        row[2 * H + j] += biasIH[2 * H + j] + row[j] * hn[j]
      }
      LaneMath.map(row + 2 * H, into: row + 2 * H, count: H, TanhKernel.self)
      for j in 0..<H {
        let z = row[H + j], n = row[2 * H + j]
        h[j] = n + z * (hp[j] - n)
      }
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
