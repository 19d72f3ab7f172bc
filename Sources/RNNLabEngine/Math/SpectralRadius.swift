import Foundation
import RNNLabRandom

/// The spectral radius ρ(W) = max |λ| of a square matrix: the eigenvalue
/// that sets how ∂L/∂h_t grows or shrinks through a linear recurrence
/// (Pascanu et al. 2013). Not the largest singular value ‖W‖₂, which only
/// bounds ρ from above (they agree for normal matrices, e.g. orthogonal).
public enum SpectralRadius {
  /// Iterations run before measuring, so the vector lines up with the
  /// dominant eigenvalues' invariant subspace.
  public static let burnIn = 1_000
  /// Iterations whose growth is averaged.
  public static let iterations = 4_000

  /// ρ(W) by power iteration, safe for a complex dominant pair.
  ///
  /// A real matrix's dominant eigenvalue may be a complex pair; then W^k x
  /// rotates in a plane and never converges to a vector, but its length
  /// still grows like ρ^k (Gelfand: ρ = lim ‖W^k x‖^{1/k}). So the estimate
  /// is the geometric mean of the growth ‖W x_k‖ / ‖x_k‖ over `iterations`
  /// steps after `burnIn`, renormalising every step. Its error is at most
  /// about log(κ²)/iterations (κ: condition of the dominant eigenbasis) or
  /// the gap to the next |λ|, whichever is smaller: well under 1 % for the
  /// Gaussian and orthogonal matrices of an init (tests compare it with
  /// exact eigenvalues and with ‖W^k‖^{1/k} for k = 2^20).
  /// - Parameters:
  ///   - matrix: `[n, n]` row-major.
  ///   - generator: draws the start vector (seeded, so the estimate is reproducible).
  public static func estimate(
    _ matrix: [Double], size n: Int, using generator: inout SeededGenerator
  ) -> Double {
    precondition(n > 0 && matrix.count == n * n, "spectral radius: \(matrix.count) values for [\(n), \(n)]")
    var x = (0..<n).map { _ in generator.nextGaussian() }
    var y = [Double](repeating: 0, count: n)
    guard normalize(&x) > 0 else { return 0 }
    var logGrowth = 0.0
    for k in 0..<(burnIn + iterations) {
      for r in 0..<n {
        var sum = 0.0
        for c in 0..<n { sum += matrix[r * n + c] * x[c] }
        y[r] = sum
      }
      let growth = normalize(&y)
      // W x = 0: x lies in the kernel; with a Gaussian start this means W is
      // nilpotent on the reachable space, so ρ = 0.
      guard growth > 0 else { return 0 }
      if k >= burnIn { logGrowth += Foundation.log(growth) }
      swap(&x, &y)
    }
    return Foundation.exp(logGrowth / Double(iterations))
  }

  /// `estimate` of a Float matrix (computed in Double).
  public static func estimate(
    _ matrix: UnsafeBufferPointer<Float>, size n: Int, using generator: inout SeededGenerator
  ) -> Double {
    estimate(matrix.map(Double.init), size: n, using: &generator)
  }

  /// Scales `v` to unit length; returns its length before.
  private static func normalize(_ v: inout [Double]) -> Double {
    var squared = 0.0
    for value in v { squared += value * value }
    let norm = squared.squareRoot()
    if norm > 0 { for i in v.indices { v[i] /= norm } }
    return norm
  }
}
