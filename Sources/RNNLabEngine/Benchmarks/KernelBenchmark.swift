import RNNLabRandom

/// The two reference rates `runner bench` prints under the workloads: the
/// core's fused multiply-add peak on the active instruction set, and the
/// engine's own GEMM rate (one 1024³ product in `runner bench`).
public enum KernelBenchmark {
  /// One measurement: repetitions, and the rate of the median and best one.
  public struct Result: Sendable, Equatable {
    /// Floating-point operations of one repetition.
    public let flops: Double
    public let iterations: Int
    /// The fastest repetition, in seconds.
    public let bestSeconds: Double
    /// The median repetition, in seconds.
    public let medianSeconds: Double
    /// GFLOP/s of the fastest repetition.
    public var gflops: Double { flops / bestSeconds / 1e9 }
    /// GFLOP/s of the median repetition.
    public var medianGflops: Double { flops / medianSeconds / 1e9 }
  }

  /// Times nothing but independent FMAs on the widest registers the path
  /// has (`SIMD16` on AVX-512, `SIMD8` on AVX2 and baseline), for about
  /// `seconds`: the core's peak, which no product kernel can pass.
  public static func fmaPeak(
    on isa: InstructionSet = .active, seconds: Double = 1
  ) -> Result {
    let kernels = isa.kernels
    let wide = isa == .avx512
    let iterations = isa == .baseline ? 20_000 : 2_000_000
    let lanes = wide ? 16.0 : 8.0
    var sink: Float = 0
    let result = time(flops: Double(iterations) * 12 * lanes * 2, seconds: seconds) {
      sink += wide
        ? kernels.fmaPeak16(iterations: iterations, seed: 0.5)
        : kernels.fmaPeak8(iterations: iterations, seed: 0.5)
    }
    precondition(sink.isFinite, "FMA peak loop overflowed")
    return result
  }

  /// Times `c = a·b` (`a: [m, k]`, `b: [k, n]`, row-major) through the
  /// engine's GEMM (packing included) for about `seconds` after one warm-up.
  public static func gemm(
    m: Int, n: Int, k: Int, on isa: InstructionSet = .active, seconds: Double = 1
  ) -> Result {
    precondition(m > 0 && n > 0 && k > 0 && seconds >= 0, "invalid GEMM benchmark shape")
    var generator = SeededGenerator(seed: 0x5eed)
    let a = (0..<(m * k)).map { _ in generator.uniform(-1, 1) }
    let b = (0..<(k * n)).map { _ in generator.uniform(-1, 1) }
    var c = [Float](repeating: 0, count: m * n)
    let kernels = isa.kernels
    return a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        c.withUnsafeMutableBufferPointer { cBuffer in
          let c = cBuffer
          let product = {
            kernels.gemm(
              transA: false, transB: false, m: m, n: n, k: k, a: a.baseAddress!, lda: k,
              b: b.baseAddress!, ldb: n, accumulate: false, c: c.baseAddress!, ldc: n)
          }
          product()
          return time(flops: 2 * Double(m) * Double(n) * Double(k), seconds: seconds, product)
        }
      }
    }
  }

  /// Runs `body` repeatedly for at least `seconds` and 3 repetitions.
  private static func time(flops: Double, seconds: Double, _ body: () -> Void) -> Result {
    let clock = ContinuousClock()
    var times: [Double] = []
    let start = clock.now
    repeat {
      let elapsed = clock.measure(body)
      times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    } while (clock.now - start) < .milliseconds(Int(seconds * 1000)) || times.count < 3
    times.sort()
    return Result(
      flops: flops, iterations: times.count, bestSeconds: times[0], medianSeconds: times[times.count / 2])
  }
}
