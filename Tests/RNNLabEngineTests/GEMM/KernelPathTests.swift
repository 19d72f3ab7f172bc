import RNNLabRandom
import Testing

@testable import RNNLabEngine

/// Every kernel on every instruction-set path this machine runs equals the
/// naive reference in the kernels' fixed order, bit for bit, over shapes that
/// run the 8-row kernel and its single-row tail, full and partial 32-column
/// panels, several depth blocks, k = 0 and padded leading dimensions, and
/// (the last two) `a` copied into micro panels (m > 64) with a partial last
/// panel, more rows than one row block (128) and more columns than one
/// column block (512).
@Suite struct KernelPathTests {
  static let shapes: [(m: Int, n: Int, k: Int)] = [
    (1, 1, 1), (3, 5, 2), (8, 32, 7), (9, 33, 16), (17, 64, 5), (64, 96, 128), (7, 70, 33), (16, 31, 64),
    (9, 40, 300), (4, 3, 0), (0, 5, 3), (12, 129, 257), (70, 40, 9), (131, 522, 130),
  ]

  static func random(_ count: Int, _ generator: inout SeededGenerator) -> [Float] {
    (0..<count).map { _ in generator.uniform(-1, 1) }
  }

  static func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }

  @Test func naiveProductOfASmallCaseByHand() {
    // [1 2; 3 4]·[5 6; 7 8] = [19 22; 43 50]; accumulating onto [1 1; 1 1]: [20 23; 44 51].
    let a: [Float] = [1, 2, 3, 4], b: [Float] = [5, 6, 7, 8]
    var c: [Float] = [1, 1, 1, 1]
    NaiveMatmul.sgemm(
      transA: false, transB: false, m: 2, n: 2, k: 2, a: a, lda: 2, b: b, ldb: 2, accumulate: true, c: &c, ldc: 2)
    #expect(c == [20, 23, 44, 51])
    // aᵀ·b = [1 3; 2 4]·[5 6; 7 8] = [26 30; 38 44]; not accumulating ignores a NaN in c.
    c = [.nan, 0, 0, 0]
    NaiveMatmul.sgemm(
      transA: true, transB: false, m: 2, n: 2, k: 2, a: a, lda: 2, b: b, ldb: 2, accumulate: false, c: &c, ldc: 2)
    #expect(c == [26, 30, 38, 44])
  }

  @Test func naiveOrderIsFusedAndBlocked() {
    // One fused multiply-add keeps the low bits a separate multiply loses:
    // (1 + 2⁻¹²)² − (1 + 2⁻¹¹) = 2⁻²⁴ exactly, 0 if the product were rounded first.
    let x = Float(1) + 0x1p-12
    var c: [Float] = [-(1 + 0x1p-11)]
    NaiveMatmul.sgemm(
      transA: false, transB: false, m: 1, n: 1, k: 1, a: [x], lda: 1, b: [x], ldb: 1, accumulate: true, c: &c,
      ldc: 1, depthBlock: .max)
    // Accumulating adds the block's sum to c: fma(x, x, 0) rounds, then + c.
    #expect(c == [(x * x) - (1 + 0x1p-11)])
  }

  @Test(arguments: InstructionSet.supported, [(false, false), (false, true), (true, false), (true, true)])
  func gemmMatchesTheReferenceBitForBit(isa: InstructionSet, transposes: (Bool, Bool)) {
    let (transA, transB) = transposes
    var generator = SeededGenerator(seed: 42, stream: "gemm")
    for (m, n, k) in Self.shapes {
      for accumulate in [false, true] {
        let (aRows, aColumns) = transA ? (k, m) : (m, k)
        let (bRows, bColumns) = transB ? (n, k) : (k, n)
        let lda = aColumns + 3, ldb = bColumns + 3, ldc = n + 3
        let a = Self.random(aRows * lda, &generator), b = Self.random(bRows * ldb, &generator)
        let c0 = Self.random(m * ldc, &generator)
        var fast = c0, reference = c0
        isa.kernels.gemm(
          transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
          accumulate: accumulate, c: &fast, ldc: ldc)
        NaiveMatmul.sgemm(
          transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
          accumulate: accumulate, c: &reference, ldc: ldc)
        #expect(Self.bits(fast) == Self.bits(reference), "\(isa) m=\(m) n=\(n) k=\(k) accumulate=\(accumulate)")
      }
    }
  }

  @Test(arguments: InstructionSet.supported)
  func packedAndPerStepProductsMatchTheReference(isa: InstructionSet) {
    var generator = SeededGenerator(seed: 7, stream: "packed")
    let kernels = isa.kernels
    for (m, n, k) in Self.shapes {
      for accumulate in [false, true] {
        let lda = k + 3, ldb = n + 2, ldc = n + 3
        let a = Self.random(m * lda, &generator), b = Self.random(k * ldb, &generator)
        let c0 = Self.random(m * ldc, &generator)
        var packed = [Float](repeating: .nan, count: kernels.packedCount(k: k, n: n))
        kernels.pack(b, ldb: ldb, transposed: false, k: k, n: n, into: &packed)
        var fast = c0, reference = c0
        kernels.multiplyPacked(
          m: m, n: n, k: k, a: a, lda: lda, packed: packed, accumulate: accumulate, c: &fast, ldc: ldc)
        NaiveMatmul.sgemm(
          transA: false, transB: false, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
          accumulate: accumulate, c: &reference, ldc: ldc)
        #expect(Self.bits(fast) == Self.bits(reference), "\(isa) packed m=\(m) n=\(n) k=\(k)")
      }
      // c += aᵀ·b, a: [k, m], summed over the whole k in one block.
      let lda = m + 2, ldb = n + 5, ldc = n + 1
      let a = Self.random(k * lda, &generator), b = Self.random(k * ldb, &generator)
      let c0 = Self.random(m * ldc, &generator)
      var fast = c0, reference = c0
      kernels.multiplyAddTransposedA(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: &fast, ldc: ldc)
      NaiveMatmul.sgemm(
        transA: true, transB: false, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, accumulate: true,
        c: &reference, ldc: ldc, depthBlock: .max)
      #expect(Self.bits(fast) == Self.bits(reference), "\(isa) transposed-A m=\(m) n=\(n) k=\(k)")
    }
  }

  @Test(arguments: InstructionSet.supported)
  func projectionIsFusedFromTheBias(isa: InstructionSet) {
    var generator = SeededGenerator(seed: 9, stream: "project")
    for (rows, inputs, cols) in [(1, 1, 1), (3, 2, 17), (32, 2, 192), (5, 0, 40), (4, 8, 33)] {
      let x = Self.random(rows * inputs, &generator), w = Self.random(inputs * cols, &generator)
      let bias = Self.random(cols, &generator)
      for withBias in [false, true] {
        var fast = [Float](repeating: .nan, count: rows * cols)
        bias.withUnsafeBufferPointer { bias in
          isa.kernels.project(
            &fast, input: x, weightsT: w, bias: withBias ? bias.baseAddress : nil, rows: rows, inputs: inputs,
            cols: cols)
        }
        var reference = [Float](repeating: 0, count: rows * cols)
        for r in 0..<rows {
          for j in 0..<cols {
            var sum = withBias ? bias[j] : 0
            for i in 0..<inputs { sum.addProduct(x[r * inputs + i], w[i * cols + j]) }
            reference[r * cols + j] = sum
          }
        }
        #expect(Self.bits(fast) == Self.bits(reference), "\(isa) rows=\(rows) inputs=\(inputs) cols=\(cols)")
      }
    }
  }

  @Test(arguments: InstructionSet.supported)
  func transcendentalBuffersMatchTheScalarFormsBitForBit(isa: InstructionSet) {
    var generator = SeededGenerator(seed: 3, stream: "lanes")
    // 16-wide body and a 7-element scalar tail, over the interesting range and the extremes.
    var x = (0..<1_000).map { _ in generator.uniform(-30, 30) }
    x += [0, -0, 1e-30, -1e-30, 88.7, 89.5, -103.9, -120, .infinity, -.infinity, .nan, 0.624, 0.626]
    for (name, buffer, scalar) in [
      ("exp", isa.kernels.exp, VectorMath.exp as (Float) -> Float),
      ("sigmoid", isa.kernels.sigmoid, VectorMath.sigmoid as (Float) -> Float),
      ("tanh", isa.kernels.tanh, VectorMath.tanh as (Float) -> Float),
    ] as [(String, (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void, (Float) -> Float)] {
      var out = [Float](repeating: 0, count: x.count)
      buffer(x, &out, x.count)
      #expect(Self.bits(out) == Self.bits(x.map(scalar)), "\(isa) \(name)")
    }
  }

  @Test func everyPathComputesTheSameFMAChains() {
    let results = InstructionSet.supported.map { isa in
      (isa.kernels.fmaPeak16(iterations: 1_000, seed: 0.75).bitPattern, isa.kernels.fmaPeak8(iterations: 1_000, seed: 0.75).bitPattern)
    }
    #expect(Set(results.map(\.0)).count == 1 && Set(results.map(\.1)).count == 1)
  }

  @Test func instructionSetRequestsAreCheckedByName() throws {
    #expect(try InstructionSet.requested(nil) == InstructionSet.widest)
    #expect(try InstructionSet.requested("") == InstructionSet.widest)
    #expect(try InstructionSet.requested("baseline") == .baseline)
    #expect(InstructionSet.supported.contains(.baseline) && InstructionSet.supported.first == InstructionSet.widest)
    #expect(throws: InstructionSetError.self) { try InstructionSet.requested("sse9") }
    do {
      _ = try InstructionSet.requested("AVX2")
      Issue.record("a misspelt name was accepted")
    } catch {
      #expect(error.description == "RNNLAB_ISA: error: unknown instruction set 'AVX2' (expected one of avx512, avx2, baseline)")
    }
    for isa in InstructionSet.allCases where !isa.isSupported {
      #expect(throws: InstructionSetError.self) { try InstructionSet.requested(isa.rawValue) }
    }
  }

  @Test func referenceRatesAreMeasured() {
    let gemm = KernelBenchmark.gemm(m: 16, n: 40, k: 9, seconds: 0)
    #expect(gemm.iterations >= 3 && gemm.flops == 2 * 16 * 40 * 9 && gemm.gflops > 0)
    let peak = KernelBenchmark.fmaPeak(on: .baseline, seconds: 0)
    #expect(peak.iterations >= 3 && peak.medianGflops > 0)
  }
}
