/// The reference matrix product: the oracle the BLAS-backed product and the
/// engine's kernels are tested against. Slow on purpose: three loops,
/// accumulation in Double, no blocking.
public enum NaiveMatmul {
  /// `c = alpha * op(a) * op(b) + beta * c`, row-major, same contract as `BLAS.sgemm`
  /// (with `beta == 0`, `c` is not read, so NaNs in it do not propagate).
  // a: [m, k] (or [k, m] if transA), b: [k, n] (or [n, k] if transB), c: [m, n]
  public static func sgemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
    alpha: Float, a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    for i in 0..<m {
      for j in 0..<n {
        var sum = 0.0
        for p in 0..<k {
          let aValue = transA ? a[p * lda + i] : a[i * lda + p]
          let bValue = transB ? b[j * ldb + p] : b[p * ldb + j]
          sum += Double(aValue) * Double(bValue)
        }
        let scaled = Double(alpha) * sum
        c[i * ldc + j] = Float(beta == 0 ? scaled : scaled + Double(beta) * Double(c[i * ldc + j]))
      }
    }
  }
}
