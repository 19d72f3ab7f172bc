import Testing

@testable import RNNLabTasks

@Suite struct TaskFactoryTests {
  @Test func makesEveryKindWithItsDefaults() throws {
    let adding = try #require(try TaskFactory.make(kind: "adding", seqLen: 100) as? AddingTask)
    #expect(adding.placement == .halves)
    let copy = try #require(try TaskFactory.make(kind: "copy", seqLen: 100) as? CopyTask)
    #expect(copy.copyLength == 10 && copy.symbols == 8 && copy.totalSteps == 120)
    let first = try #require(try TaskFactory.make(kind: "first_symbol", seqLen: 100) as? FirstSymbolTask)
    #expect(first.classes == 4 && first.distractors == 8)
    let order = try #require(
      try TaskFactory.make(kind: "temporal_order", seqLen: 100) as? TemporalOrderTask)
    #expect(order.distractors == 4)
    let lookahead = try #require(try TaskFactory.make(kind: "lookahead", seqLen: 100) as? LookaheadTask)
    #expect(lookahead.offset == 5 && lookahead.symbols == 8)
  }

  @Test func kindsAndTheirOptionNames() throws {
    #expect(TaskFactory.kinds == ["adding", "copy", "first_symbol", "temporal_order", "lookahead"])
    for kind in TaskFactory.kinds {
      #expect(try TaskFactory.make(kind: kind, seqLen: 50).kind == kind)
      #expect(TaskFactory.optionNames(for: kind) != nil)
    }
    #expect(TaskFactory.optionNames(for: "copy") == ["copy_length", "symbols"])
    #expect(TaskFactory.optionNames(for: "nope") == nil)
  }

  @Test func passesOptionsThrough() throws {
    let adding = try #require(
      try TaskFactory.make(kind: "adding", seqLen: 30, options: TaskOptions(placement: "anywhere"))
        as? AddingTask)
    #expect(adding.placement == .anywhere)
    let copy = try #require(
      try TaskFactory.make(kind: "copy", seqLen: 30, options: TaskOptions(copyLength: 3, symbols: 5))
        as? CopyTask)
    #expect(copy.copyLength == 3 && copy.symbols == 5)
    let first = try #require(
      try TaskFactory.make(
        kind: "first_symbol", seqLen: 30, options: TaskOptions(classes: 6, distractors: 2))
        as? FirstSymbolTask)
    #expect(first.classes == 6 && first.distractors == 2)
    let order = try #require(
      try TaskFactory.make(kind: "temporal_order", seqLen: 30, options: TaskOptions(distractors: 7))
        as? TemporalOrderTask)
    #expect(order.distractors == 7)
    let lookahead = try #require(
      try TaskFactory.make(kind: "lookahead", seqLen: 30, options: TaskOptions(symbols: 3, offset: 9))
        as? LookaheadTask)
    #expect(lookahead.offset == 9 && lookahead.symbols == 3)
  }

  @Test func rejectsUnknownKind() {
    #expect(throws: TaskConfigurationError(
      "unknown task kind 'addition' (expected one of: adding, copy, first_symbol, temporal_order, lookahead)")) {
      try TaskFactory.make(kind: "addition", seqLen: 10)
    }
  }

  @Test func rejectsOptionsTheKindDoesNotHave() {
    #expect(throws: TaskConfigurationError(
      "adding: unknown option 'offset' (expected one of: placement)")) {
      try TaskFactory.make(kind: "adding", seqLen: 10, options: TaskOptions(offset: 2))
    }
    #expect(throws: TaskConfigurationError(
      "temporal_order: unknown option 'symbols' (expected one of: distractors)")) {
      try TaskFactory.make(kind: "temporal_order", seqLen: 10, options: TaskOptions(symbols: 2))
    }
    #expect(throws: TaskConfigurationError.self) {
      try TaskFactory.make(kind: "lookahead", seqLen: 10, options: TaskOptions(placement: "halves"))
    }
  }

  @Test func rejectsBadValues() {
    #expect(throws: TaskConfigurationError(
      "adding: unknown placement 'middle' (expected one of: halves, hochreiter, anywhere)")) {
      try TaskFactory.make(kind: "adding", seqLen: 10, options: TaskOptions(placement: "middle"))
    }
    #expect(throws: TaskConfigurationError("copy: copy_length must be at least 1 (got 0)")) {
      try TaskFactory.make(kind: "copy", seqLen: 10, options: TaskOptions(copyLength: 0))
    }
    #expect(throws: TaskConfigurationError(
      "lookahead: offset must be less than seq_len (got offset 5, seq_len 3)")) {
      try TaskFactory.make(kind: "lookahead", seqLen: 3)
    }
    #expect(throws: TaskConfigurationError("first_symbol: seq_len must be at least 2 (got 0)")) {
      try TaskFactory.make(kind: "first_symbol", seqLen: 0)
    }
  }

  @Test func everyTaskStatesABaselineACriterionAndADescription() throws {
    for kind in TaskFactory.kinds {
      let task = try TaskFactory.make(kind: kind, seqLen: 100)
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
