import Foundation

/// The 95 % Wilson score interval of a binomial proportion: k successes (seeds
/// that solved a task) out of n trials. Unlike the normal ("Wald") interval it
/// stays inside [0, 1] and is not zero-width at k = 0 or k = n, which matters
/// for the handful of seeds a cell has.
///
/// center = (p̂ + z²/2n) / (1 + z²/n), half-width = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²),
/// with p̂ = k/n and z = Φ⁻¹(0.975). The same as scipy's
/// `binomtest(k, n).proportion_ci(confidence_level=0.95, method='wilson')`.
public struct WilsonInterval: Equatable, Sendable {
  /// Φ⁻¹(0.975), the two-sided 95 % normal quantile.
  public static let z95 = 1.959963984540054

  public let successes: Int
  public let trials: Int
  /// Bounds of the interval in [0, 1]; nil when there are no trials.
  public let lower: Double?
  public let upper: Double?

  /// The interval of `successes` out of `trials` (0 ≤ successes ≤ trials).
  public init(successes: Int, trials: Int, z: Double = WilsonInterval.z95) {
    precondition(trials >= 0 && successes >= 0 && successes <= trials, "k/n needs 0 ≤ k ≤ n")
    self.successes = successes
    self.trials = trials
    guard trials > 0 else {
      lower = nil
      upper = nil
      return
    }
    let n = Double(trials)
    let p = Double(successes) / n
    let z2 = z * z
    let denominator = 1 + z2 / n
    let center = (p + z2 / (2 * n)) / denominator
    let half = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
    // Clamp the rounding at k = 0 and k = n (the exact bounds are 0 and 1 there).
    lower = successes == 0 ? 0 : max(0, center - half)
    upper = successes == trials ? 1 : min(1, center + half)
  }

  /// "5/10 (24–76 %)": the count and the interval in whole percent; "0/0" without trials.
  public var text: String {
    let count = "\(successes)/\(trials)"
    guard let lower, let upper else { return count }
    return "\(count) (\(Int((lower * 100).rounded()))–\(Int((upper * 100).rounded())) %)"
  }
}
