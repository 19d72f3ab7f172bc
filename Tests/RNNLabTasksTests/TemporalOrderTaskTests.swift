import RNNLabRandom
import Testing

@testable import RNNLabTasks

@Suite struct TemporalOrderTaskTests {
  @Test func shapes() throws {
    let task = try TemporalOrderTask(seqLen: 100)
    var generator = SeededGenerator(seed: 1)
    let batch = task.makeBatch(size: 6, generator: &generator)
    #expect(task.totalSteps == 100 && batch.steps == 100)
    #expect(task.inputSize == 8 && batch.inputSize == 8)
    #expect(task.outputSize == 4 && batch.outputSize == 4)
    #expect(task.target == .classAtEnd && task.hasAccuracy)
    #expect(batch.classLabels.count == 6)
  }

  @Test func windowsMatchHochreiterAtLengthOneHundred() throws {
    let task = try TemporalOrderTask(seqLen: 100)
    #expect(task.firstWindow == 10..<20)
    #expect(task.secondWindow == 50..<60)
  }

  @Test func windowsStayApartAndInsideTheMarkersForEveryLength() throws {
    for seqLen in 4...300 {
      let task = try TemporalOrderTask(seqLen: seqLen)
      #expect(!task.firstWindow.isEmpty && !task.secondWindow.isEmpty)
      #expect(task.firstWindow.lowerBound >= 1)
      #expect(task.firstWindow.upperBound <= task.secondWindow.lowerBound)
      #expect(task.secondWindow.upperBound <= seqLen - 1)
    }
  }

  @Test(arguments: [4, 5, 9, 37, 100])
  func placementAndLabelsFollowTheRelevantSymbols(seqLen: Int) throws {
    let task = try TemporalOrderTask(seqLen: seqLen)
    var generator = SeededGenerator(seed: 2)
    var firstSteps = Set<Int>()
    var secondSteps = Set<Int>()
    var labelCounts = [Int](repeating: 0, count: 4)
    for _ in 0..<10 {
      let batch = task.makeBatch(size: 200, generator: &generator)
      for sample in 0..<batch.batchSize {
        guard let input = batch.symbols(sample: sample) else {
          Issue.record("temporal_order inputs must be one-hot")
          continue
        }
        #expect(input.first == task.startMarker)
        #expect(input.last == task.endMarker)
        let relevant = input.indices.filter { input[$0] == task.symbolX || input[$0] == task.symbolY }
        #expect(relevant.count == 2)
        guard relevant.count == 2 else { continue }
        #expect(task.firstWindow.contains(relevant[0]))
        #expect(task.secondWindow.contains(relevant[1]))
        firstSteps.insert(relevant[0])
        secondSteps.insert(relevant[1])
        // Every other step between the markers is a distractor.
        for step in 1..<(seqLen - 1) where !relevant.contains(step) {
          #expect(input[step] < task.distractors)
        }
        let expected = 2 * (input[relevant[0]] - task.symbolX) + (input[relevant[1]] - task.symbolX)
        let label = Int(batch.classLabels[sample])
        #expect(label == expected)
        labelCounts[label] += 1
      }
    }
    #expect(firstSteps == Set(task.firstWindow))
    #expect(secondSteps == Set(task.secondWindow))
    // 2000 sequences, 500 expected per order, sd ≈ 19.
    for count in labelCounts { #expect(abs(count - 500) < 100) }
  }

  @Test func baselineAndSolvedCriterion() throws {
    let task = try TemporalOrderTask(seqLen: 50)
    #expect(abs(task.baselineLoss - 1.3862943611198906) < 1e-15)
    #expect(task.solvedCriterion == .accuracyAtLeast(0.99))
    #expect(task.isSolved(loss: 0.2, accuracy: 0.99))
    #expect(!task.isSolved(loss: 0.2, accuracy: 0.9))
  }

  @Test func rejectsInvalidOptions() {
    #expect(throws: TaskConfigurationError("temporal_order: seq_len must be at least 4 (got 3)")) {
      try TemporalOrderTask(seqLen: 3)
    }
    #expect(throws: TaskConfigurationError("temporal_order: distractors must be at least 1 (got 0)")) {
      try TemporalOrderTask(seqLen: 10, distractors: 0)
    }
  }
}
