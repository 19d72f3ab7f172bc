/// The reference matrix product the engine's kernels are tested against, bit
/// for bit: three plain loops, one scalar fused multiply-add at a time, in
/// exactly the order the kernels fix. `k` runs in blocks of `depthBlock`;
/// each block's products are summed from 0 in k order, and the block's sum is
/// added to `c` (stored, for the first block of a product that does not
/// accumulate).
public enum NaiveMatmul {
  /// The kernels' depth block (`PackedGemm.depthBlock`); the per-step
  /// `c += aᵀ·b` product sums its whole k in one block (`Int.max`).
  public static let depthBlock = 128

  /// `c = op(a) · op(b)`, or `c += …` when `accumulate`; row-major.
  // a: [m, k] (or [k, m] if transA), b: [k, n] (or [n, k] if transB), c: [m, n]
  public static func sgemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int, accumulate: Bool, c: UnsafeMutablePointer<Float>, ldc: Int,
    depthBlock: Int = NaiveMatmul.depthBlock
  ) {
    for i in 0..<m {
      for j in 0..<n {
        var value = accumulate ? c[i * ldc + j] : 0
        var p0 = 0
        repeat {
          var sum: Float = 0
          for p in p0..<min(k, p0 + min(depthBlock, k - p0)) {
            sum.addProduct(transA ? a[p * lda + i] : a[i * lda + p], transB ? b[j * ldb + p] : b[p * ldb + j])
          }
          value = p0 == 0 && !accumulate ? sum : value + sum
          p0 += depthBlock
        } while p0 < k
        c[i * ldc + j] = value
      }
    }
  }
}
