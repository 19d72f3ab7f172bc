import RNNLabRandom
import Testing

@testable import RNNLabTasks

@Suite struct FirstSymbolTaskTests {
  @Test func shapes() throws {
    let task = try FirstSymbolTask(seqLen: 20)
    var generator = SeededGenerator(seed: 1)
    let batch = task.makeBatch(size: 5, generator: &generator)
    #expect(task.totalSteps == 20 && batch.steps == 20)
    #expect(task.inputSize == 12 && batch.inputSize == 12)
    #expect(task.outputSize == 4 && batch.outputSize == 4)
    #expect(task.target == .classAtEnd && task.hasAccuracy)
    #expect(batch.classLabels.count == 5)
  }

  @Test(arguments: [(2, 2, 1), (20, 4, 8), (64, 3, 5)])
  func classSymbolFirstThenOnlyDistractors(seqLen: Int, classes: Int, distractors: Int) throws {
    let task = try FirstSymbolTask(seqLen: seqLen, classes: classes, distractors: distractors)
    var generator = SeededGenerator(seed: 2)
    let batch = task.makeBatch(size: 300, generator: &generator)
    var labelCounts = [Int](repeating: 0, count: classes)
    var distractorsSeen = Set<Int>()
    for sample in 0..<batch.batchSize {
      guard let input = batch.symbols(sample: sample) else {
        Issue.record("first_symbol inputs must be one-hot")
        continue
      }
      let label = Int(batch.classLabels[sample])
      #expect(input[0] == label)
      #expect((0..<classes).contains(label))
      #expect(input.dropFirst().allSatisfy { (classes..<(classes + distractors)).contains($0) })
      labelCounts[label] += 1
      distractorsSeen.formUnion(input.dropFirst())
    }
    #expect(labelCounts.allSatisfy { $0 > 0 })
    #expect(distractorsSeen == Set(classes..<(classes + distractors)))
  }

  @Test func classesAreBalanced() throws {
    let task = try FirstSymbolTask(seqLen: 3)
    var generator = SeededGenerator(seed: 3)
    let batch = task.makeBatch(size: 8_000, generator: &generator)
    var counts = [Int](repeating: 0, count: 4)
    for label in batch.classLabels { counts[Int(label)] += 1 }
    // 2000 expected per class, sd ≈ 39.
    for count in counts { #expect(abs(count - 2_000) < 200) }
  }

  @Test func baselineAndSolvedCriterion() throws {
    let task = try FirstSymbolTask(seqLen: 100, classes: 4)
    #expect(abs(task.baselineLoss - 1.3862943611198906) < 1e-15)
    #expect(abs(try FirstSymbolTask(seqLen: 10, classes: 2).baselineLoss - 0.6931471805599453) < 1e-15)
    #expect(task.isSolved(loss: 1.0, accuracy: 0.995))
    #expect(!task.isSolved(loss: 0.0, accuracy: 0.98))
  }

  @Test func accuracyIsOverSequences() throws {
    let task = try FirstSymbolTask(seqLen: 5)
    var generator = SeededGenerator(seed: 4)
    let batch = task.makeBatch(size: 4, generator: &generator)
    var predictions = batch.classLabels
    predictions[0] = (predictions[0] + 1) % 4
    #expect(batch.accuracyTally(predictedClasses: predictions) == AccuracyTally(correct: 3, scored: 4))
  }

  @Test func rejectsInvalidOptions() {
    #expect(throws: TaskConfigurationError("first_symbol: classes must be at least 2 (got 1)")) {
      try FirstSymbolTask(seqLen: 10, classes: 1)
    }
    #expect(throws: TaskConfigurationError("first_symbol: distractors must be at least 1 (got 0)")) {
      try FirstSymbolTask(seqLen: 10, distractors: 0)
    }
    #expect(throws: TaskConfigurationError("first_symbol: seq_len must be at least 2 (got 1)")) {
      try FirstSymbolTask(seqLen: 1)
    }
  }
}
