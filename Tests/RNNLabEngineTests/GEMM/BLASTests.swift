import RNNLabRandom
import Testing

@testable import RNNLabEngine

/// `BLAS.sgemm` against the naive reference product, over odd and even
/// shapes, all four transpose combinations, padded leading dimensions and
/// alpha/beta; plus the kernel-choice policy and the benchmark's API.
@Suite struct BLASTests {
  @Test func naiveProductOfASmallCaseByHand() {
    // [1 2; 3 4]·[5 6; 7 8] = [19 22; 43 50]; with alpha 2, beta −1 on c = [1 1; 1 1]: [37 43; 85 99].
    let a: [Float] = [1, 2, 3, 4], b: [Float] = [5, 6, 7, 8]
    var c: [Float] = [1, 1, 1, 1]
    NaiveMatmul.sgemm(
      transA: false, transB: false, m: 2, n: 2, k: 2, alpha: 2, a: a, lda: 2, b: b, ldb: 2, beta: -1, c: &c, ldc: 2)
    #expect(c == [37, 43, 85, 99])
    // aᵀ·b = [1 3; 2 4]·[5 6; 7 8] = [26 30; 38 44]; beta 0 ignores a NaN in c.
    c = [.nan, 0, 0, 0]
    NaiveMatmul.sgemm(
      transA: true, transB: false, m: 2, n: 2, k: 2, alpha: 1, a: a, lda: 2, b: b, ldb: 2, beta: 0, c: &c, ldc: 2)
    #expect(c == [26, 30, 38, 44])
  }

  static let shapes: [(m: Int, n: Int, k: Int)] = [
    (1, 1, 1), (2, 3, 4), (7, 5, 3), (16, 16, 16), (33, 17, 9), (64, 128, 65), (5, 1, 31), (1, 40, 8),
  ]

  @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
  func sgemmMatchesTheNaiveProduct(transA: Bool, transB: Bool) {
    var generator = SeededGenerator(seed: 42, stream: "blas")
    for (m, n, k) in Self.shapes {
      for (alpha, beta) in [(Float(1), Float(0)), (0.5, 2), (-1.5, 1)] {
        // Stored shapes and leading dimensions padded by 3 so strides are exercised.
        let (aRows, aColumns) = transA ? (k, m) : (m, k)
        let (bRows, bColumns) = transB ? (n, k) : (k, n)
        let lda = aColumns + 3, ldb = bColumns + 3, ldc = n + 3
        let a = (0..<(aRows * lda)).map { _ in generator.uniform(-1, 1) }
        let b = (0..<(bRows * ldb)).map { _ in generator.uniform(-1, 1) }
        let c0 = (0..<(m * ldc)).map { _ in generator.uniform(-1, 1) }
        var fast = c0, reference = c0
        BLAS.sgemm(
          transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
          beta: beta, c: &fast, ldc: ldc)
        NaiveMatmul.sgemm(
          transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
          beta: beta, c: &reference, ldc: ldc)
        var worst = 0.0
        for i in 0..<m {
          for j in 0..<n {
            // Float rounding of a k-term dot product is bounded by ~k·ε·Σ|a||b|; Σ|a||b| ≤ k here.
            let scale = Double(abs(alpha)) * Double(k) + Double(abs(beta))
            worst = max(worst, Double(abs(fast[i * ldc + j] - reference[i * ldc + j])) / scale)
          }
          // Padding columns of c are never touched.
          for j in n..<ldc { #expect(fast[i * ldc + j] == c0[i * ldc + j]) }
        }
        #expect(worst < 1e-6, "m \(m) n \(n) k \(k) alpha \(alpha) beta \(beta): \(worst)")
      }
    }
  }

  @Test func kernelPolicyPrefersAVX512ThenAVX2AndOnlyKnownTables() {
    let avx512: Set<String> = ["avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
    let all: (String) -> Bool = { _ in true }
    #expect(BLAS.preferredCore(current: "Prescott", cpuFlags: avx512, isAvailable: all) == "SkylakeX")
    #expect(BLAS.preferredCore(current: "Haswell", cpuFlags: avx512, isAvailable: all) == "SkylakeX")
    #expect(BLAS.preferredCore(current: "SkylakeX", cpuFlags: avx512, isAvailable: all) == nil)
    #expect(BLAS.preferredCore(current: "Cooperlake", cpuFlags: avx512, isAvailable: all) == nil)
    #expect(BLAS.preferredCore(current: "Prescott", cpuFlags: ["avx2", "fma"], isAvailable: all) == "Haswell")
    #expect(BLAS.preferredCore(current: "Zen", cpuFlags: ["avx2", "fma"], isAvailable: all) == nil)
    #expect(BLAS.preferredCore(current: "Prescott", cpuFlags: ["sse3"], isAvailable: all) == nil)
    // A library without the SkylakeX table falls back to Haswell, or to nothing.
    #expect(BLAS.preferredCore(current: "Prescott", cpuFlags: avx512, isAvailable: { $0 == "Haswell" }) == "Haswell")
    #expect(BLAS.preferredCore(current: "Prescott", cpuFlags: avx512, isAvailable: { _ in false }) == nil)
  }

  @Test func descriptionNamesTheLibraryAndKernel() {
    let description = BLAS.description
    #expect(!description.isEmpty)
    #if !canImport(Accelerate)
    #expect(description.hasPrefix("OpenBLAS"))
    #expect(description.contains(BLAS.coreName ?? "?"))
    #endif
  }

  /// The API only (three tiny products); the real measurement is `runner bench`.
  @Test func benchmarkReportsAPositiveRate() {
    let result = SGEMMBenchmark.run(m: 8, n: 8, k: 8, seconds: 0)
    #expect(result.iterations >= 3)
    #expect(result.gflops > 0 && result.gflops.isFinite)
    #expect(result.medianGflops <= result.gflops)
  }
}
