/// exp and tanh in Double from basic IEEE operations only, so the float64
/// path (the gradient-flow probe, whose norms are results) gives the same
/// bits on every machine: glibc picks different exp variants by CPU (FMA or
/// not), and those differ in the last bit for some inputs. Accurate to a few
/// ulp, far below what a probe or a gradient check can see.
enum PortableMath {
  private static let log2e = 1.4426950408889634
  /// ln 2 split so that k · ln2Hi is exact for |k| < 2^11 (Cody–Waite).
  private static let ln2Hi = 6.93147180369123816490e-01
  private static let ln2Lo = 1.90821492927058770002e-10

  /// e^x: x = k·ln2 + r with |r| ≤ ln2/2, e^r by its Taylor series to r^14
  /// (remainder below 4e-18), then scaled by 2^k.
  static func exp(_ x: Double) -> Double {
    if x.isNaN { return x }
    if x > 709.782712893384 { return .infinity }
    if x < -745.1332191019412 { return 0 }
    let k = (x * log2e).rounded(.toNearestOrEven)
    let r = (x - k * ln2Hi) - k * ln2Lo
    var p = 1.0
    for n in stride(from: 14, through: 1, by: -1) { p = 1 + r / Double(n) * p }
    // p · 2^k in two exact halves, so a subnormal result is rounded once.
    let half = Int(k) / 2
    return Double(sign: .plus, exponent: Int(k) - half, significand: Double(sign: .plus, exponent: half, significand: p))
  }

  /// tanh x = −m / (2 + m) with m = e^{−2|x|} − 1, sign restored; m from its
  /// Taylor series for |x| < 0.5 (no cancellation), else from `exp`.
  static func tanh(_ x: Double) -> Double {
    if x.isNaN { return x }
    let a = abs(x)
    if a > 20 { return x > 0 ? 1 : -1 }  // 1 − tanh(20) < 1e-17
    let y = -2 * a
    var m: Double
    if a < 0.5 {
      // e^y − 1 = y (1 + y/2 (1 + y/3 (…))), |y| < 1: 22 terms reach 1e-21.
      var p = 1.0
      for n in stride(from: 22, through: 2, by: -1) { p = 1 + y / Double(n) * p }
      m = y * p
    } else {
      m = exp(y) - 1
    }
    let t = -m / (2 + m)
    return x < 0 ? -t : t
  }
}
