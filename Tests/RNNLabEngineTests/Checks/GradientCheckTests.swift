import Testing
@testable import RNNLabEngine

/// Central differences in float64 on the engine's own (generic) code, plus
/// float32-vs-float64 agreement, for every case `runner gradcheck` runs.
@Suite struct GradientCheckTests {
  @Test func standardCasesCoverEveryCellHeadAndLoss() {
    let cases = GradientCheck.standardCases()
    #expect(Set(cases.map(\.config.cell)) == Set(ModelConfig.Cell.allCases))
    #expect(Set(cases.map(\.config.head)) == Set(ModelConfig.Head.allCases))
    #expect(Set(cases.map(\.objective)) == Set(GradientCheckCase.Objective.allCases))
    #expect(cases.contains { $0.config.activation == .relu && $0.config.cell == .rnn })
    #expect(cases.contains { $0.config.layers > 1 && $0.config.bidirectional })
    #expect(Set(cases.map(\.name)).count == cases.count)
  }

  @Test(arguments: GradientCheck.standardCases())
  func gradientsMatchFiniteDifferences(check: GradientCheckCase) {
    let result = GradientCheck.run(check)
    #expect(result.passed, "\(result.line)")
    #expect(result.checkedValues > 0)
  }

  /// The check can fail: a 0.1 % error in one recurrent weight's gradient
  /// is caught and named.
  @Test func detectsAWrongGradient() throws {
    let check = try #require(GradientCheck.standardCases().first { $0.name == "lstm many-to-one mse" })
    let entry = ParameterLayout(config: check.config)["weight_hh_l0"]!
    let result = GradientCheck.run(check) { gradient in
      gradient[entry.offset + 5] *= 1.001
      gradient[entry.offset + 5] += 1e-6
    }
    #expect(!result.passed)
    #expect(result.finiteDifferenceWorst == "weight_hh_l0[5]")
    #expect(result.line.hasPrefix("FAIL"))
  }

  @Test func relativeErrorIsAbsoluteBelowTheFloor() {
    #expect(GradientCheck.relativeError(1.0, 1.01) > 0.009)
    #expect(GradientCheck.relativeError(1e-9, 2e-9) == 1e-9 / 1e-3)
  }
}

extension GradientCheckCase: CustomTestStringConvertible {
  public var testDescription: String { name }
}
