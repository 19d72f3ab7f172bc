import RNNLabRandom
import Testing

@testable import RNNLabTasks

@Suite struct CopyTaskTests {
  @Test func shapes() throws {
    let task = try CopyTask(seqLen: 30, copyLength: 4, symbols: 5)
    var generator = SeededGenerator(seed: 1)
    let batch = task.makeBatch(size: 3, generator: &generator)
    #expect(task.totalSteps == 38 && batch.steps == 38)
    #expect(task.inputSize == 7 && batch.inputSize == 7)
    #expect(task.outputSize == 6 && batch.outputSize == 6)
    #expect(task.target == .classEveryStep && task.hasAccuracy)
    #expect(batch.inputs.count == 38 * 3 * 7)
  }

  @Test(arguments: [(1, 1, 2), (1, 10, 8), (7, 3, 4), (100, 10, 8)])
  func layoutAndTargetsFollowArjovsky(seqLen: Int, copyLength: Int, symbols: Int) throws {
    let task = try CopyTask(seqLen: seqLen, copyLength: copyLength, symbols: symbols)
    var generator = SeededGenerator(seed: 2)
    let batch = task.makeBatch(size: 16, generator: &generator)
    let blank = symbols
    let delimiter = symbols + 1
    for (sample, sequence) in batch.samples.enumerated() {
      guard let input = batch.symbols(sample: sample) else {
        Issue.record("copy inputs must be one-hot")
        continue
      }
      let remembered = Array(input[0..<copyLength])
      #expect(remembered.allSatisfy { (0..<symbols).contains($0) })
      // T−1 blanks, the delimiter, then K blanks.
      #expect(input[copyLength..<(copyLength + seqLen - 1)].allSatisfy { $0 == blank })
      #expect(input[copyLength + seqLen - 1] == delimiter)
      #expect(input[(copyLength + seqLen)...].allSatisfy { $0 == blank })
      #expect(input.filter { $0 == delimiter }.count == 1)
      // Target: blank for T+K steps, then the remembered symbols in order.
      let recall = seqLen + copyLength
      #expect(sequence.labels[0..<recall].allSatisfy { $0 == Int32(blank) })
      #expect(sequence.labels[recall...].map(Int.init) == remembered)
      // Loss over every step; accuracy over the recall steps only.
      #expect(sequence.lossMask.allSatisfy { $0 == 1 })
      #expect(sequence.accuracyMask[0..<recall].allSatisfy { $0 == 0 })
      #expect(sequence.accuracyMask[recall...].allSatisfy { $0 == 1 })
    }
  }

  @Test func symbolsCoverTheAlphabetUniformly() throws {
    let task = try CopyTask(seqLen: 5)
    var generator = SeededGenerator(seed: 3)
    let batch = task.makeBatch(size: 1_600, generator: &generator)
    var counts = [Int](repeating: 0, count: 8)
    for sample in 0..<batch.batchSize {
      for step in 0..<10 { counts[batch.oneHotSymbol(step: step, sample: sample)!] += 1 }
    }
    // 16000 draws over 8 symbols: 2000 expected each, sd ≈ 42.
    for count in counts { #expect(abs(count - 2_000) < 250) }
  }

  @Test func baselineMatchesPublishedValues() throws {
    // Arjovsky et al.'s baseline for 10 symbols from 8: 10·log 8/(T+20) (docs/literature.md).
    let published: [(Int, Double)] = [
      (100, 0.1733), (200, 0.0945), (300, 0.0650), (500, 0.0400), (1000, 0.0204), (2000, 0.0103),
    ]
    for (seqLen, value) in published {
      let task = try CopyTask(seqLen: seqLen)
      #expect(abs(task.baselineLoss - value) < 0.00006)
    }
    let custom = try CopyTask(seqLen: 50, copyLength: 3, symbols: 4)
    #expect(abs(custom.baselineLoss - 3 * 1.3862943611198906 / 56) < 1e-12)
  }

  @Test func baselineIsTheLossOfTheMemorylessPredictor() throws {
    // Blank with certainty before recall, uniform over the symbols after:
    // per-step loss 0 or log S, averaged over all steps.
    let task = try CopyTask(seqLen: 20, copyLength: 5, symbols: 8)
    var generator = SeededGenerator(seed: 4)
    let batch = task.makeBatch(size: 4, generator: &generator)
    guard case .sequenceClasses(_, let lossMask, let accuracyMask) = batch.targets else {
      Issue.record("copy must have per-step targets")
      return
    }
    var total = 0.0
    for (scored, recalled) in zip(lossMask, accuracyMask) where scored == 1 {
      total += recalled == 1 ? 2.0794415416798357 : 0
    }
    #expect(abs(total / Double(lossMask.count) - task.baselineLoss) < 1e-12)
  }

  @Test func accuracyCountsOnlyRecalledSymbols() throws {
    let task = try CopyTask(seqLen: 6, copyLength: 3, symbols: 4)
    var generator = SeededGenerator(seed: 5)
    let batch = task.makeBatch(size: 2, generator: &generator)
    guard case .sequenceClasses(let labels, _, _) = batch.targets else { return }
    // All-blank predictions: right on every blank step, wrong on every recall step.
    let allBlank = [Int32](repeating: 4, count: labels.count)
    #expect(batch.accuracyTally(predictedClasses: allBlank) == AccuracyTally(correct: 0, scored: 6))
    #expect(batch.accuracyTally(predictedClasses: labels) == AccuracyTally(correct: 6, scored: 6))
  }

  @Test func solvedAtNinetyNinePercentRecall() throws {
    let task = try CopyTask(seqLen: 100)
    #expect(task.isSolved(loss: 0.5, accuracy: 0.99))
    #expect(task.isSolved(loss: 0.0, accuracy: 1.0))
    #expect(!task.isSolved(loss: 0.0, accuracy: 0.989))
    #expect(!task.isSolved(loss: 0.0, accuracy: nil))
  }

  @Test func rejectsInvalidOptions() {
    #expect(throws: TaskConfigurationError("copy: copy_length must be at least 1 (got 0)")) {
      try CopyTask(seqLen: 10, copyLength: 0)
    }
    #expect(throws: TaskConfigurationError("copy: symbols must be at least 2 (got 1)")) {
      try CopyTask(seqLen: 10, symbols: 1)
    }
    #expect(throws: TaskConfigurationError("copy: seq_len must be at least 1 (got 0)")) {
      try CopyTask(seqLen: 0)
    }
  }
}
