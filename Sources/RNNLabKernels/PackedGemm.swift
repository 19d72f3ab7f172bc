/// The engine's single-precision matrix products, in one fixed summation
/// order whatever the CPU (every product of training and evaluation runs here).
///
/// The right-hand matrix is packed into column panels of 32, each `[k][32]`
/// contiguous (the last one zero-padded), and an 8-row × 32-column
/// register-blocked kernel streams a panel while its 16 accumulators stay in
/// registers (AVX-512: 16 zmm). The recurrent products pack their weight
/// matrix once per sequence; `gemm` packs per call. The left-hand matrix is
/// copied, one depth block at a time, into 8-row micro panels (`packA`), so
/// the kernel reads it contiguously: read in place at a leading dimension of
/// 2 or 8 KB, its rows fall into a few L1 sets and evict each other.
///
/// The order, which fixes every bit: `k` runs in blocks of `depthBlock`; in
/// each block an element's products are summed in k order by fused
/// multiply-adds starting from 0, and the block's sum is then added to `c`
/// (or stored, for the first block of a non-accumulating product). Vectors run
/// across output columns (each lane is its own element), so the vector width
/// the CPU offers changes nothing, and neither does the cache blocking of rows
/// and columns (`rowBlock`, `columnBlock`): an element meets its depth blocks
/// in the same order.
enum PackedGemm {
  /// Columns per packed panel.
  static let panelWidth = 32
  /// Rows of a panel one pass of the kernels covers: a `[128][32]` slice
  /// (16 KB) stays in L1 while every 8-row block of `a` runs over it
  /// (measured 4–7 % faster than whole panels for k = 512 and 2048).
  static let depthBlock = 128
  /// Rows of `a` one block covers: `[128][128]` of `a` (64 KB) stays in L2
  /// while every panel slice runs over it.
  static let rowBlock = 128
  /// Columns of `c` one block covers (a multiple of `panelWidth`): `gemm`'s
  /// packed `[128][512]` slice of `b` (256 KB) stays in L2 while every row
  /// block runs over it.
  static let columnBlock = 512

  /// `n` rounded up to whole panels: the columns a packed depth block holds.
  static func paddedColumns(_ n: Int) -> Int { (n + panelWidth - 1) / panelWidth * panelWidth }

  /// Floats the packed form of a `[k, n]` matrix takes.
  static func packedCount(k: Int, n: Int) -> Int { paddedColumns(n) * k }

  /// Packs `op(b)`, a `[k, n]` matrix, into column panels, one depth block
  /// after another, so a product streams it in the order it reads it.
  // packed: [⌈k/128⌉][⌈n/32⌉][depth][32] out (depth = 128, or what is left in the last block)
  // b: [k, n] (ldb ≥ n), or when transposed [n, k] (ldb ≥ k) holding op(b)ᵀ
  static func pack(
    _ b: UnsafePointer<Float>, ldb: Int, transposed: Bool, k: Int, n: Int,
    into packed: UnsafeMutablePointer<Float>
  ) {
    let blockStride = paddedColumns(n)
    for p0 in stride(from: 0, to: k, by: depthBlock) {
      packBlock(
        transposed ? b + p0 : b + p0 * ldb, ldb: ldb, transposed: transposed, depth: min(depthBlock, k - p0),
        n: n, into: packed + p0 * blockStride)
    }
  }

  /// Packs one depth block of `op(b)`, `[depth, n]`, into column panels.
  // packed: [⌈n/32⌉][depth][32] out
  private static func packBlock(
    _ b: UnsafePointer<Float>, ldb: Int, transposed: Bool, depth k: Int, n: Int,
    into packed: UnsafeMutablePointer<Float>
  ) {
    let w = panelWidth
    var panel = packed
    for j0 in stride(from: 0, to: n, by: w) {
      let width = min(w, n - j0)
      for p in 0..<k {
        let dst = panel + p &* w
        if transposed {
          for j in 0..<width { dst[j] = b[(j0 &+ j) &* ldb &+ p] }
        } else if width == w {
          let source = UnsafeRawPointer(b + (p &* ldb &+ j0)), target = UnsafeMutableRawPointer(dst)
          target.storeBytes(of: source.loadUnaligned(as: SIMD16<Float>.self), as: SIMD16<Float>.self)
          target.storeBytes(
            of: source.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self), toByteOffset: 64,
            as: SIMD16<Float>.self)
        } else {
          dst.copy(from: b + p * ldb + j0, count: width)
        }
        if width < w { (dst + width).fill(with: 0, count: w - width) }
      }
      panel += k * w
    }
  }

  /// `c = op(a) · b` (or `c += …` when `accumulate`), b packed by `pack`;
  /// `op(a)(r, p) = a[r·aRowStride + p·aColumnStride]`.
  // c: [m, n] (ldc); op(a): [m, k]; packed: pack(b) with the same k, n
  static func multiply(
    m: Int, n: Int, k: Int, a: UnsafePointer<Float>, aRowStride: Int, aColumnStride: Int,
    packed: UnsafePointer<Float>, accumulate: Bool, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    if m == 0 || n == 0 { return }
    if k == 0 { return clear(m: m, n: n, accumulate: accumulate, c: c, ldc: ldc) }
    let blockStride = paddedColumns(n)
    let scratch = PackedA(m: 0, k: k)  // per-step products: a stays in cache as it is (measured 5–8 % faster)
    for j1 in stride(from: 0, to: n, by: columnBlock) {
      let columns = min(columnBlock, n - j1)
      for i1 in stride(from: 0, to: m, by: rowBlock) {
        for p0 in stride(from: 0, to: k, by: depthBlock) {
          let depth = min(depthBlock, k - p0)
          let block = scratch.block(
            a + i1 * aRowStride + p0 * aColumnStride, rowStride: aRowStride, columnStride: aColumnStride,
            rows: min(rowBlock, m - i1), depth: depth)
          block.multiply(
            panels: packed + p0 * blockStride + j1 * depth, panelStride: depth * panelWidth,
            columns: columns, accumulate: accumulate || p0 > 0, c: c + i1 * ldc + j1, ldc: ldc)
        }
      }
    }
  }

  /// `c = op(a) · op(b)` (or `c += …`): packs `op(b)` one depth block of one
  /// column block at a time (a slice that stays in L2) and multiplies every
  /// row block of `a` with it.
  // c: [m, n]; a: [m, k] or [k, m] (transA); b: [k, n] or [n, k] (transB)
  static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int, accumulate: Bool, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    if m == 0 || n == 0 { return }
    if k == 0 { return clear(m: m, n: n, accumulate: accumulate, c: c, ldc: ldc) }
    let (rowStride, columnStride) = transA ? (1, lda) : (lda, 1)
    let slice = UnsafeMutablePointer<Float>.allocate(
      capacity: packedCount(k: min(k, depthBlock), n: min(n, columnBlock)))
    defer { slice.deallocate() }
    let scratch = PackedA(m: m, k: k)
    defer { scratch.deallocate() }
    for j1 in stride(from: 0, to: n, by: columnBlock) {
      let columns = min(columnBlock, n - j1)
      for p0 in stride(from: 0, to: k, by: depthBlock) {
        let depth = min(depthBlock, k - p0)
        let corner = transB ? b + j1 * ldb + p0 : b + p0 * ldb + j1
        packBlock(corner, ldb: ldb, transposed: transB, depth: depth, n: columns, into: slice)
        for i1 in stride(from: 0, to: m, by: rowBlock) {
          let block = scratch.block(
            a + i1 * rowStride + p0 * columnStride, rowStride: rowStride, columnStride: columnStride,
            rows: min(rowBlock, m - i1), depth: depth)
          block.multiply(
            panels: slice, panelStride: depth * panelWidth, columns: columns, accumulate: accumulate || p0 > 0,
            c: c + i1 * ldc + j1, ldc: ldc)
        }
      }
    }
  }

  /// `c = 0` unless accumulating: a product over an empty k.
  private static func clear(m: Int, n: Int, accumulate: Bool, c: UnsafeMutablePointer<Float>, ldc: Int) {
    if !accumulate { for i in 0..<m { (c + i * ldc).fill(with: 0, count: n) } }
  }

  /// `c += aᵀ · b` with b unpacked and k in one block: the per-step recurrent
  /// weight gradient `dW_hhᵀ += h_prevᵀ · dGates`, summed while the step's
  /// rows are in cache.
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
    // Columns past the last full panel (reading 32 of them could run off b),
    // in the kernels' order: a fused sum from 0, then added to c.
    for i in 0..<m {
      for j in full..<n {
        var sum: Float = 0
        for p in 0..<k { sum.addProduct(a[p &* lda &+ i], b[p &* ldb &+ j]) }
        c[i &* ldc &+ j] += sum
      }
    }
  }

  /// One step's input projection, `g[r, j] = bias[j] + Σ_i x[r, i] · wT[i, j]`
  /// summed in i order by fused multiply-adds starting from the bias (or 0).
  // g: [rows, cols] out; x: [rows, inputs]; weightsT: [inputs, cols]; bias: [cols] or nil
  static func project(
    _ g: UnsafeMutablePointer<Float>, input x: UnsafePointer<Float>, weightsT: UnsafePointer<Float>,
    bias: UnsafePointer<Float>?, rows: Int, inputs: Int, cols: Int
  ) {
    typealias V = SIMD16<Float>
    for r in 0..<rows {
      let row = g + r &* cols, xr = x + r &* inputs
      var j = 0
      while j &+ 16 <= cols {
        var acc = bias.map { UnsafeRawPointer($0 + j).loadUnaligned(as: V.self) } ?? V()
        for i in 0..<inputs {
          acc.addProduct(V(repeating: xr[i]), UnsafeRawPointer(weightsT + (i &* cols &+ j)).loadUnaligned(as: V.self))
        }
        UnsafeMutableRawPointer(row + j).storeBytes(of: acc, as: V.self)
        j &+= 16
      }
      while j < cols {
        var acc = bias?[j] ?? 0
        for i in 0..<inputs { acc.addProduct(xr[i], weightsT[i &* cols &+ j]) }
        row[j] = acc
        j &+= 1
      }
    }
  }
}
