extension PackedGemm {
  /// One 32-column panel of a product: `a(r, p) = a[r·aRowStride + p·aColumnStride]`,
  /// `b(p, j) = b[p·ldb + j]` for j < 32 (readable even past `width`).
  struct Operands {
    let k: Int
    let a: UnsafePointer<Float>
    let aRowStride: Int, aColumnStride: Int
    let b: UnsafePointer<Float>
    let ldb: Int
    let c: UnsafeMutablePointer<Float>
    let ldc: Int
    let width: Int
    let accumulate: Bool

    /// Rows `0 ..< m`, a tile of rows at a time; a last, partial tile
    /// repeats its last row in the rows it lacks and does not store them
    /// (two or more FMA chains per register beat one chain per row, which
    /// waits on the FMA latency).
    @inline(__always)
    func run(rows m: Int) {
      #if RNNLAB_NARROW_TILE
        // 16 vector registers (AVX2, SSE): the 8 × 32 tile would spill, so
        // 6 rows × 16 columns, one half of the panel after the other.
        for half in 0..<2 {
          let columns = min(16, width &- half &* 16)
          if columns <= 0 { break }
          for row in stride(from: 0, to: m, by: 6) { kernel6(row: row, rows: min(6, m &- row), half: half, columns: columns) }
        }
      #else
        for row in stride(from: 0, to: m, by: 8) { kernel8(row: row, rows: min(8, m &- row)) }
      #endif
    }

    /// Rows `row ..< row + rows` (at most 8): 16 accumulators of 16 lanes,
    /// two b loads and eight broadcasts per k.
    @inline(__always)
    private func kernel8(row: Int, rows: Int) {
      typealias V = SIMD16<Float>
      var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V(), c30 = V(), c31 = V()
      var c40 = V(), c41 = V(), c50 = V(), c51 = V(), c60 = V(), c61 = V(), c70 = V(), c71 = V()
      let rs = aRowStride, cs = aColumnStride
      let a0 = a + row &* rs, last = rows &- 1
      let a1 = a0 + min(1, last) &* rs, a2 = a0 + min(2, last) &* rs, a3 = a0 + min(3, last) &* rs
      let a4 = a0 + min(4, last) &* rs, a5 = a0 + min(5, last) &* rs, a6 = a0 + min(6, last) &* rs
      let a7 = a0 + min(7, last) &* rs
      let bytes = UnsafeRawPointer(b), rowBytes = ldb &* 4
      for p in 0..<k {
        let b0 = bytes.loadUnaligned(fromByteOffset: p &* rowBytes, as: V.self)
        let b1 = bytes.loadUnaligned(fromByteOffset: p &* rowBytes &+ 64, as: V.self)
        let q = p &* cs
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
      let out = c + row &* ldc
      store(c00, c01, to: out)
      if rows > 1 { store(c10, c11, to: out + ldc) }
      if rows > 2 { store(c20, c21, to: out + 2 &* ldc) }
      if rows > 3 { store(c30, c31, to: out + 3 &* ldc) }
      if rows > 4 { store(c40, c41, to: out + 4 &* ldc) }
      if rows > 5 { store(c50, c51, to: out + 5 &* ldc) }
      if rows > 6 { store(c60, c61, to: out + 6 &* ldc) }
      if rows > 7 { store(c70, c71, to: out + 7 &* ldc) }
    }

    /// Writes (or adds) the first `width` of 32 accumulated columns to a row of c.
    @inline(__always)
    private func store(_ low: SIMD16<Float>, _ high: SIMD16<Float>, to c: UnsafeMutablePointer<Float>) {
      typealias V = SIMD16<Float>
      let raw = UnsafeMutableRawPointer(c)
      if width == 32 {
        if accumulate {
          raw.storeBytes(of: raw.loadUnaligned(as: V.self) + low, as: V.self)
          raw.storeBytes(
            of: raw.loadUnaligned(fromByteOffset: 64, as: V.self) + high, toByteOffset: 64, as: V.self)
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

    /// Rows `row ..< row + rows` (at most 6), columns `16·half ..< 16·half + 16`:
    /// 12 accumulators of 8 lanes, two b loads and six broadcasts per k.
    @inline(__always)
    private func kernel6(row: Int, rows: Int, half: Int, columns: Int) {
      typealias V = SIMD8<Float>
      var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
      var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
      let rs = aRowStride, cs = aColumnStride
      let a0 = a + row &* rs, last = rows &- 1
      let a1 = a0 + min(1, last) &* rs, a2 = a0 + min(2, last) &* rs, a3 = a0 + min(3, last) &* rs
      let a4 = a0 + min(4, last) &* rs, a5 = a0 + min(5, last) &* rs
      let bytes = UnsafeRawPointer(b + half &* 16), rowBytes = ldb &* 4
      for p in 0..<k {
        let b0 = bytes.loadUnaligned(fromByteOffset: p &* rowBytes, as: V.self)
        let b1 = bytes.loadUnaligned(fromByteOffset: p &* rowBytes &+ 32, as: V.self)
        let q = p &* cs
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
      }
      let out = c + (row &* ldc &+ half &* 16)
      store(c00, c01, to: out, columns: columns)
      if rows > 1 { store(c10, c11, to: out + ldc, columns: columns) }
      if rows > 2 { store(c20, c21, to: out + 2 &* ldc, columns: columns) }
      if rows > 3 { store(c30, c31, to: out + 3 &* ldc, columns: columns) }
      if rows > 4 { store(c40, c41, to: out + 4 &* ldc, columns: columns) }
      if rows > 5 { store(c50, c51, to: out + 5 &* ldc, columns: columns) }
    }

    /// Writes (or adds) the first `columns` of 16 accumulated columns to a row of c.
    @inline(__always)
    private func store(_ low: SIMD8<Float>, _ high: SIMD8<Float>, to c: UnsafeMutablePointer<Float>, columns: Int) {
      typealias V = SIMD8<Float>
      let raw = UnsafeMutableRawPointer(c)
      if columns == 16 {
        if accumulate {
          raw.storeBytes(of: raw.loadUnaligned(as: V.self) + low, as: V.self)
          raw.storeBytes(
            of: raw.loadUnaligned(fromByteOffset: 32, as: V.self) + high, toByteOffset: 32, as: V.self)
        } else {
          raw.storeBytes(of: low, as: V.self)
          raw.storeBytes(of: high, toByteOffset: 32, as: V.self)
        }
        return
      }
      for j in 0..<columns {
        let value = j < 8 ? low[j] : high[j &- 8]
        c[j] = accumulate ? c[j] + value : value
      }
    }
  }
}
