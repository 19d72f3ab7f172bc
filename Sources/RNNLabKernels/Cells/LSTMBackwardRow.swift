/// One batch row of the LSTM-family backward step; each method handles the
/// lanes `j ..< j + V.width` and is run on SIMD16 and SIMD8 chunks and a scalar tail.
///
/// `inSlope`/`outSlope` are 1, or 0 for a disabled activation, so that
/// `1 - slope * v²` is tanh' from the stored value or the identity's 1.
struct LSTMBackwardRow<S: CellScalar> {
  let gates: UnsafeMutablePointer<S>
  let dCell: UnsafeMutablePointer<S>
  let dPeephole: UnsafeMutablePointer<S>?
  let dHidden: UnsafePointer<S>
  let cell: UnsafePointer<S>
  let tanhCell: UnsafePointer<S>
  let cellPrev: UnsafePointer<S>
  let peephole: UnsafePointer<S>?
  let H: Int
  let inSlope: S
  let outSlope: S

  /// ‖∂L/∂c_t‖₂ of this row (before it is carried back through f).
  func cellGradientNorm(outputBlock: Int) -> Double {
    var squares = 0.0
    let oo = outputBlock &* H, wco = 2 &* H
    for j in 0..<H {
      let o = gates[oo &+ j], tc = tanhCell[j], dh = dHidden[j]
      var dc = dCell[j] + dh * o * (1 - outSlope * tc * tc)
      if let p = peephole { dc += dh * tc * o * (1 - o) * p[wco &+ j] }
      squares += Double(dc * dc)
    }
    return squares.squareRoot()
  }

  /// Gates i,f,g,o.
  @inline(__always)
  func standard<V: CellLanes>(_: V.Type, _ j: Int) where V.Scalar == S {
    let one = V.splat(1)
    let fj = H &+ j, gj = 2 &* H &+ j, oj = 3 &* H &+ j
    let i = V.load(gates + j), f = V.load(gates + fj)
    let g = V.load(gates + gj), o = V.load(gates + oj)
    let tc = V.load(tanhCell + j), dh = V.load(dHidden + j)
    let dc = V.load(dCell + j) + dh * o * (one - V.splat(outSlope) * tc * tc)
    (dc * g * i * (one - i)).store(gates + j)
    (dc * V.load(cellPrev + j) * f * (one - f)).store(gates + fj)
    (dc * i * (one - V.splat(inSlope) * g * g)).store(gates + gj)
    (dh * tc * o * (one - o)).store(gates + oj)
    (dc * f).store(dCell + j)
  }

  /// Gates i,f,g,o with peepholes w_ci, w_cf (on c_{t-1}) and w_co (on c_t).
  @inline(__always)
  func withPeephole<V: CellLanes>(_: V.Type, _ j: Int) where V.Scalar == S {
    let p = peephole!, dp = dPeephole!
    let one = V.splat(1)
    let fj = H &+ j, gj = 2 &* H &+ j, oj = 3 &* H &+ j
    let i = V.load(gates + j), f = V.load(gates + fj)
    let g = V.load(gates + gj), o = V.load(gates + oj)
    let tc = V.load(tanhCell + j), dh = V.load(dHidden + j), cp = V.load(cellPrev + j)
    // The peephole weights sit in blocks w_ci, w_cf, w_co: offsets j, fj, gj.
    let wci = V.load(p + j), wcf = V.load(p + fj), wco = V.load(p + gj)
    let doPre = dh * tc * o * (one - o)
    let dc = V.load(dCell + j) + dh * o * (one - V.splat(outSlope) * tc * tc) + doPre * wco
    let diPre = dc * g * i * (one - i)
    let dfPre = dc * cp * f * (one - f)
    diPre.store(gates + j)
    dfPre.store(gates + fj)
    (dc * i * (one - V.splat(inSlope) * g * g)).store(gates + gj)
    doPre.store(gates + oj)
    (dc * f + diPre * wci + dfPre * wcf).store(dCell + j)
    (V.load(dp + j) + diPre * cp).store(dp + j)
    (V.load(dp + fj) + dfPre * cp).store(dp + fj)
    (V.load(dp + gj) + doPre * V.load(cell + j)).store(dp + gj)
  }

  /// Gates f,g,o with i = 1 - f (CIFG).
  @inline(__always)
  func coupled<V: CellLanes>(_: V.Type, _ j: Int) where V.Scalar == S {
    let one = V.splat(1)
    let gj = H &+ j, oj = 2 &* H &+ j
    let f = V.load(gates + j), g = V.load(gates + gj), o = V.load(gates + oj)
    let tc = V.load(tanhCell + j), dh = V.load(dHidden + j)
    let dc = V.load(dCell + j) + dh * o * (one - V.splat(outSlope) * tc * tc)
    (dc * (V.load(cellPrev + j) - g) * f * (one - f)).store(gates + j)
    (dc * (one - f) * (one - V.splat(inSlope) * g * g)).store(gates + gj)
    (dh * tc * o * (one - o)).store(gates + oj)
    (dc * f).store(dCell + j)
  }
}
