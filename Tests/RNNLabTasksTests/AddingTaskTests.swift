import RNNLabRandom
import Testing

@testable import RNNLabTasks

@Suite struct AddingTaskTests {
  /// The marked steps of every sequence in a batch.
  func markers(_ batch: TaskBatch, sample: Int) -> [Int] {
    (0..<batch.steps).filter { batch.input(step: $0, sample: sample, feature: 1) != 0 }
  }

  @Test func shapesAndTargetKind() throws {
    let task = try AddingTask(seqLen: 50)
    var generator = SeededGenerator(seed: 1)
    let batch = task.makeBatch(size: 7, generator: &generator)
    #expect(batch.steps == 50 && task.totalSteps == 50)
    #expect(batch.batchSize == 7)
    #expect(batch.inputSize == 2 && task.inputSize == 2)
    #expect(batch.outputSize == 1 && task.outputSize == 1)
    #expect(batch.inputs.count == 50 * 7 * 2)
    #expect(task.target == .regressionAtEnd)
    #expect(!task.hasAccuracy)
    guard case .regression(let targets) = batch.targets else {
      Issue.record("adding must have regression targets")
      return
    }
    #expect(targets.count == 7)
  }

  @Test(arguments: AddingTask.Placement.allCases)
  func valuesMarkersAndTargetsAgree(placement: AddingTask.Placement) throws {
    let task = try AddingTask(seqLen: 24, placement: placement)
    var generator = SeededGenerator(seed: 2)
    let batch = task.makeBatch(size: 200, generator: &generator)
    guard case .regression(let targets) = batch.targets else {
      Issue.record("adding must have regression targets")
      return
    }
    for sample in 0..<batch.batchSize {
      var sum: Float = 0
      for step in 0..<batch.steps {
        let value = batch.input(step: step, sample: sample, feature: 0)
        let marker = batch.input(step: step, sample: sample, feature: 1)
        #expect(value >= 0 && value < 1)
        #expect(marker == 0 || marker == 1)
        if marker == 1 { sum += value }
      }
      #expect(markers(batch, sample: sample).count == 2)
      #expect(targets[sample] == sum)
    }
  }

  @Test func halvesPutOneMarkerInEachHalfAndCoverBoth() throws {
    for seqLen in [2, 7, 40] {
      let task = try AddingTask(seqLen: seqLen, placement: .halves)
      var generator = SeededGenerator(seed: 3)
      var seen = Set<Int>()
      for _ in 0..<20 {
        let batch = task.makeBatch(size: 64, generator: &generator)
        for sample in 0..<64 {
          let marked = markers(batch, sample: sample)
          #expect(marked.count == 2)
          #expect(marked[0] < seqLen / 2 && marked[1] >= seqLen / 2)
          seen.formUnion(marked)
        }
      }
      // Every step of both halves, including the last step of an odd length, gets marked.
      #expect(seen == Set(0..<seqLen))
    }
  }

  @Test func hochreiterPutsFirstMarkerInFirstTenStepsAndSecondInFirstHalf() throws {
    let task = try AddingTask(seqLen: 100, placement: .hochreiter)
    var generator = SeededGenerator(seed: 4)
    var earlySteps = Set<Int>()
    var allSteps = Set<Int>()
    for _ in 0..<40 {
      let batch = task.makeBatch(size: 64, generator: &generator)
      for sample in 0..<64 {
        let marked = markers(batch, sample: sample)
        #expect(marked.count == 2)
        #expect(marked.allSatisfy { $0 < 50 })
        // At least one marker is among the first 10 steps.
        #expect(marked[0] < 10)
        earlySteps.insert(marked[0])
        allSteps.formUnion(marked)
      }
    }
    #expect(earlySteps == Set(0..<10))
    #expect(allSteps == Set(0..<50))
  }

  @Test func hochreiterUsesFirstHalfForShortSequences() throws {
    for seqLen in [4, 5, 12, 19] {
      let task = try AddingTask(seqLen: seqLen, placement: .hochreiter)
      var generator = SeededGenerator(seed: 5)
      var seen = Set<Int>()
      let batch = task.makeBatch(size: 2_000, generator: &generator)
      for sample in 0..<batch.batchSize {
        let marked = markers(batch, sample: sample)
        #expect(marked.count == 2)
        #expect(marked.allSatisfy { $0 < seqLen / 2 })
        seen.formUnion(marked)
      }
      #expect(seen == Set(0..<(seqLen / 2)))
    }
  }

  @Test func anywhereUsesTheWholeSequenceIncludingAdjacentSteps() throws {
    let task = try AddingTask(seqLen: 10, placement: .anywhere)
    var generator = SeededGenerator(seed: 6)
    let batch = task.makeBatch(size: 2_000, generator: &generator)
    var seen = Set<Int>()
    var lags = Set<Int>()
    var bothInSecondHalf = 0
    for sample in 0..<batch.batchSize {
      let marked = markers(batch, sample: sample)
      #expect(marked.count == 2)
      seen.formUnion(marked)
      lags.insert(marked[1] - marked[0])
      if marked[0] >= 5 { bothInSecondHalf += 1 }
    }
    #expect(seen == Set(0..<10))
    #expect(lags == Set(1...9))
    #expect(bothInSecondHalf > 0)
  }

  @Test func markerStepsAreRoughlyUniformUnderHalves() throws {
    let task = try AddingTask(seqLen: 10, placement: .halves)
    var generator = SeededGenerator(seed: 7)
    var counts = [Int](repeating: 0, count: 10)
    let batch = task.makeBatch(size: 10_000, generator: &generator)
    for sample in 0..<batch.batchSize {
      for step in markers(batch, sample: sample) { counts[step] += 1 }
    }
    // Each step is marked with probability 1/5: 2000 expected, sd ≈ 40.
    for count in counts { #expect(abs(count - 2_000) < 250) }
  }

  @Test(arguments: AddingTask.Placement.allCases)
  func baselineIsOneSixthEmpirically(placement: AddingTask.Placement) throws {
    let task = try AddingTask(seqLen: 8, placement: placement)
    #expect(task.baselineLoss == 1.0 / 6.0)
    var generator = SeededGenerator(seed: 8)
    var squaredError = 0.0
    var sum = 0.0
    var count = 0
    for _ in 0..<50 {
      let batch = task.makeBatch(size: 2_000, generator: &generator)
      guard case .regression(let targets) = batch.targets else { return }
      for target in targets {
        squaredError += (Double(target) - 1) * (Double(target) - 1)
        sum += Double(target)
        count += 1
      }
    }
    // 100k samples: standard error of the mean squared error ≈ 0.0006.
    #expect(abs(squaredError / Double(count) - 1.0 / 6.0) < 0.003)
    #expect(abs(sum / Double(count) - 1) < 0.005)
  }

  @Test func solvedBelowTenPercentOfBaseline() throws {
    let task = try AddingTask(seqLen: 100)
    #expect(task.solvedCriterion == .lossBelow(1.0 / 60.0))
    #expect(task.isSolved(loss: 0.016, accuracy: nil))
    #expect(!task.isSolved(loss: 0.017, accuracy: nil))
    #expect(!task.isSolved(loss: 1.0 / 6.0, accuracy: nil))
    #expect(!task.isSolved(loss: .nan, accuracy: nil))
  }

  @Test func rejectsSequencesTooShortForThePlacement() throws {
    #expect(throws: TaskConfigurationError(
      "adding: seq_len must be at least 4 with placement hochreiter (got 3)")) {
      try AddingTask(seqLen: 3, placement: .hochreiter)
    }
    #expect(throws: TaskConfigurationError.self) { try AddingTask(seqLen: 1, placement: .halves) }
    #expect(throws: TaskConfigurationError.self) { try AddingTask(seqLen: 1, placement: .anywhere) }
    _ = try AddingTask(seqLen: 2, placement: .anywhere)
    _ = try AddingTask(seqLen: 4, placement: .hochreiter)
  }

  @Test func describesItselfAndItsBaseline() throws {
    let task = try AddingTask(seqLen: 100, placement: .hochreiter)
    #expect(task.description.contains("T=100"))
    #expect(task.description.contains("hochreiter"))
    #expect(task.baselineDescription.contains("predicting 1"))
  }
}
