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

  /// A deliberately wrong gradient must fail: the check can fail.
  @Test func detectsAWrongGradient() {
    #expect(!GradientCheck.relativeError(1.0, 1.01).isLess(than: GradientCheck.finiteDifferenceTolerance))
    #expect(GradientCheck.relativeError(1e-9, 2e-9) < GradientCheck.finiteDifferenceTolerance)
  }
}

extension GradientCheckCase: CustomTestStringConvertible {
  public var testDescription: String { name }
}
