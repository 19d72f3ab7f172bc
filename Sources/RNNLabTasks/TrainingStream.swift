import RNNLabRandom

/// Fresh training batches, one per step, from a trial's data stream.
///
/// Batch `n` depends only on the seed and on `n`, so a trial's data never
/// depends on evaluation, on other trials, or on how trials are scheduled.
public struct TrainingStream: Sendable {
  /// The stream name `init(task:batchSize:seed:)` uses.
  public static let streamName = "data"

  /// The task the sequences come from.
  public let task: any SequenceTask
  /// Sequences per batch (the spec's `batch_size`).
  public let batchSize: Int
  private var generator: SeededGenerator

  /// Batches of `batchSize` sequences drawn from `generator`.
  public init(task: any SequenceTask, batchSize: Int, generator: SeededGenerator) {
    precondition(batchSize > 0, "batch size must be positive")
    self.task = task
    self.batchSize = batchSize
    self.generator = generator
  }

  /// The training stream of one trial: the `data` stream of `seed`.
  public init(task: any SequenceTask, batchSize: Int, seed: UInt64) {
    self.init(
      task: task, batchSize: batchSize,
      generator: SeededGenerator(seed: seed, stream: Self.streamName))
  }

  /// Where the stream stands: the generator the next batch is drawn from.
  /// A checkpoint saves it; setting it resumes the stream exactly there.
  public var position: SeededGenerator {
    get { generator }
    set { generator = newValue }
  }

  /// The next batch; never repeats one.
  public mutating func nextBatch() -> TaskBatch {
    task.makeBatch(size: batchSize, generator: &generator)
  }
}
