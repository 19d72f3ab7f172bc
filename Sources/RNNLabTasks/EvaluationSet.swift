import RNNLabRandom

/// A fixed set of evaluation sequences, walked in batches.
///
/// The set is the first `size` sequences of its generator's stream. It is not
/// stored: each walk regenerates the batches from a saved copy of the
/// generator, so every evaluation of a trial sees bit-identical sequences at no
/// memory cost (512 copy sequences at T = 2000 would be 40 MB). Because every
/// task draws one sequence at a time, the sequences do not depend on
/// `batchSize`; only the grouping does.
public struct EvaluationSet: Sequence, Sendable {
  /// The stream name `init(task:size:batchSize:seed:)` uses, distinct from
  /// `TrainingStream.streamName`, so evaluation never sees training sequences' draws.
  public static let streamName = "eval"
  /// The stream of a trial's validation set: a third stream of the same
  /// seed, so validation shares no draw with test or training sequences.
  public static let validationStreamName = "val"

  /// The stream of a trial's set at another length `seqLen` (`evaluation:
  /// {lengths: …}`): one per length, so adding a length changes no draw of
  /// any other set or of training.
  public static func lengthStreamName(_ seqLen: Int) -> String { "eval-T\(seqLen)" }

  /// The task the sequences come from.
  public let task: any SequenceTask
  /// Number of sequences (the spec's `eval_size`).
  public let size: Int
  /// Sequences per batch; the last batch holds the remainder.
  public let batchSize: Int
  /// The generator state before the first sequence.
  private let start: SeededGenerator

  /// The first `size` sequences of `generator`'s stream, in batches of at most
  /// `batchSize` (clamped to `size`).
  public init(task: any SequenceTask, size: Int, batchSize: Int, generator: SeededGenerator) {
    precondition(size > 0, "an evaluation set needs at least one sequence")
    precondition(batchSize > 0, "batch size must be positive")
    self.task = task
    self.size = size
    self.batchSize = Swift.min(batchSize, size)
    start = generator
  }

  /// A fixed set of one trial: the `stream` stream of `seed` (by default
  /// `eval`, the evaluation (test) set; `val` for the validation set).
  public init(task: any SequenceTask, size: Int, batchSize: Int, seed: UInt64, stream: String = Self.streamName) {
    self.init(
      task: task, size: size, batchSize: batchSize,
      generator: SeededGenerator(seed: seed, stream: stream))
  }

  /// How many batches a walk yields.
  public var batchCount: Int { (size + batchSize - 1) / batchSize }

  public func makeIterator() -> Iterator { Iterator(set: self) }

  /// Walks the set from its first sequence.
  public struct Iterator: IteratorProtocol {
    private let set: EvaluationSet
    private var generator: SeededGenerator
    private var remaining: Int

    init(set: EvaluationSet) {
      self.set = set
      generator = set.start
      remaining = set.size
    }

    public mutating func next() -> TaskBatch? {
      guard remaining > 0 else { return nil }
      let count = Swift.min(set.batchSize, remaining)
      remaining -= count
      return set.task.makeBatch(size: count, generator: &generator)
    }
  }
}
