import RNNLabRandom
import Testing

@testable import RNNLabEngine

/// The engine's own small GEMM (packed recurrent products and the per-step
/// weight-gradient product) against the naive reference product, over shapes
/// that run its 8-row kernel, its single-row tail, full 32-column panels and
/// partial ones.
@Suite struct PackedGemmTests {
  static let shapes: [(m: Int, n: Int, k: Int)] = [
    (1, 1, 1), (3, 5, 2), (8, 32, 7), (9, 33, 16), (17, 64, 5), (64, 96, 128), (7, 70, 33), (16, 31, 64),
    (9, 40, 300), (4, 3, 0),
  ]

  static func random(_ count: Int, _ generator: inout SeededGenerator) -> [Float] {
    (0..<count).map { _ in generator.uniform(-1, 1) }
  }

  static func isClose(_ a: [Float], _ b: [Float], k: Int) -> Bool {
    // FMA and summation order differ from the Double oracle by a few ulp per term.
    zip(a, b).allSatisfy { abs($0 - $1) <= 1e-6 * Float(max(k, 1)) * max(1, abs($1)) }
  }

  @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
  func packedProductMatchesTheNaiveProduct(transposedB: Bool, accumulate: Bool) {
    var generator = SeededGenerator(seed: 7, stream: "packed-gemm")
    for (m, n, k) in Self.shapes {
      // Leading dimensions padded by 3 so strides are exercised.
      let lda = k + 3, ldc = n + 3
      let ldb = (transposedB ? k : n) + 3
      let a = Self.random(m * lda, &generator)
      let b = Self.random((transposedB ? n : k) * ldb, &generator)
      let c0 = Self.random(m * ldc, &generator)
      var packed = [Float](repeating: .nan, count: PackedGemm.packedCount(k: k, n: n))
      PackedGemm.pack(b, ldb: ldb, transposed: transposedB, k: k, n: n, into: &packed)
      var fast = c0, reference = c0
      PackedGemm.multiply(
        m: m, n: n, k: k, a: a, lda: lda, packed: packed, accumulate: accumulate, c: &fast, ldc: ldc)
      NaiveMatmul.sgemm(
        transA: false, transB: transposedB, m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b, ldb: ldb,
        beta: accumulate ? 1 : 0, c: &reference, ldc: ldc)
      #expect(Self.isClose(fast, reference, k: k), "m=\(m) n=\(n) k=\(k)")
      // Padding columns of c are left alone.
      for i in 0..<m { #expect(Array(fast[(i * ldc + n)..<(i * ldc + ldc)]) == Array(c0[(i * ldc + n)..<(i * ldc + ldc)])) }
    }
  }

  @Test func transposedAProductAddsToC() {
    var generator = SeededGenerator(seed: 8, stream: "packed-gemm")
    for (m, n, k) in Self.shapes {
      let lda = m + 2, ldb = n + 5, ldc = n + 1
      let a = Self.random(k * lda, &generator)
      let b = Self.random(k * ldb, &generator)
      let c0 = Self.random(m * ldc, &generator)
      var fast = c0, reference = c0
      PackedGemm.multiplyAddTransposedA(
        m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: &fast, ldc: ldc)
      NaiveMatmul.sgemm(
        transA: true, transB: false, m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b, ldb: ldb,
        beta: 1, c: &reference, ldc: ldc)
      #expect(Self.isClose(fast, reference, k: k), "m=\(m) n=\(n) k=\(k)")
    }
  }
}
