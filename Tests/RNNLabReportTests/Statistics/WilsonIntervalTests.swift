import Testing

@testable import RNNLabReport

/// Wilson intervals against scipy 1.17.1:
/// `scipy.stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method='wilson')`.
@Suite struct WilsonIntervalTests {
  /// (k, n, low, high) as printed by the call above.
  static let references: [(Int, Int, Double, Double)] = [
    (5, 10, 0.236593090512564, 0.7634069094874361),
    (0, 10, 0.0, 0.27753279986288926),
    (10, 10, 0.7224672001371109, 1.0),
    (1, 1, 0.20654931437723745, 1.0),
    (0, 1, 0.0, 0.7934506856227626),
    (3, 7, 0.1582198552514697, 0.7495416354723428),
    (2, 3, 0.20765960080204782, 0.9385080552796038),
    (0, 3, 0.0, 0.5614970317550454),
    (523, 1000, 0.4920142012545934, 0.5538097678550709),
  ]

  @Test(arguments: references) func matchesScipy(_ reference: (Int, Int, Double, Double)) {
    let (k, n, low, high) = reference
    let interval = WilsonInterval(successes: k, trials: n)
    #expect(isClose(interval.lower, low), "\(k)/\(n): lower \(String(describing: interval.lower)) vs \(low)")
    #expect(isClose(interval.upper, high), "\(k)/\(n): upper \(String(describing: interval.upper)) vs \(high)")
  }

  @Test func rendersCountAndWholePercent() {
    #expect(WilsonInterval(successes: 5, trials: 10).text == "5/10 (24–76 %)")
    #expect(WilsonInterval(successes: 0, trials: 3).text == "0/3 (0–56 %)")
    #expect(WilsonInterval(successes: 3, trials: 3).text == "3/3 (44–100 %)")
    #expect(WilsonInterval(successes: 0, trials: 0).text == "0/0")
    #expect(WilsonInterval(successes: 0, trials: 0).lower == nil)
  }

  @Test func narrowsWithMoreTrials() throws {
    let few = WilsonInterval(successes: 2, trials: 4)
    let many = WilsonInterval(successes: 200, trials: 400)
    let widthFew = try #require(few.upper) - (try #require(few.lower))
    let widthMany = try #require(many.upper) - (try #require(many.lower))
    #expect(widthMany < widthFew / 5)
  }
}
