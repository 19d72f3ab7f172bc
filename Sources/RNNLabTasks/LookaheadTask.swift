import RNNLabRandom

/// Lookahead: at every step, name the symbol that will arrive `offset` steps
/// later. The task that needs the future.
///
/// The input is a uniform i.i.d. string of `symbols` one-hot symbols,
/// `x_0 … x_{T−1}`. The target at step `t` is `x_{t+offset}` for
/// `t < T − offset`; the last `offset` steps have no future symbol to name and
/// are not scored (loss and accuracy mask 0). Cross-entropy is averaged over
/// the scored steps.
///
/// Why it separates the directions: `x_{t+offset}` is independent of
/// everything up to step `t`, so a one-directional (forward) model, however
/// large or well trained, can do no better than a uniform guess, loss
/// `log(symbols)` and accuracy `1/symbols`. A bidirectional model's backward
/// direction has already read `x_{t+offset}` when it reaches step `t`, so it
/// only has to remember it for `offset` steps and can reach loss 0. A large
/// `offset` turns that memory into a long dependency for the backward direction.
public struct LookaheadTask: SequenceTask {
  /// Steps ahead when the spec does not say.
  public static let defaultOffset = 5
  /// Alphabet size when the spec does not say.
  public static let defaultSymbols = 8

  public let seqLen: Int
  /// How many steps ahead the target is read.
  public let offset: Int
  /// Alphabet size (input width and number of classes).
  public let symbols: Int

  /// A lookahead task; needs `offset >= 1`, `offset < seqLen` (so at least one
  /// step is scored) and `symbols >= 2`.
  public init(
    seqLen: Int, offset: Int = defaultOffset, symbols: Int = defaultSymbols
  ) throws(TaskConfigurationError) {
    try TaskConfigurationError.requireOption("offset", offset, kind: .lookahead)
    try TaskConfigurationError.require(
      seqLen >= Self.minimumSeqLen(offset: offset), "lookahead",
      "offset must be less than seq_len (got offset \(offset), seq_len \(seqLen))")
    try TaskConfigurationError.requireOption("symbols", symbols, kind: .lookahead)
    self.seqLen = seqLen
    self.offset = offset
    self.symbols = symbols
  }

  /// At least one step whose target (`offset` steps ahead) is in the sequence.
  public static func minimumSeqLen(offset: Int) -> Int { offset + 1 }

  /// Its lag is `offset` at every T: a longer sequence is more of the same
  /// lag, not a longer one, so the trained-at → tested-at question has no
  /// answer here (tasks with other offsets ask it).
  public static let lengthGeneralisation = LengthGeneralisation.untestable(
    because: "its lag is 'offset', which another length leaves unchanged; give tasks with other offsets instead")

  public var kind: TaskKind { .lookahead }
  public var totalSteps: Int { seqLen }
  public var inputSize: Int { symbols }
  public var outputSize: Int { symbols }
  public var target: TargetKind { .classEveryStep }

  /// Steps whose target is scored: `T − offset`.
  public var scoredSteps: Int { seqLen - offset }

  /// `log(symbols)`: the best a model without access to the future can do
  /// (the future symbol is uniform and independent of the past).
  public var baselineLoss: Double { naturalLog(Double(symbols)) }

  public var baselineDescription: String {
    "a uniform guess over the \(symbols) symbols gives cross-entropy log(\(symbols)), the best any one-directional model can do since the target symbol has not been read yet"
  }

  /// At least 99% of the scored steps right (reachable only with the backward direction).
  public var solvedCriterion: SolvedCriterion { .accuracyAtLeast(SolvedCriterion.accuracyThreshold) }

  public var description: String {
    "Lookahead (T=\(seqLen)): at each step name the symbol (of \(symbols)) that arrives \(offset) steps later; only a bidirectional model can see it."
  }

  public func makeBatch(size: Int, generator: inout SeededGenerator) -> TaskBatch {
    precondition(size > 0, "batch size must be positive")
    var inputs = InputBuffer(steps: seqLen, batchSize: size, inputSize: symbols)
    var labels = [Int32](repeating: 0, count: seqLen * size)
    var mask = [Float](repeating: 0, count: seqLen * size)
    for sample in 0..<size {
      for step in 0..<seqLen {
        let symbol = generator.nextInt(below: symbols)
        inputs.setOneHot(step: step, sample: sample, symbol: symbol)
        if step >= offset {
          let scoredIndex = (step - offset) * size + sample
          labels[scoredIndex] = Int32(symbol)
          mask[scoredIndex] = 1
        }
      }
    }
    return TaskBatch(
      steps: seqLen, batchSize: size, inputSize: symbols, outputSize: symbols,
      inputs: inputs.values,
      targets: .sequenceClasses(labels: labels, lossMask: mask, accuracyMask: mask))
  }
}
