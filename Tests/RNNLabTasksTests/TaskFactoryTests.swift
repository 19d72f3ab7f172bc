import Testing

@testable import RNNLabTasks

@Suite struct TaskFactoryTests {
  @Test func makesEveryKindWithItsDefaults() throws {
    let adding = try #require(try TaskFactory.make(.adding, seqLen: 100) as? AddingTask)
    #expect(adding.placement == .halves)
    let copy = try #require(try TaskFactory.make(.copy, seqLen: 100) as? CopyTask)
    #expect(copy.copyLength == 10 && copy.symbols == 8 && copy.totalSteps == 120)
    let first = try #require(try TaskFactory.make(.firstSymbol, seqLen: 100) as? FirstSymbolTask)
    #expect(first.classes == 4 && first.distractors == 8)
    let order = try #require(try TaskFactory.make(.temporalOrder, seqLen: 100) as? TemporalOrderTask)
    #expect(order.distractors == 4)
    let lookahead = try #require(try TaskFactory.make(.lookahead, seqLen: 100) as? LookaheadTask)
    #expect(lookahead.offset == 5 && lookahead.symbols == 8)
  }

  @Test func kindsAndTheirOptionNames() throws {
    #expect(TaskKind.allCases.map(\.rawValue) == ["adding", "copy", "first_symbol", "temporal_order", "lookahead"])
    for kind in TaskKind.allCases {
      #expect(try TaskFactory.make(kind, seqLen: 50).kind == kind)
      #expect(TaskOptions.defaults(for: kind).kind == kind)
      // Every option of a kind is declared, with its range or names.
      #expect(TaskOptions.names(for: kind).allSatisfy { TaskOptionKey.named($0) != nil })
    }
    #expect(TaskOptions.names(for: .copy) == ["copy_length", "symbols"])
    #expect(Set(TaskKind.allCases.flatMap(TaskOptions.names(for:))) == Set(TaskOptionKey.all.map(\.name)))
  }

  @Test func passesOptionsThrough() throws {
    let adding = try #require(try TaskFactory.make(.adding(placement: .anywhere), seqLen: 30) as? AddingTask)
    #expect(adding.placement == .anywhere)
    let copy = try #require(try TaskFactory.make(.copy(copyLength: 3, symbols: 5), seqLen: 30) as? CopyTask)
    #expect(copy.copyLength == 3 && copy.symbols == 5)
    let first = try #require(
      try TaskFactory.make(.firstSymbol(classes: 6, distractors: 2), seqLen: 30) as? FirstSymbolTask)
    #expect(first.classes == 6 && first.distractors == 2)
    let order = try #require(try TaskFactory.make(.temporalOrder(distractors: 7), seqLen: 30) as? TemporalOrderTask)
    #expect(order.distractors == 7)
    let lookahead = try #require(
      try TaskFactory.make(.lookahead(offset: 9, symbols: 3), seqLen: 30) as? LookaheadTask)
    #expect(lookahead.offset == 9 && lookahead.symbols == 3)
  }

  @Test func rejectsBadValues() {
    #expect(throws: TaskConfigurationError("copy: copy_length must be at least 1 (got 0)")) {
      try TaskFactory.make(.copy(copyLength: 0, symbols: 8), seqLen: 10)
    }
    #expect(throws: TaskConfigurationError("copy: symbols must be at most 10000 (got 10001)")) {
      try TaskFactory.make(.copy(copyLength: 1, symbols: 10_001), seqLen: 10)
    }
    #expect(throws: TaskConfigurationError(
      "lookahead: offset must be less than seq_len (got offset 5, seq_len 3)")) {
      try TaskFactory.make(.lookahead, seqLen: 3)
    }
    #expect(throws: TaskConfigurationError("first_symbol: seq_len must be at least 2 (got 0)")) {
      try TaskFactory.make(.firstSymbol, seqLen: 0)
    }
  }

  /// `minimumSeqLen` is the rule each task's initializer checks: the spec
  /// refuses exactly the lengths the factory would.
  @Test(arguments: [
    TaskOptions.adding(placement: .halves), .adding(placement: .hochreiter), .adding(placement: .anywhere),
    .copy(copyLength: 3, symbols: 4), .firstSymbol(classes: 2, distractors: 1), .temporalOrder(distractors: 2),
    .lookahead(offset: 1, symbols: 2), .lookahead(offset: 7, symbols: 2),
  ])
  func theShortestLengthIsTheOneTheTaskAccepts(options: TaskOptions) throws {
    let shortest = options.minimumSeqLen
    #expect(try TaskFactory.make(options, seqLen: shortest).seqLen == shortest)
    #expect(throws: TaskConfigurationError.self) { try TaskFactory.make(options, seqLen: shortest - 1) }
  }

  @Test func everyTaskStatesABaselineACriterionAndADescription() throws {
    for kind in TaskKind.allCases {
      let task = try TaskFactory.make(kind, seqLen: 100)
      #expect(task.baselineLoss > 0 && task.baselineLoss.isFinite)
      #expect(!task.baselineDescription.isEmpty)
      #expect(task.description.hasSuffix("."))
      #expect(task.description.contains("T=100"))
      switch task.solvedCriterion {
      case .lossBelow: #expect(task.target == .regressionAtEnd)
      case .accuracyAtLeast(let threshold):
        #expect(threshold == 0.99)
        #expect(task.hasAccuracy)
      }
    }
  }
}
