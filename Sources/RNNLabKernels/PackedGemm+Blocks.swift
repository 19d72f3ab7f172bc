extension PackedGemm {
  /// Rows of the register tile: 8 × 32 columns in 16 zmm accumulators
  /// where the CPU has 32 vector registers; 6 × 16 in 12 ymm accumulators
  /// where it has 16 (AVX2, SSE), where the 8 × 32 tile would spill.
  #if RNNLAB_NARROW_TILE
    static let tileRows = 6
  #else
    static let tileRows = 8
  #endif

  /// Scratch for `a`'s blocks copied into micro panels of `tileRows` rows,
  /// so the kernel reads them contiguously: read in place at a leading
  /// dimension of 2 or 8 KB, the rows of a block fall into a few L1 sets
  /// and evict each other. Blocks of at most `inPlaceRows` rows (32 KB at a
  /// depth of 128; the per-step products) stay in L1 as they are and are
  /// read in place, which measured 5–8 % faster than copying them.
  struct PackedA {
    static let inPlaceRows = 64
    let storage: UnsafeMutablePointer<Float>?

    init(m: Int, k: Int) {
      let t = tileRows
      storage = m > Self.inPlaceRows ? .allocate(capacity: (min(m, rowBlock) + t - 1) / t * t * min(k, depthBlock)) : nil
    }

    func deallocate() { storage?.deallocate() }

    /// `op(a)`'s `[rows, depth]` block, copied into micro panels (each
    /// `[depth][tileRows]`; the last panel's missing rows stay unwritten, the
    /// kernels never read them) or, when small, left in place.
    // op(a)(r, p) = a[r·rowStride + p·columnStride]
    func block(
      _ a: UnsafePointer<Float>, rowStride: Int, columnStride: Int, rows: Int, depth: Int
    ) -> Block {
      let t = tileRows
      guard let packed = storage, rows > Self.inPlaceRows else {
        return Block(
          rows: rows, depth: depth, a: a, rowStride: rowStride, columnStride: columnStride, panelStride: t * rowStride)
      }
      for r0 in stride(from: 0, to: rows, by: t) {
        let panel = packed + r0 &* depth, count = min(t, rows &- r0)
        if rowStride == 1 && count == 8 && t == 8 {
          // aᵀ stored: a panel's 8 values at each p are adjacent.
          for p in 0..<depth {
            UnsafeMutableRawPointer(panel + p &* 8).storeBytes(
              of: UnsafeRawPointer(a + (r0 &+ p &* columnStride)).loadUnaligned(as: SIMD8<Float>.self),
              as: SIMD8<Float>.self)
          }
        } else {
          for r in 0..<count {
            let row = a + (r0 &+ r) &* rowStride
            for p in 0..<depth { panel[p &* t &+ r] = row[p &* columnStride] }
          }
        }
      }
      return Block(rows: rows, depth: depth, a: packed, rowStride: 1, columnStride: t, panelStride: t &* depth)
    }
  }

  /// One depth block of `a`'s rows: micro panel `i` (rows `tileRows·i ..<`)
  /// starts at `a + i·panelStride`, and within it
  /// `a(r, p) = a[r·rowStride + p·columnStride]`.
  struct Block {
    let rows: Int, depth: Int
    let a: UnsafePointer<Float>
    let rowStride: Int, columnStride: Int, panelStride: Int

    /// `c[rows, columns] (+)= block · b`, where b's 32-column panel `j`
    /// starts at `panels + j·panelStride`, `[depth][32]`. Each panel slice
    /// stays in L1 while every micro panel runs over it.
    @inline(__always)
    func multiply(
      panels: UnsafePointer<Float>, panelStride bStride: Int, columns: Int, accumulate: Bool,
      c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
      let w = panelWidth, t = tileRows
      for j0 in stride(from: 0, to: columns, by: w) {
        let b = panels + j0 / w &* bStride
        var r0 = 0, panel = a
        while r0 < rows {
          let operands = Operands(
            k: depth, a: panel, aRowStride: rowStride, aColumnStride: columnStride, b: b, ldb: w,
            c: c + (r0 &* ldc &+ j0), ldc: ldc, width: min(w, columns &- j0), accumulate: accumulate)
          operands.run(rows: min(t, rows &- r0))
          r0 &+= t
          panel += panelStride
        }
      }
    }
  }
}
