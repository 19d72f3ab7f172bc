/// One batch row of the GRU backward step, for lanes `j ..< j + V.width`.
struct GRUBackwardRow<S: EngineScalar> {
  let gates: UnsafeMutablePointer<S>
  let hiddenN: UnsafeMutablePointer<S>
  let dHiddenGates: UnsafeMutablePointer<S>
  let dHidden: UnsafeMutablePointer<S>
  let hiddenPrev: UnsafePointer<S>
  let H: Int

  @inline(__always)
  func step<V: Lanes>(_: V.Type, _ j: Int) where V.LaneScalar == S {
    let one = V(splat: 1)
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
