import Testing

@testable import RNNLabTasks

@Suite struct LengthGeneralisationTests {
  @Test func eachKindDeclaresItAndTheBuiltTaskAgrees() throws {
    for kind in TaskKind.allCases {
      #expect(try AllTasks.make(kind).lengthGeneralisation == kind.lengthGeneralisation)
    }
    let testable = TaskKind.allCases.filter { $0.lengthGeneralisation == .testable }
    #expect(testable == [.adding, .copy, .firstSymbol, .temporalOrder])
    guard case .untestable(let reason) = TaskKind.lookahead.lengthGeneralisation else {
      Issue.record("lookahead's lag does not grow with T")
      return
    }
    #expect(reason.contains("'offset'"))
  }

  /// A model trained at T reads a testable task at T′ only if the input and
  /// output widths and the head do not depend on the length.
  @Test(arguments: [TaskKind.adding, .copy, .firstSymbol, .temporalOrder])
  func testableTasksKeepTheirEdgesAtEveryLength(kind: TaskKind) throws {
    let trained = try AllTasks.make(kind, seqLen: 20)
    for length in [4, 100, 1_000] {
      let tested = try AllTasks.make(kind, seqLen: length)
      #expect(tested.inputSize == trained.inputSize)
      #expect(tested.outputSize == trained.outputSize)
      #expect(tested.target == trained.target)
    }
  }
}
