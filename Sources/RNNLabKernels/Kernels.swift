/// The entry points of one compilation of the engine's hot numeric kernels.
///
/// These sources are compiled three times, as `RNNLabKernelsAVX512`
/// (`-target-cpu skylake-avx512`, i.e. x86-64-v4), `RNNLabKernelsAVX2`
/// (`haswell`, x86-64-v3) and
/// `RNNLabKernelsBaseline` (plain x86-64, or the host's default elsewhere),
/// and the engine calls the one `InstructionSet.active` names. The same
/// source, with explicit fused multiply-adds and nothing reassociated, gives
/// the same bits on each; only the speed differs. The entry points are
/// `@inline(never)` so no caller compiled for another CPU inlines them.
public enum Kernels {
  /// Floats the packed form of a `[k, n]` matrix takes.
  @inline(never)
  public static func packedCount(k: Int, n: Int) -> Int { PackedGemm.packedCount(k: k, n: n) }

  /// Packs `op(b)` (`[k, n]`; `transposed`: b holds `[n, k]`) into column panels.
  @inline(never)
  public static func pack(
    _ b: UnsafePointer<Float>, ldb: Int, transposed: Bool, k: Int, n: Int,
    into packed: UnsafeMutablePointer<Float>
  ) {
    precondition(k >= 0 && n >= 0 && ldb >= (transposed ? k : n), "pack: bad shape")
    PackedGemm.pack(b, ldb: ldb, transposed: transposed, k: k, n: n, into: packed)
  }

  /// `c = a · b` (`+=` when `accumulate`), b packed by `pack`; a: `[m, k]`.
  @inline(never)
  public static func multiplyPacked(
    m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, packed: UnsafePointer<Float>,
    accumulate: Bool, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    precondition(m >= 0 && n >= 0 && k >= 0 && lda >= k && ldc >= n, "multiplyPacked: bad shape")
    PackedGemm.multiply(
      m: m, n: n, k: k, a: a, aRowStride: lda, aColumnStride: 1, packed: packed,
      accumulate: accumulate, c: c, ldc: ldc)
  }

  /// `c = op(a) · op(b)` (`+=` when `accumulate`), row-major.
  @inline(never)
  public static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int, accumulate: Bool, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    precondition(
      m >= 0 && n >= 0 && k >= 0 && lda >= (transA ? m : k) && ldb >= (transB ? k : n) && ldc >= n,
      "gemm: bad shape")
    PackedGemm.gemm(
      transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
      accumulate: accumulate, c: c, ldc: ldc)
  }

  /// `c += aᵀ · b`, b unpacked; a: `[k, m]`, b: `[k, n]`.
  @inline(never)
  public static func multiplyAddTransposedA(
    m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    precondition(m >= 0 && n >= 0 && k >= 0 && lda >= m && ldb >= n && ldc >= n, "multiplyAddTransposedA: bad shape")
    PackedGemm.multiplyAddTransposedA(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc)
  }

  /// `g[r, j] = bias[j] + Σ_i x[r, i] · wT[i, j]` (bias nil: 0).
  @inline(never)
  public static func project(
    _ g: UnsafeMutablePointer<Float>, input x: UnsafePointer<Float>, weightsT: UnsafePointer<Float>,
    bias: UnsafePointer<Float>?, rows: Int, inputs: Int, cols: Int
  ) {
    precondition(rows >= 0 && inputs >= 0 && cols >= 0, "project: bad shape")
    PackedGemm.project(g, input: x, weightsT: weightsT, bias: bias, rows: rows, inputs: inputs, cols: cols)
  }

  /// `destination[i] = e^source[i]`; the buffers may be the same or disjoint.
  @inline(never)
  public static func exp(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, count: Int) {
    LaneMath.map(source, into: destination, count: count, ExpKernel.self)
  }

  /// `destination[i] = 1 / (1 + e^-source[i])`.
  @inline(never)
  public static func sigmoid(
    _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, count: Int
  ) {
    LaneMath.map(source, into: destination, count: count, SigmoidKernel.self)
  }

  /// `destination[i] = tanh(source[i])`.
  @inline(never)
  public static func tanh(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, count: Int) {
    LaneMath.map(source, into: destination, count: count, TanhKernel.self)
  }
}
