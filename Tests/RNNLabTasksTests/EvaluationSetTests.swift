import RNNLabRandom
import Testing

@testable import RNNLabTasks

@Suite struct EvaluationSetTests {
  @Test func yieldsSizeSequencesInBatches() throws {
    let task = try CopyTask(seqLen: 10)
    let set = EvaluationSet(task: task, size: 70, batchSize: 32, seed: 1)
    let batches = Array(set)
    #expect(set.batchCount == 3)
    #expect(batches.map(\.batchSize) == [32, 32, 6])
    #expect(batches.allSatisfy { $0.steps == task.totalSteps })
  }

  @Test func isTheSameAtEveryWalk() throws {
    let task = try AddingTask(seqLen: 20)
    let set = EvaluationSet(task: task, size: 50, batchSize: 16, seed: 2)
    #expect(Array(set) == Array(set))
    // A copy of the set (as held by another evaluation) walks the same sequences.
    let copy = set
    #expect(Array(copy) == Array(set))
  }

  @Test(arguments: TaskKind.allCases)
  func sequencesDoNotDependOnTheBatchSize(kind: TaskKind) throws {
    let task = try AllTasks.make(kind)
    let byTens = EvaluationSet(task: task, size: 25, batchSize: 10, seed: 3)
    let all = EvaluationSet(task: task, size: 25, batchSize: 100, seed: 3)
    #expect(all.batchSize == 25 && all.batchCount == 1)
    #expect(byTens.flatMap(\.samples) == all.flatMap(\.samples))
  }

  @Test func differsFromTheTrainingStream() throws {
    let task = try FirstSymbolTask(seqLen: 10)
    let evaluation = EvaluationSet(task: task, size: 32, batchSize: 32, seed: 4)
    var training = TrainingStream(task: task, batchSize: 32, seed: 4)
    let evaluationBatch = try #require(Array(evaluation).first)
    #expect(evaluationBatch != training.nextBatch())
    #expect(EvaluationSet.streamName != TrainingStream.streamName)
  }

  @Test func usesTheNamedStreamOfTheSeed() throws {
    let task = try LookaheadTask(seqLen: 12)
    let bySeed = EvaluationSet(task: task, size: 9, batchSize: 4, seed: 5)
    let byGenerator = EvaluationSet(
      task: task, size: 9, batchSize: 4, generator: SeededGenerator(seed: 5, stream: "eval"))
    #expect(Array(bySeed) == Array(byGenerator))
  }

  @Test func trainingStreamGivesFreshDeterministicBatches() throws {
    let task = try TemporalOrderTask(seqLen: 30)
    var first = TrainingStream(task: task, batchSize: 8, seed: 6)
    var second = TrainingStream(task: task, batchSize: 8, seed: 6)
    let a = first.nextBatch()
    let b = first.nextBatch()
    #expect(a != b)
    #expect(a.batchSize == 8)
    #expect(second.nextBatch() == a)
    #expect(second.nextBatch() == b)
    var byGenerator = TrainingStream(
      task: task, batchSize: 8, generator: SeededGenerator(seed: 6, stream: "data"))
    #expect(byGenerator.nextBatch() == a)
  }
}
