/// The core's fused multiply-add peak: loops that issue nothing but
/// independent FMAs on registers, the ceiling for any product kernel.
extension Kernels {
  /// Runs `iterations` rounds of 12 independent `SIMD16<Float>` FMA chains
  /// (12 zmm registers with AVX-512, enough to hide the FMA latency on two
  /// ports); returns a value depending on every chain so none is removed.
  /// Floating-point operations: `iterations · 12 · 16 · 2`.
  @inline(never)
  public static func fmaPeak16(iterations: Int, seed: Float) -> Float {
    typealias V = SIMD16<Float>
    let x = V(repeating: 0.999_999), y = V(repeating: seed * 1e-7)
    var a0 = V(repeating: seed), a1 = a0 + 1, a2 = a0 + 2, a3 = a0 + 3, a4 = a0 + 4, a5 = a0 + 5
    var a6 = a0 + 6, a7 = a0 + 7, a8 = a0 + 8, a9 = a0 + 9, a10 = a0 + 10, a11 = a0 + 11
    for _ in 0..<iterations {
      a0 = y.addingProduct(a0, x); a1 = y.addingProduct(a1, x); a2 = y.addingProduct(a2, x)
      a3 = y.addingProduct(a3, x); a4 = y.addingProduct(a4, x); a5 = y.addingProduct(a5, x)
      a6 = y.addingProduct(a6, x); a7 = y.addingProduct(a7, x); a8 = y.addingProduct(a8, x)
      a9 = y.addingProduct(a9, x); a10 = y.addingProduct(a10, x); a11 = y.addingProduct(a11, x)
    }
    // Summed left to right one statement at a time (one long expression
    // overwhelms the type checker next to `CellLanes`' operators).
    var total = a0 + a1
    total = total + a2; total = total + a3; total = total + a4; total = total + a5; total = total + a6
    total = total + a7; total = total + a8; total = total + a9; total = total + a10; total = total + a11
    return total.sum()
  }

  /// As `fmaPeak16` with `SIMD8<Float>` chains (12 ymm registers with AVX2,
  /// which has 16): flops `iterations · 12 · 8 · 2`.
  @inline(never)
  public static func fmaPeak8(iterations: Int, seed: Float) -> Float {
    typealias V = SIMD8<Float>
    let x = V(repeating: 0.999_999), y = V(repeating: seed * 1e-7)
    var a0 = V(repeating: seed), a1 = a0 + 1, a2 = a0 + 2, a3 = a0 + 3, a4 = a0 + 4, a5 = a0 + 5
    var a6 = a0 + 6, a7 = a0 + 7, a8 = a0 + 8, a9 = a0 + 9, a10 = a0 + 10, a11 = a0 + 11
    for _ in 0..<iterations {
      a0 = y.addingProduct(a0, x); a1 = y.addingProduct(a1, x); a2 = y.addingProduct(a2, x)
      a3 = y.addingProduct(a3, x); a4 = y.addingProduct(a4, x); a5 = y.addingProduct(a5, x)
      a6 = y.addingProduct(a6, x); a7 = y.addingProduct(a7, x); a8 = y.addingProduct(a8, x)
      a9 = y.addingProduct(a9, x); a10 = y.addingProduct(a10, x); a11 = y.addingProduct(a11, x)
    }
    // Summed left to right one statement at a time (one long expression
    // overwhelms the type checker next to `CellLanes`' operators).
    var total = a0 + a1
    total = total + a2; total = total + a3; total = total + a4; total = total + a5; total = total + a6
    total = total + a7; total = total + a8; total = total + a9; total = total + a10; total = total + a11
    return total.sum()
  }
}
