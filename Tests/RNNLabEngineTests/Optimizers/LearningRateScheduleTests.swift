import Testing

@testable import RNNLabEngine

/// The rate of each update against values computed by hand.
@Suite struct LearningRateScheduleTests {
  private func expectRates(
    _ schedule: LearningRateSchedule, _ expected: [Int: Double], sourceLocation: SourceLocation = #_sourceLocation
  ) {
    for (step, rate) in expected.sorted(by: { $0.key < $1.key }) {
      let got = schedule.rate(atStep: step)
      #expect(abs(got - rate) <= 1e-12 * max(1, abs(rate)), "step \(step): \(got) ≠ \(rate)", sourceLocation: sourceLocation)
    }
  }

  @Test func constantIsTheBaseRateExactly() {
    let schedule = LearningRateSchedule(base: 0.001, totalSteps: 100)
    #expect(schedule.isConstant)
    #expect([0, 1, 50, 99].allSatisfy { schedule.rate(atStep: $0) == 0.001 })
  }

  @Test func warmupRampsLinearlyFromZeroToTheBase() {
    let schedule = LearningRateSchedule(base: 0.2, warmupSteps: 4, totalSteps: 10)
    #expect(!schedule.isConstant)
    expectRates(schedule, [0: 0.05, 1: 0.1, 2: 0.15, 3: 0.2, 4: 0.2, 9: 0.2])
  }

  @Test func cosineFallsFromTheBaseTowardsTheFloor() {
    // 0.1·(1 + cos(π t/100))/2: cos(π/4) = 0.70710678…, cos(0.99π) = −0.99950656…
    expectRates(
      LearningRateSchedule(base: 0.1, shape: .cosine(minimum: 0), totalSteps: 100),
      [0: 0.1, 25: 0.085355339059327376, 50: 0.05, 75: 0.014644660940672624, 99: 2.4671981713420e-5])
    // With a floor and warm-up: the cosine spans the 100 steps after the 10 of warm-up.
    expectRates(
      LearningRateSchedule(base: 0.1, shape: .cosine(minimum: 0.01), warmupSteps: 10, totalSteps: 110),
      [0: 0.01, 4: 0.05, 9: 0.1, 10: 0.1, 60: 0.055, 110: 0.01])
  }

  @Test func stepMultipliesByTheFactorEveryInterval() {
    expectRates(
      LearningRateSchedule(base: 1, shape: .step(every: 30, factor: 0.5), totalSteps: 100),
      [0: 1, 29: 1, 30: 0.5, 59: 0.5, 60: 0.25, 89: 0.25, 90: 0.125, 99: 0.125])
    // Intervals count from the end of warm-up.
    expectRates(
      LearningRateSchedule(base: 0.01, shape: .step(every: 30, factor: 0.1), warmupSteps: 5, totalSteps: 100),
      [0: 0.002, 4: 0.01, 5: 0.01, 34: 0.01, 35: 0.001, 65: 0.0001])
  }
}
