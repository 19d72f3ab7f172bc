import Testing

@testable import RNNLabReport

/// Fisher's exact test against scipy 1.17.1: `scipy.stats.fisher_exact(table).pvalue`
/// (two-sided), table = [[a, b], [c, d]].
@Suite struct FisherExactTests {
  /// (a, b, c, d, p) as printed by the call above.
  static let references: [(Int, Int, Int, Int, Double)] = [
    (8, 2, 1, 5, 0.034965034965034975),  // scipy's docstring example
    (0, 5, 5, 0, 0.007936507936507938),  // all vs none
    (3, 0, 0, 3, 0.10000000000000002),  // 3/3 vs 0/3: the smallest p three seeds a side can give
    (2, 1, 0, 3, 0.4000000000000001),
    (7, 2, 3, 9, 0.029973122852379817),
    (1, 2, 2, 1, 1.0),  // symmetric: every table is as likely or less
    (2, 3, 2, 3, 1.0),  // equal counts
    (5, 5, 5, 5, 1.0),
    (0, 3, 0, 3, 1.0),  // zero successes: an empty column
    (1, 0, 0, 1, 1.0),  // n = 1 a side
    (1500, 500, 1400, 600, 0.0004526325820608687),  // large n
    (12, 988, 30, 970, 0.007287953507168595),  // large n, rare successes
  ]

  @Test(arguments: references) func matchesScipy(_ reference: (Int, Int, Int, Int, Double)) {
    let (a, b, c, d, p) = reference
    let actual = FisherExact.pValue(a, b, c, d)
    // lgamma of numbers in the thousands carries ~1e-12 absolute error (measured: 9e-13 and 1.6e-12
    // relative error on the two large tables), hence 1e-11 for large n.
    let tolerance = a + b + c + d > 1000 ? 1e-11 : 1e-12
    #expect(isClose(actual, p, relative: tolerance), "[[\(a), \(b)], [\(c), \(d)]]: \(actual) vs \(p)")
  }

  @Test func isSymmetricInGroupsAndOutcomes() {
    let p = FisherExact.pValue(7, 2, 3, 9)
    #expect(FisherExact.pValue(3, 9, 7, 2) == p)
    #expect(isClose(FisherExact.pValue(2, 7, 9, 3), p))
  }

  @Test func emptyTableIsNoEvidence() {
    #expect(FisherExact.pValue(0, 0, 0, 0) == 1)
    #expect(FisherExact.pValue(0, 0, 3, 2) == 1)
  }
}
