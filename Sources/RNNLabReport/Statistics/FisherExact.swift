import Foundation

/// Fisher's exact test of a 2 × 2 table, two-sided: is the share of successes
/// (seeds that solved a task) different between two groups?
///
///     group A: a successes, b failures
///     group B: c successes, d failures
///
/// With the margins fixed, the count `a` follows a hypergeometric
/// distribution; the p-value is the total probability of every table at
/// most as likely as the observed one. This is `scipy.stats.fisher_exact(table)`'s
/// definition. Probabilities are compared with a relative tolerance of
/// 1 + 1e-7 (R's `fisher.test` tolerance; scipy uses 1e-14), so that tables
/// equally likely in exact arithmetic count as such despite rounding.
/// Log-factorials (`lgamma`) keep tables with thousands of trials finite.
public enum FisherExact {
  /// Relative tolerance for "at most as likely as the observed table".
  static let tolerance = 1 + 1e-7

  /// The two-sided p-value of [[a, b], [c, d]]; 1 when a row or column is empty.
  public static func pValue(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Double {
    precondition(a >= 0 && b >= 0 && c >= 0 && d >= 0, "a 2 × 2 table has counts ≥ 0")
    let rowA = a + b
    let rowB = c + d
    let successes = a + c
    let total = rowA + rowB
    // scipy: an empty row or column leaves only one possible table.
    guard rowA > 0, rowB > 0, successes > 0, successes < total else { return 1 }
    // P(a = x) = C(rowA, x) · C(rowB, successes − x) / C(total, successes).
    let constant = logChoose(total, successes)
    func logProbability(_ x: Int) -> Double {
      logChoose(rowA, x) + logChoose(rowB, successes - x) - constant
    }
    let observed = logProbability(a)
    let limit = observed + log(tolerance)
    var p = 0.0
    for x in max(0, successes - rowB)...min(rowA, successes) {
      let l = logProbability(x)
      if l <= limit { p += exp(l) }
    }
    return min(p, 1)
  }

  /// log C(n, k) from log-gamma: exact enough and finite for any n.
  static func logChoose(_ n: Int, _ k: Int) -> Double {
    lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
  }
}
