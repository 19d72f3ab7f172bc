import Testing

@testable import RNNLabReport

/// The Mann–Whitney U test against scipy 1.17.1: `scipy.stats.mannwhitneyu(x, y).pvalue`
/// with its defaults (two-sided, use_continuity=True, method='auto').
@Suite struct MannWhitneyUTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var x: [Double]
    var y: [Double]
    var p: Double
    var testDescription: String { name }
  }

  // Generated samples, as in Python:
  // x8 = [2*i+1.0 for i in range(8)], y20 = [3*j+0.5 for j in range(20)]
  static let x8: [Double] = (0..<8).map { 2 * Double($0) + 1 }
  static let y20: [Double] = (0..<20).map { 3 * Double($0) + 0.5 }
  // y9 = [0.1*j+0.01 for j in range(1,10)]
  static let y9: [Double] = (1..<10).map { 0.1 * Double($0) + 0.01 }
  // a9 = [float(i) for i in range(9)], b9 = [i+0.25 for i in range(9)]
  static let a9: [Double] = (0..<9).map { Double($0) }
  static let b9: [Double] = (0..<9).map { Double($0) + 0.25 }
  // x40 = [float((i*37)%101) for i in range(40)], y35 = [float((j*53)%97) + 0.5*(j%2) for j in range(35)]
  static let x40: [Double] = (0..<40).map { (i: Int) -> Double in Double((i * 37) % 101) }
  static let y35: [Double] = (0..<35).map { (j: Int) -> Double in
    let whole = Double((j * 53) % 97)
    return j % 2 == 1 ? whole + 0.5 : whole
  }

  /// Exact distribution: no ties and a side of at most 8.
  static let exact: [Case] = [
    // 3 vs 3, fully separated
    Case(name: "separated", x: [0.1, 0.2, 0.3], y: [0.4, 0.5, 0.6], p: 0.1),
    // U = mn/2: p = 2 · P(U ≥ 6) > 1, clipped
    Case(name: "interleaved", x: [0.1, 0.5, 0.3, 0.9], y: [0.4, 0.2, 0.6], p: 1.0),
    // one side 8 (the largest exact size) against 20
    Case(name: "8 vs 20", x: x8, y: y20, p: 0.003172994477342303),
    Case(name: "2 vs 9", x: [0.05, 0.07], y: y9, p: 0.03636363636363636),
    Case(name: "n = 1", x: [0.5], y: [0.1, 0.2, 0.3], p: 0.5),
  ]

  /// Normal approximation: ties, or both sides above 8.
  static let approximate: [Case] = [
    // tie correction of the variance
    Case(name: "ties", x: [1.0, 2.0, 2.0, 3.0], y: [2.0, 3.0, 4.0], p: 0.2663799233424825),
    // all equal: no spread, p = 1
    Case(name: "all equal", x: [1.0, 1.0, 1.0], y: [1.0, 1.0, 1.0], p: 1.0),
    // 9 vs 9 without ties
    Case(name: "9 vs 9", x: a9, y: b9, p: 0.7239320396139757),
    // large, with ties
    Case(name: "40 vs 35", x: x40, y: y35, p: 0.4636688514133982),
    // diverged seeds: NaN and +inf rank above every finite loss and tie; scipy
    // propagates NaN, so its reference is mannwhitneyu([0.1, 0.2, 0.3], [inf, inf, 0.5, 0.6])
    Case(name: "diverged", x: [0.1, 0.2, 0.3], y: [Double.nan, Double.infinity, 0.5, 0.6], p: 0.04974599072150299),
  ]

  static let references: [Case] = exact + approximate

  @Test(arguments: references) func matchesScipy(_ reference: Case) {
    let p = MannWhitneyU.pValue(reference.x, reference.y)
    #expect(isClose(p, reference.p), "\(reference.name): \(String(describing: p)) vs \(reference.p)")
  }

  @Test func isSymmetricInTheSamples() {
    for reference in Self.references {
      #expect(MannWhitneyU.pValue(reference.y, reference.x) == MannWhitneyU.pValue(reference.x, reference.y))
    }
  }

  @Test func divergedLossRanksWorstNotLikeAnyOther() {
    // Without the deliberate rule, NaN would sort arbitrarily; here one diverged
    // seed makes y strictly worse than every x, as three huge finite losses would.
    let diverged = MannWhitneyU.pValue([0.1, 0.2, 0.3], [.nan, 5, 6])
    let huge = MannWhitneyU.pValue([0.1, 0.2, 0.3], [1e30, 5, 6])
    #expect(diverged == huge)
    #expect(isClose(diverged, 0.1))
  }

  @Test func emptySampleHasNoPValue() {
    #expect(MannWhitneyU.pValue([], [1, 2, 3]) == nil)
  }

  @Test func ranksAverageTies() {
    let (ranks, ties) = MannWhitneyU.rank([3, 1, 3, 2, .infinity, .infinity])
    #expect(ranks == [3.5, 1, 3.5, 2, 5.5, 5.5])
    #expect(ties == [1, 1, 2, 2])
  }
}
