#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// The floating-point types the engine's numerical code is written for:
/// `Float` trains, `Double` runs the same code for the gradient checks.
///
/// The recurrent network, its kernels and the losses are generic over this
/// protocol and internal to the module, so whole-module optimisation
/// specialises them for both types; the public API is Float only.
protocol EngineScalar: BinaryFloatingPoint, Codable, Sendable, SIMDScalar, Lanes
where LaneScalar == Self {
  /// `c = alpha * op(a) * op(b) + beta * c`, row-major, as `BLAS.sgemm`.
  // a: [m, k] (or [k, m] if transA), b: [k, n] (or [n, k] if transB), c: [m, n]
  static func gemmKernel(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
    alpha: Self, a: UnsafePointer<Self>, lda: Int,
    b: UnsafePointer<Self>, ldb: Int,
    beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
  /// Elements the packed form of a `[k, n]` right-hand matrix takes.
  static func packedCount(k: Int, n: Int) -> Int
  /// Packs `op(b)`, `[k, n]`, for `multiplyPacked` (once per sequence for
  /// the recurrent weights, instead of once per timestep inside BLAS).
  // packed: packedCount(k, n) out; b: [k, n], or [n, k] when transposed
  static func packRight(
    _ b: UnsafePointer<Self>, ldb: Int, transposed: Bool, k: Int, n: Int,
    into packed: UnsafeMutablePointer<Self>)
  /// `c = a · b` or, when `accumulate`, `c += a · b`, with b from `packRight`.
  // c: [m, n]; a: [m, k]
  static func multiplyPacked(
    m: Int, n: Int, k: Int, a: UnsafePointer<Self>, lda: Int, packed: UnsafePointer<Self>,
    accumulate: Bool, c: UnsafeMutablePointer<Self>, ldc: Int)
  /// `c += aᵀ · b` (the per-step weight-gradient product).
  // c: [m, n]; a: [k, m]; b: [k, n]
  static func multiplyAddTransposedA(
    m: Int, n: Int, k: Int, a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
    c: UnsafeMutablePointer<Self>, ldc: Int)
  /// In place `p[i] = 1 / (1 + exp(-p[i]))`.
  static func sigmoid(_ p: UnsafeMutablePointer<Self>, count: Int)
  /// In place `p[i] = tanh(p[i])`.
  static func tanh(_ p: UnsafeMutablePointer<Self>, count: Int)
  static func exp(_ x: Self) -> Self
  static func log(_ x: Self) -> Self
}

extension EngineScalar {
  /// The BLAS product with the degenerate shapes (an empty sum, no rows)
  /// handled here, because reference BLAS rejects some of them.
  @inline(__always)
  static func gemm(
    transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
    alpha: Self = 1, a: UnsafePointer<Self>, lda: Int,
    b: UnsafePointer<Self>, ldb: Int,
    beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int
  ) {
    if m == 0 || n == 0 { return }
    if k == 0 {
      if beta == 1 { return }
      for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] } }
      return
    }
    gemmKernel(
      transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
      b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
  }
}

extension Float: EngineScalar {
  @inline(__always)
  static func gemmKernel(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
    alpha: Float, a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    BLAS.sgemm(
      transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
      b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
  }
  @inline(__always)
  static func packedCount(k: Int, n: Int) -> Int { PackedGemm.packedCount(k: k, n: n) }
  @inline(__always)
  static func packRight(
    _ b: UnsafePointer<Float>, ldb: Int, transposed: Bool, k: Int, n: Int,
    into packed: UnsafeMutablePointer<Float>
  ) {
    PackedGemm.pack(b, ldb: ldb, transposed: transposed, k: k, n: n, into: packed)
  }
  @inline(__always)
  static func multiplyPacked(
    m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, packed: UnsafePointer<Float>,
    accumulate: Bool, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    if m == 0 || n == 0 { return }
    PackedGemm.multiply(
      m: m, n: n, k: k, a: a, lda: lda, packed: packed, accumulate: accumulate, c: c, ldc: ldc)
  }
  @inline(__always)
  static func multiplyAddTransposedA(
    m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    PackedGemm.multiplyAddTransposedA(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc)
  }
  @inline(__always)
  static func sigmoid(_ p: UnsafeMutablePointer<Float>, count: Int) {
    VectorMath.sigmoid(p, count: count)
  }
  @inline(__always)
  static func tanh(_ p: UnsafeMutablePointer<Float>, count: Int) {
    VectorMath.tanh(p, count: count)
  }
  @inline(__always) static func exp(_ x: Float) -> Float { VectorMath.exp(x) }
  @inline(__always) static func log(_ x: Float) -> Float { libmLog(x) }
}

extension Double: EngineScalar {
  static func gemmKernel(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
    alpha: Double, a: UnsafePointer<Double>, lda: Int,
    b: UnsafePointer<Double>, ldb: Int,
    beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    cblas_dgemm(
      CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
      Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }
  // Double (the gradient checks) keeps BLAS: "packing" is a row-major copy.
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
    gemm(m: m, n: n, k: k, a: a, lda: lda, b: packed, ldb: n, beta: accumulate ? 1 : 0, c: c, ldc: ldc)
  }
  static func multiplyAddTransposedA(
    m: Int, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
    c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    gemm(transA: true, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, beta: 1, c: c, ldc: ldc)
  }
  static func sigmoid(_ p: UnsafeMutablePointer<Double>, count: Int) {
    for i in 0..<count { p[i] = 1 / (1 + libmExp(-p[i])) }
  }
  static func tanh(_ p: UnsafeMutablePointer<Double>, count: Int) {
    for i in 0..<count { p[i] = libmTanh(p[i]) }
  }
  static func exp(_ x: Double) -> Double { libmExp(x) }
  static func log(_ x: Double) -> Double { libmLog(x) }
}

// The C library's functions under names the static members above do not shadow.
@inline(__always) private func libmExp(_ x: Double) -> Double { exp(x) }
@inline(__always) private func libmTanh(_ x: Double) -> Double { tanh(x) }
@inline(__always) private func libmLog(_ x: Double) -> Double { log(x) }
@inline(__always) private func libmLog(_ x: Float) -> Float { logf(x) }
