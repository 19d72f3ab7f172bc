// TEMPORARY — delete at merge. Stand-ins for the kernels helper's VectorMath,
// Initializers and NamedTensor, with the names the TEAM.md contract gives, so
// the engine builds and tests before those land. Scalar libm, not vectorised.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
import RNNLabRandom

/// Temporary scalar-libm stand-in for the kernels helper's vectorised math.
enum VectorMath {
  @inline(__always) static func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }
  @inline(__always) static func tanh(_ x: Float) -> Float { tanhf(x) }
  @inline(__always) static func exp(_ x: Float) -> Float { expf(x) }

  static func sigmoid(_ p: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count { p[i] = 1 / (1 + expf(-p[i])) }
  }
  static func tanh(_ p: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count { p[i] = tanhf(p[i]) }
  }
  static func exp(_ p: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count { p[i] = expf(p[i]) }
  }
}

/// Temporary stand-in for the kernels helper's parameter initialisers.
enum Initializers {
  /// Fills `out` with uniform draws in [-bound, bound).
  static func uniform(
    _ out: UnsafeMutableBufferPointer<Float>, bound: Float, using rng: inout SeededGenerator
  ) {
    for i in out.indices { out[i] = rng.uniform(-bound, bound) }
  }

  /// Fills the row-major `rows x cols` matrix `out` with orthonormal rows
  /// (or columns, when rows > cols): Gram–Schmidt in Double on Gaussian draws.
  static func orthogonal(
    _ out: UnsafeMutableBufferPointer<Float>, rows: Int, columns cols: Int, gain: Float = 1,
    using rng: inout SeededGenerator
  ) {
    let transposed = rows > cols
    let (r, c) = transposed ? (cols, rows) : (rows, cols)
    var m = (0..<(r * c)).map { _ in rng.nextGaussian() }
    for i in 0..<r {
      for j in 0..<i {
        var dot = 0.0
        for k in 0..<c { dot += m[i * c + k] * m[j * c + k] }
        for k in 0..<c { m[i * c + k] -= dot * m[j * c + k] }
      }
      var norm = 0.0
      for k in 0..<c { norm += m[i * c + k] * m[i * c + k] }
      norm = norm.squareRoot()
      for k in 0..<c { m[i * c + k] /= norm }
    }
    for i in 0..<r {
      for k in 0..<c {
        if transposed { out[k * rows + i] = gain * Float(m[i * c + k]) } else { out[i * c + k] = gain * Float(m[i * c + k]) }
      }
    }
  }

  /// Fills the row-major `rows x cols` matrix `out` with the identity.
  static func identity(
    _ out: UnsafeMutableBufferPointer<Float>, rows: Int, columns cols: Int, gain: Float = 1
  ) {
    for i in 0..<rows { for j in 0..<cols { out[i * cols + j] = i == j ? gain : 0 } }
  }
}

/// Temporary stand-in for the kernels helper's safetensors tensor.
public struct NamedTensor: Sendable, Equatable {
  public var name: String
  public var shape: [Int]
  public var values: [Float]
  public init(name: String, shape: [Int], values: [Float]) {
    self.name = name
    self.shape = shape
    self.values = values
  }
}
