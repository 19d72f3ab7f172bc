import RNNLabRandom
import Testing

@testable import RNNLabTasks

@Suite struct SolvedCriterionTests {
  @Test func lossBelowIsStrictAndNeedsAFiniteLoss() {
    let rule = SolvedCriterion.lossBelow(0.5)
    #expect(rule.isSatisfied(loss: 0.49, accuracy: nil))
    #expect(!rule.isSatisfied(loss: 0.5, accuracy: nil))
    #expect(!rule.isSatisfied(loss: .nan, accuracy: nil))
    #expect(!rule.isSatisfied(loss: -.infinity, accuracy: nil))
  }

  @Test func accuracyAtLeastIsInclusiveAndNeedsAnAccuracy() {
    let rule = SolvedCriterion.accuracyAtLeast(0.99)
    #expect(rule.isSatisfied(loss: 9, accuracy: 0.99))
    #expect(rule.isSatisfied(loss: .nan, accuracy: 1))
    // 99 of 100 right is exactly the threshold.
    #expect(rule.isSatisfied(loss: 0, accuracy: AccuracyTally(correct: 99, scored: 100).accuracy))
    #expect(!rule.isSatisfied(loss: 0, accuracy: AccuracyTally(correct: 98, scored: 100).accuracy))
    #expect(!rule.isSatisfied(loss: 0, accuracy: nil))
    #expect(!rule.isSatisfied(loss: 0, accuracy: .nan))
  }

  @Test func describesItself() {
    #expect(SolvedCriterion.accuracyAtLeast(0.99).description == "eval accuracy >= 99.0%")
    #expect(SolvedCriterion.lossBelow(0.25).description == "eval loss < 0.25")
  }

  @Test func tallyAddsBatchesBeforeDividing() {
    var tally = AccuracyTally()
    #expect(tally.accuracy == nil)
    tally += AccuracyTally(correct: 30, scored: 32)
    tally += AccuracyTally(correct: 0, scored: 4)
    #expect(tally == AccuracyTally(correct: 30, scored: 36))
    #expect(tally.accuracy == 30.0 / 36.0)
  }

  @Test func regressionBatchesHaveNoAccuracy() throws {
    let task = try AddingTask(seqLen: 10)
    var generator = SeededGenerator(seed: 1)
    let batch = task.makeBatch(size: 2, generator: &generator)
    #expect(batch.accuracyTally(predictedClasses: [0, 0]) == nil)
  }
}
