import Foundation

/// The Mann–Whitney U test, two-sided: do two samples (final losses of the
/// seeds of two models) come from distributions of which neither tends to be
/// larger? It uses only the ranks, so one huge loss weighs like any other.
///
/// Computed as `scipy.stats.mannwhitneyu(x, y)` with its defaults
/// (`use_continuity=True`, `alternative='two-sided'`, `method='auto'`):
/// - exact: when one sample has at most 8 values and no value occurs twice,
///   p = 2 · P(U ≥ max(U₁, U₂)) under the exact null distribution of U;
/// - otherwise the normal approximation, with the tie correction of the
///   variance and a continuity correction of 0.5;
/// and p is clipped to 1.
///
/// Non-finite values are handled deliberately, not propagated as scipy does
/// with NaN: a NaN or +inf value (a diverged trial's loss) counts as worse,
/// i.e. larger, than every finite value, and all of them tie with each other.
/// So a model whose seeds diverge ranks below one whose seeds merely stall.
/// −inf stays the smallest value.
public enum MannWhitneyU {
  /// The two-sided p-value of samples `x` and `y`; nil when one is empty.
  public static func pValue(_ x: [Double], _ y: [Double]) -> Double? {
    guard !x.isEmpty, !y.isEmpty else { return nil }
    let (n1, n2) = (x.count, y.count)
    let (ranks, tieSizes) = rank((x + y).map { $0.isNaN ? .infinity : $0 })
    let r1 = ranks[..<n1].reduce(0, +)
    let u1 = r1 - Double(n1 * (n1 + 1)) / 2
    let u = max(u1, Double(n1 * n2) - u1)
    let hasTies = tieSizes.contains { $0 > 1 }
    let p: Double
    if (n1 <= 8 || n2 <= 8) && !hasTies {
      p = 2 * exactSurvival(Int(u.rounded()), n1, n2)
    } else {
      p = 2 * normalSurvival(u, n1, n2, tieSizes)
    }
    return min(max(p, 0), 1)
  }

  /// Average ranks (1-based) of `values` in their order, and the size of each
  /// group of equal values.
  static func rank(_ values: [Double]) -> (ranks: [Double], tieSizes: [Int]) {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var tieSizes: [Int] = []
    var start = 0
    while start < order.count {
      var end = start + 1
      while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
      // Positions start..<end share the average of ranks start+1 ... end.
      let average = Double(start + 1 + end) / 2
      for position in start..<end { ranks[order[position]] = average }
      tieSizes.append(end - start)
      start = end
    }
    return (ranks, tieSizes)
  }

  /// P(U ≥ u) for samples of sizes n1 and n2 without ties. The number of
  /// arrangements with U = k is the coefficient of q^k in the Gaussian
  /// binomial [n1 + n2 choose m]_q, m = min(n1, n2), built as
  /// ∏ᵢ (1 − q^(n+i)) / (1 − q^i); after each factor the coefficients are
  /// again counts, exact in a Double while below 2^53.
  static func exactSurvival(_ u: Int, _ n1: Int, _ n2: Int) -> Double {
    let (m, n) = (min(n1, n2), max(n1, n2))
    let degree = m * n
    var counts = [Double](repeating: 0, count: degree + 1)
    counts[0] = 1
    for i in 1...m {
      // Multiply by (1 − q^(n+i)), from the top so each term reads old values.
      for k in stride(from: degree, through: n + i, by: -1) { counts[k] -= counts[k - n - i] }
      // Divide by (1 − q^i): running sums with stride i.
      for k in i...degree { counts[k] += counts[k - i] }
    }
    let total = counts.reduce(0, +)
    guard u > 0 else { return 1 }
    guard u <= degree else { return 0 }
    return counts[u...].reduce(0, +) / total
  }

  /// P(Z ≥ z) for the standardised U with tie and continuity corrections.
  static func normalSurvival(_ u: Double, _ n1: Int, _ n2: Int, _ tieSizes: [Int]) -> Double {
    let (a, b) = (Double(n1), Double(n2))
    let n = a + b
    let tieTerm = tieSizes.reduce(0.0) { sum, t in sum + (Double(t) * Double(t) * Double(t) - Double(t)) }
    let variance = a * b / 12 * ((n + 1) - tieTerm / (n * (n - 1)))
    let numerator = u - a * b / 2 - 0.5
    // All values equal: no spread, no evidence of a difference (scipy: z = −inf, p = 1).
    guard variance > 0 else { return numerator > 0 ? 0 : 1 }
    let z = numerator / variance.squareRoot()
    return 0.5 * erfc(z / 2.0.squareRoot())
  }
}
