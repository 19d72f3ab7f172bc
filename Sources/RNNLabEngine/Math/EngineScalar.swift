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
/// specialises them for both types; the public API is Float only. Every
/// product sums in one order fixed by the engine, with fused multiply-adds
/// (`Float`: the `RNNLabKernels` modules, `EngineScalar+Double.swift`).
/// The in-place `sigmoid` and `tanh` over a buffer are `CellScalar`'s.
protocol EngineScalar: Codable, Sendable, CellScalar {
  /// `c = op(a) · op(b)`, or `c += op(a) · op(b)` when `accumulate`, row-major.
  // a: [m, k] (or [k, m] if transA), b: [k, n] (or [n, k] if transB), c: [m, n]
  static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Self>, lda: Int,
    b: UnsafePointer<Self>, ldb: Int, accumulate: Bool, c: UnsafeMutablePointer<Self>, ldc: Int)
  /// Elements the packed form of a `[k, n]` right-hand matrix takes.
  static func packedCount(k: Int, n: Int) -> Int
  /// Packs `op(b)`, `[k, n]`, for `multiplyPacked` (once per sequence for
  /// the recurrent weights, instead of once per timestep).
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
  /// One step's input projection, `g[r, j] = bias[j] + Σ_i x[r, i] · wT[i, j]`.
  // g: [rows, cols] out; x: [rows, inputs]; weightsT: [inputs, cols]; bias: [cols] or nil (0)
  static func project(
    _ g: UnsafeMutablePointer<Self>, input x: UnsafePointer<Self>, weightsT: UnsafePointer<Self>,
    bias: UnsafePointer<Self>?, rows: Int, inputs: Int, cols: Int)
  static func exp(_ x: Self) -> Self
  static func log(_ x: Self) -> Self
}

extension EngineScalar {
  /// `gemm` with the operands untransposed unless asked.
  @inline(__always)
  static func gemm(
    transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, a: UnsafePointer<Self>,
    lda: Int, b: UnsafePointer<Self>, ldb: Int, accumulate: Bool, c: UnsafeMutablePointer<Self>,
    ldc: Int
  ) {
    gemm(
      transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
      accumulate: accumulate, c: c, ldc: ldc)
  }
}

/// Float runs the kernels of the instruction set this process chose.
extension Float: EngineScalar {
  @inline(__always)
  static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int, accumulate: Bool, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    InstructionSet.activeKernels.gemm(
      transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
      accumulate: accumulate, c: c, ldc: ldc)
  }
  @inline(__always)
  static func packedCount(k: Int, n: Int) -> Int { InstructionSet.activeKernels.packedCount(k: k, n: n) }
  @inline(__always)
  static func packRight(
    _ b: UnsafePointer<Float>, ldb: Int, transposed: Bool, k: Int, n: Int,
    into packed: UnsafeMutablePointer<Float>
  ) {
    InstructionSet.activeKernels.pack(b, ldb: ldb, transposed: transposed, k: k, n: n, into: packed)
  }
  @inline(__always)
  static func multiplyPacked(
    m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, packed: UnsafePointer<Float>,
    accumulate: Bool, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    InstructionSet.activeKernels.multiplyPacked(
      m: m, n: n, k: k, a: a, lda: lda, packed: packed, accumulate: accumulate, c: c, ldc: ldc)
  }
  @inline(__always)
  static func multiplyAddTransposedA(
    m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    InstructionSet.activeKernels.multiplyAddTransposedA(
      m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc)
  }
  @inline(__always)
  static func project(
    _ g: UnsafeMutablePointer<Float>, input x: UnsafePointer<Float>, weightsT: UnsafePointer<Float>,
    bias: UnsafePointer<Float>?, rows: Int, inputs: Int, cols: Int
  ) {
    InstructionSet.activeKernels.project(
      g, input: x, weightsT: weightsT, bias: bias, rows: rows, inputs: inputs, cols: cols)
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
  /// The C library's logf (correctly rounded in glibc ≥ 2.28 for nearly all
  /// inputs); used only for the cross-entropy loss value.
  @inline(__always) static func log(_ x: Float) -> Float { libmLog(x) }
}

// The C library's functions under names the static members do not shadow.
@inline(__always) func libmLog(_ x: Double) -> Double { log(x) }
@inline(__always) func libmLog(_ x: Float) -> Float { logf(x) }
