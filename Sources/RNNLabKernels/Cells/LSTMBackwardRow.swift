/// One batch row of the LSTM-family backward step; each method handles the
/// lanes `j ..< j + V.width` and is run on SIMD16 and SIMD8 chunks and a scalar tail.
///
/// `inSlope`/`outSlope` are 1, or 0 for a disabled activation, so that
/// `1 - slope * v²` is tanh' from the stored value or the identity's 1.
struct LSTMBackwardRow {
  let gates: UnsafeMutablePointer<Float>
  let dCell: UnsafeMutablePointer<Float>
  let dPeephole: UnsafeMutablePointer<Float>?
  let dHidden: UnsafePointer<Float>
  let cell: UnsafePointer<Float>
  let tanhCell: UnsafePointer<Float>
  let cellPrev: UnsafePointer<Float>
  let peephole: UnsafePointer<Float>?
  let H: Int
  let inSlope: Float
  let outSlope: Float

  /// ‖∂L/∂c_t‖₂ of this row (before it is carried back through f).
  func cellGradientNorm(outputBlock: Int) -> Double {
    var squares = 0.0
    for j in 0..<H {
      let o = gates[outputBlock * H + j], tc = tanhCell[j], dh = dHidden[j]
      var dc = dCell[j] + dh * o * (1 - outSlope * tc * tc)
      if let p = peephole { dc += dh * tc * o * (1 - o) * p[2 * H + j] }
      squares += Double(dc * dc)
    }
    return squares.squareRoot()
  }

  /// Gates i,f,g,o.
  @inline(__always)
  func standard<V: CellLanes>(_: V.Type, _ j: Int) {
    let one = V.splat(1)
    let i = V.load(gates + j), f = V.load(gates + H + j)
    let g = V.load(gates + 2 * H + j), o = V.load(gates + 3 * H + j)
    let tc = V.load(tanhCell + j), dh = V.load(dHidden + j)
    let dc = V.load(dCell + j) + dh * o * (one - V.splat(outSlope) * tc * tc)
    (dc * g * i * (one - i)).store(gates + j)
    (dc * V.load(cellPrev + j) * f * (one - f)).store(gates + H + j)
    (dc * i * (one - V.splat(inSlope) * g * g)).store(gates + 2 * H + j)
    (dh * tc * o * (one - o)).store(gates + 3 * H + j)
    (dc * f).store(dCell + j)
  }

  /// Gates i,f,g,o with peepholes w_ci, w_cf (on c_{t-1}) and w_co (on c_t).
  @inline(__always)
  func withPeephole<V: CellLanes>(_: V.Type, _ j: Int) {
    let p = peephole!, dp = dPeephole!
    let one = V.splat(1)
    let i = V.load(gates + j), f = V.load(gates + H + j)
    let g = V.load(gates + 2 * H + j), o = V.load(gates + 3 * H + j)
    let tc = V.load(tanhCell + j), dh = V.load(dHidden + j), cp = V.load(cellPrev + j)
    let wci = V.load(p + j), wcf = V.load(p + H + j), wco = V.load(p + 2 * H + j)
    let doPre = dh * tc * o * (one - o)
    let dc = V.load(dCell + j) + dh * o * (one - V.splat(outSlope) * tc * tc) + doPre * wco
    let diPre = dc * g * i * (one - i)
    let dfPre = dc * cp * f * (one - f)
    diPre.store(gates + j)
    dfPre.store(gates + H + j)
    (dc * i * (one - V.splat(inSlope) * g * g)).store(gates + 2 * H + j)
    doPre.store(gates + 3 * H + j)
    (dc * f + diPre * wci + dfPre * wcf).store(dCell + j)
    (V.load(dp + j) + diPre * cp).store(dp + j)
    (V.load(dp + H + j) + dfPre * cp).store(dp + H + j)
    (V.load(dp + 2 * H + j) + doPre * V.load(cell + j)).store(dp + 2 * H + j)
  }

  /// Gates f,g,o with i = 1 - f (CIFG).
  @inline(__always)
  func coupled<V: CellLanes>(_: V.Type, _ j: Int) {
    let one = V.splat(1)
    let f = V.load(gates + j), g = V.load(gates + H + j), o = V.load(gates + 2 * H + j)
    let tc = V.load(tanhCell + j), dh = V.load(dHidden + j)
    let dc = V.load(dCell + j) + dh * o * (one - V.splat(outSlope) * tc * tc)
    (dc * (V.load(cellPrev + j) - g) * f * (one - f)).store(gates + j)
    (dc * (one - f) * (one - V.splat(inSlope) * g * g)).store(gates + H + j)
    (dh * tc * o * (one - o)).store(gates + 2 * H + j)
    (dc * f).store(dCell + j)
  }
}
