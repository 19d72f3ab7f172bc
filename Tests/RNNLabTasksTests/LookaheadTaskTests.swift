import RNNLabRandom
import Testing

@testable import RNNLabTasks

@Suite struct LookaheadTaskTests {
  @Test func shapes() throws {
    let task = try LookaheadTask(seqLen: 40)
    var generator = SeededGenerator(seed: 1)
    let batch = task.makeBatch(size: 3, generator: &generator)
    #expect(task.totalSteps == 40 && batch.steps == 40)
    #expect(task.inputSize == 8 && task.outputSize == 8)
    #expect(batch.inputSize == 8 && batch.outputSize == 8)
    #expect(task.target == .classEveryStep && task.hasAccuracy)
    #expect(task.scoredSteps == 35)
  }

  @Test(arguments: [(2, 1, 2), (40, 5, 8), (30, 29, 3)])
  func targetIsTheSymbolOffsetStepsAhead(seqLen: Int, offset: Int, symbols: Int) throws {
    let task = try LookaheadTask(seqLen: seqLen, offset: offset, symbols: symbols)
    var generator = SeededGenerator(seed: 2)
    let batch = task.makeBatch(size: 20, generator: &generator)
    for (sample, sequence) in batch.samples.enumerated() {
      guard let input = batch.symbols(sample: sample) else {
        Issue.record("lookahead inputs must be one-hot")
        continue
      }
      #expect(input.allSatisfy { (0..<symbols).contains($0) })
      for step in 0..<seqLen {
        if step < seqLen - offset {
          #expect(Int(sequence.labels[step]) == input[step + offset])
          #expect(sequence.lossMask[step] == 1 && sequence.accuracyMask[step] == 1)
        } else {
          // Nothing to look ahead to: unscored, with a harmless in-range label.
          #expect(sequence.labels[step] == 0)
          #expect(sequence.lossMask[step] == 0 && sequence.accuracyMask[step] == 0)
        }
      }
    }
  }

  @Test func targetIsIndependentOfThePast() throws {
    // The premise of the task: a forward model learns nothing from x_t about
    // the target x_{t+offset}; the empirical joint frequency is flat.
    let task = try LookaheadTask(seqLen: 12, offset: 5, symbols: 4)
    var generator = SeededGenerator(seed: 3)
    let batch = task.makeBatch(size: 4_000, generator: &generator)
    var joint = [[Int]](repeating: [Int](repeating: 0, count: 4), count: 4)
    for (sample, sequence) in batch.samples.enumerated() {
      let input = batch.symbols(sample: sample)!
      for step in 0..<task.scoredSteps { joint[input[step]][Int(sequence.labels[step])] += 1 }
    }
    // 28000 pairs over 16 cells: 1750 expected, sd ≈ 40.
    for row in joint { for count in row { #expect(abs(count - 1_750) < 250) } }
  }

  @Test func accuracyIgnoresUnscoredSteps() throws {
    let task = try LookaheadTask(seqLen: 10, offset: 4, symbols: 3)
    var generator = SeededGenerator(seed: 4)
    let batch = task.makeBatch(size: 2, generator: &generator)
    guard case .sequenceClasses(let labels, _, _) = batch.targets else { return }
    var predictions = labels
    // Wrong answers on the unscored tail do not count.
    for index in (6 * 2)..<(10 * 2) { predictions[index] = (labels[index] + 1) % 3 }
    #expect(batch.accuracyTally(predictedClasses: predictions) == AccuracyTally(correct: 12, scored: 12))
    predictions[0] = (labels[0] + 1) % 3
    #expect(batch.accuracyTally(predictedClasses: predictions) == AccuracyTally(correct: 11, scored: 12))
  }

  @Test func baselineAndSolvedCriterion() throws {
    let task = try LookaheadTask(seqLen: 40, symbols: 8)
    #expect(abs(task.baselineLoss - 2.0794415416798357) < 1e-15)
    #expect(task.isSolved(loss: 0.01, accuracy: 0.999))
    #expect(!task.isSolved(loss: 2.0, accuracy: 0.125))
  }

  @Test func rejectsInvalidOptions() {
    #expect(throws: TaskConfigurationError(
      "lookahead: offset must be less than seq_len (got offset 5, seq_len 5)")) {
      try LookaheadTask(seqLen: 5, offset: 5)
    }
    #expect(throws: TaskConfigurationError("lookahead: offset must be at least 1 (got 0)")) {
      try LookaheadTask(seqLen: 5, offset: 0)
    }
    #expect(throws: TaskConfigurationError("lookahead: symbols must be at least 2 (got 1)")) {
      try LookaheadTask(seqLen: 10, symbols: 1)
    }
  }
}
