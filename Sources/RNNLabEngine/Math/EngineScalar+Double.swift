/// Double runs the gradient checks and the gradient-flow probe: plain loops in the order the Float
/// kernels use (each element's products summed in k order by fused
/// multiply-adds), where speed does not matter; exp and tanh from
/// `PortableMath`, so the probe's bits do not depend on the C library's
/// CPU-specific variants.
extension Double: EngineScalar {
  static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int,
    b: UnsafePointer<Double>, ldb: Int, accumulate: Bool, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    for i in 0..<m {
      for j in 0..<n {
        var sum = 0.0
        for p in 0..<k {
          sum.addProduct(transA ? a[p * lda + i] : a[i * lda + p], transB ? b[j * ldb + p] : b[p * ldb + j])
        }
        c[i * ldc + j] = accumulate ? c[i * ldc + j] + sum : sum
      }
    }
  }
  // "Packing" is a row-major copy of op(b).
  static func packedCount(k: Int, n: Int) -> Int { k * n }
  static func packRight(
    _ b: UnsafePointer<Double>, ldb: Int, transposed: Bool, k: Int, n: Int,
    into packed: UnsafeMutablePointer<Double>
  ) {
    for p in 0..<k {
      for j in 0..<n { packed[p * n + j] = transposed ? b[j * ldb + p] : b[p * ldb + j] }
    }
  }
  static func multiplyPacked(
    m: Int, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int, packed: UnsafePointer<Double>,
    accumulate: Bool, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    gemm(m: m, n: n, k: k, a: a, lda: lda, b: packed, ldb: n, accumulate: accumulate, c: c, ldc: ldc)
  }
  static func multiplyAddTransposedA(
    m: Int, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
    c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    gemm(transA: true, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, accumulate: true, c: c, ldc: ldc)
  }
  static func project(
    _ g: UnsafeMutablePointer<Double>, input x: UnsafePointer<Double>, weightsT: UnsafePointer<Double>,
    bias: UnsafePointer<Double>?, rows: Int, inputs: Int, cols: Int
  ) {
    for r in 0..<rows {
      for j in 0..<cols {
        var sum = bias?[j] ?? 0
        for i in 0..<inputs { sum.addProduct(x[r * inputs + i], weightsT[i * cols + j]) }
        g[r * cols + j] = sum
      }
    }
  }
  static func sigmoid(_ p: UnsafeMutablePointer<Double>, count: Int) {
    for i in 0..<count { p[i] = 1 / (1 + PortableMath.exp(-p[i])) }
  }
  static func tanh(_ p: UnsafeMutablePointer<Double>, count: Int) {
    for i in 0..<count { p[i] = PortableMath.tanh(p[i]) }
  }
  static func exp(_ x: Double) -> Double { PortableMath.exp(x) }
  static func log(_ x: Double) -> Double { libmLog(x) }
}
