import Foundation
import RNNLabRandom
import Testing

@testable import RNNLabEngine

/// `SpectralRadius.estimate` against radii known another way: exact
/// eigenvalues of small matrices, and Gelfand's ‖W^k‖^{1/k} with k = 2^20.
@Suite struct SpectralRadiusTests {
  static func estimate(_ matrix: [Double], _ n: Int, seed: UInt64 = 1) -> Double {
    var generator = SeededGenerator(seed: seed, stream: "radius")
    return SpectralRadius.estimate(matrix, size: n, using: &generator)
  }

  /// ρ by Gelfand's formula on matrix powers, independent of the estimator:
  /// square W 20 times (k = 2^20), renormalising by the Frobenius norm and
  /// summing the logs, so ρ ≈ exp(log‖W^k‖_F / k) with an error of about
  /// log(n·κ)/k, far below 1e-4.
  static func gelfandRadius(_ matrix: [Double], _ n: Int) -> Double {
    var power = matrix
    var logNorm = 0.0  // log ‖W^k‖ so far, where power = W^k / ‖W^k‖
    var k = 1.0
    func normalize(_ m: inout [Double]) -> Double {
      let norm = m.reduce(0) { $0 + $1 * $1 }.squareRoot()
      for i in m.indices { m[i] /= norm }
      return norm
    }
    logNorm = log(normalize(&power))
    for _ in 0..<20 {
      var squared = [Double](repeating: 0, count: n * n)
      for r in 0..<n {
        for j in 0..<n {
          let a = power[r * n + j]
          if a == 0 { continue }
          for c in 0..<n { squared[r * n + c] += a * power[j * n + c] }
        }
      }
      power = squared
      logNorm = 2 * logNorm + log(normalize(&power))
      k *= 2
    }
    return exp(logNorm / k)
  }

  static func gaussian(_ n: Int, seed: UInt64) -> [Double] {
    var generator = SeededGenerator(seed: seed, stream: "matrix")
    return (0..<(n * n)).map { _ in generator.nextGaussian() / Double(n).squareRoot() }
  }

  /// A real 2×2 matrix with a complex pair: |λ| = √det when the discriminant
  /// is negative. A rotation by 0.7 rad scaled by 0.8: the iterate never
  /// settles, but its growth is exactly 0.8 per step.
  @Test func complexPairOfA2x2MatchesItsExactModulus() {
    let (scale, angle) = (0.8, 0.7)
    let rotation = [scale * cos(angle), -scale * sin(angle), scale * sin(angle), scale * cos(angle)]
    #expect(abs(Self.estimate(rotation, 2) - scale) <= 1e-3 * scale)
    // Non-normal, complex pair: trace 1, det 2.5 → λ = 0.5 ± 1.5i, |λ| = √2.5.
    let skewed = [1.0, -5.0, 0.5, 0.0]
    #expect(abs(Self.estimate(skewed, 2) - 2.5.squareRoot()) <= 1e-2 * 2.5.squareRoot())
    // Real eigenvalues 3 and −1 (not the largest singular value, 3.3).
    let real = [1.0, 2.0, 2.0, 1.0]
    #expect(abs(Self.estimate(real, 2) - 3) <= 1e-3 * 3)
  }

  /// Triangular: the eigenvalues are the diagonal, whatever lies above it.
  @Test func triangularMatrixGivesItsLargestDiagonalEntry() {
    let n = 5
    var m = [Double](repeating: 0, count: n * n)
    let diagonal = [0.3, -0.9, 0.5, 0.7, -0.2]
    for r in 0..<n {
      m[r * n + r] = diagonal[r]
      for c in (r + 1)..<n { m[r * n + c] = 1.5 }
    }
    #expect(abs(Self.estimate(m, n) - 0.9) <= 1e-2 * 0.9)
  }

  @Test(arguments: [4, 16, 48, 64])
  func gaussianMatricesMatchGelfandWithin1Percent(n: Int) {
    for seed in UInt64(1)...3 {
      let m = Self.gaussian(n, seed: seed)
      let exact = Self.gelfandRadius(m, n)
      let estimated = Self.estimate(m, n, seed: seed)
      #expect(abs(estimated - exact) <= 0.01 * exact, "n = \(n), seed \(seed): \(estimated) vs \(exact)")
    }
  }

  @Test func gelfandReferenceItselfMatchesExactEigenvalues() {
    #expect(abs(Self.gelfandRadius([1, -5, 0.5, 0], 2) - 2.5.squareRoot()) <= 1e-4)
    #expect(abs(Self.gelfandRadius([1, 2, 2, 1], 2) - 3) <= 1e-4)
  }

  @Test func zeroMatrixHasRadiusZeroAndSameSeedSameEstimate() {
    #expect(Self.estimate([0, 0, 0, 0], 2) == 0)
    let m = Self.gaussian(12, seed: 9)
    #expect(Self.estimate(m, 12, seed: 4) == Self.estimate(m, 12, seed: 4))
  }
}
