import RNNLabResults
import Testing

@testable import RNNLabReport

/// The main-effect share of variance (η²) on cases with a known answer.
@Suite struct SensitivityTests {
  @Test func aKeyThatDecidesTheLossExplainsAllOfIt() throws {
    let hidden: [JSONValue] = [32, 64, 32, 64, 32, 64].map { .number($0) }
    let losses = [0.1, 0.5, 0.1, 0.5, 0.1, 0.5]
    #expect(abs(try #require(Sensitivity.share(values: hidden, losses: losses)) - 1) < 1e-12)
  }

  @Test func anIrrelevantKeyExplainsNothing() throws {
    // Each init value sees the same losses: equal group means.
    let initName: [JSONValue] = ["a", "a", "b", "b"].map { .string($0) }
    let losses = [0.1, 0.5, 0.1, 0.5]
    #expect(try #require(Sensitivity.share(values: initName, losses: losses)) == 0)
  }

  @Test func aPartialEffectMatchesTheHandComputedShare() throws {
    // Groups {1, 3} and {2, 6}: mean 3, total SS = 4+0+1+9 = 14, between = 2·1 + 2·1 = 4.
    let flag: [JSONValue] = [.bool(false), .bool(false), .bool(true), .bool(true)]
    let share = try #require(Sensitivity.share(values: flag, losses: [1, 3, 2, 6]))
    #expect(abs(share - 4.0 / 14.0) < 1e-12)
  }

  @Test func continuousValuesFallIntoEqualCountQuantileBins() {
    let rates: [JSONValue] = [0.5, 0.1, 0.7, 0.3, 0.2, 0.8, 0.4, 0.6].map { .number($0) }
    #expect(Sensitivity.groups(rates, bins: 4) == [2, 0, 3, 1, 0, 3, 1, 2])
    // A learning rate that orders the losses monotonically explains most, not all, of them.
    let losses = rates.map { $0.doubleValue! * 10 }
    let share = Sensitivity.share(values: rates, losses: losses)!
    #expect(share > 0.9 && share < 1)
  }

  @Test func equalValuesShareABin() {
    let values: [JSONValue] = [1, 2, 2, 2, 2, 3, 4, 5].map { .number($0) }
    let groups = Sensitivity.groups(values, bins: 4)
    #expect(Set(groups[1...4]).count == 1)
  }

  @Test func undefinedWithoutSpread() {
    #expect(Sensitivity.share(values: [.number(1), .number(2)], losses: [0.3, 0.3]) == nil)
    #expect(Sensitivity.share(values: [.number(1)], losses: [0.3]) == nil)
  }
}
