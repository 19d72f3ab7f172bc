import RNNLabRandom

/// Measures the single-core SGEMM rate the BLAS reaches on this machine:
/// the practical limit for the engine's GEMM-bound workloads.
public enum SGEMMBenchmark {
  /// One measurement: shape, repetitions and rates (GFLOP/s counts 2·m·n·k per product).
  public struct Result: Sendable, Equatable {
    public let m: Int, n: Int, k: Int
    public let iterations: Int
    /// The fastest repetition, in seconds.
    public let bestSeconds: Double
    /// The median repetition, in seconds.
    public let medianSeconds: Double
    /// GFLOP/s of the fastest repetition.
    public var gflops: Double { 2 * Double(m) * Double(n) * Double(k) / bestSeconds / 1e9 }
    /// GFLOP/s of the median repetition.
    public var medianGflops: Double { 2 * Double(m) * Double(n) * Double(k) / medianSeconds / 1e9 }
  }

  /// Times `c = a·b` (`a: [m, k]`, `b: [k, n]`, row-major) on one BLAS thread
  /// for about `seconds` after one warm-up product.
  public static func run(
    m: Int, n: Int, k: Int, seconds: Double = 1, transposeB: Bool = false
  ) -> Result {
    precondition(m > 0 && n > 0 && k > 0 && seconds >= 0, "invalid SGEMM benchmark shape")
    BLAS.configureSingleThreaded()
    var generator = SeededGenerator(seed: 0x5eed)
    let a = (0..<(m * k)).map { _ in generator.uniform(-1, 1) }
    let b = (0..<(k * n)).map { _ in generator.uniform(-1, 1) }
    var c = [Float](repeating: 0, count: m * n)
    let clock = ContinuousClock()
    var times: [Double] = []
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        c.withUnsafeMutableBufferPointer { cBuffer in
          let c = cBuffer
          let product = {
            BLAS.sgemm(
              transA: false, transB: transposeB, m: m, n: n, k: k, alpha: 1,
              a: a.baseAddress!, lda: k, b: b.baseAddress!, ldb: transposeB ? k : n,
              beta: 0, c: c.baseAddress!, ldc: n)
          }
          product()
          let start = clock.now
          repeat {
            let elapsed = clock.measure(product)
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
          } while (clock.now - start) < .seconds(seconds) || times.count < 3
        }
      }
    }
    times.sort()
    return Result(
      m: m, n: n, k: k, iterations: times.count, bestSeconds: times[0],
      medianSeconds: times[times.count / 2])
  }
}
