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
      let a0 = a + row &* rs, a1 = a0 + rs, a2 = a0 + 2 &* rs, a3 = a0 + 3 &* rs
      let a4 = a0 + 4 &* rs, a5 = a0 + 5 &* rs, a6 = a0 + 6 &* rs, a7 = a0 + 7 &* rs
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
      store(c10, c11, to: out + ldc)
      store(c20, c21, to: out + 2 &* ldc)
      store(c30, c31, to: out + 3 &* ldc)
      store(c40, c41, to: out + 4 &* ldc)
      store(c50, c51, to: out + 5 &* ldc)
      store(c60, c61, to: out + 6 &* ldc)
      store(c70, c71, to: out + 7 &* ldc)
    }

    /// One row (those left over by `kernel8`), in the same order.
    @inline(__always)
    private func kernel1(row: Int) {
      typealias V = SIMD16<Float>
      var c0 = V(), c1 = V()
      let ar = a + row &* aRowStride
      let bytes = UnsafeRawPointer(b), rowBytes = ldb &* 4
      for p in 0..<k {
        let s = V(repeating: ar[p &* aColumnStride])
        c0.addProduct(s, bytes.loadUnaligned(fromByteOffset: p &* rowBytes, as: V.self))
        c1.addProduct(s, bytes.loadUnaligned(fromByteOffset: p &* rowBytes &+ 64, as: V.self))
      }
      store(c0, c1, to: c + row &* ldc)
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
  }
}
