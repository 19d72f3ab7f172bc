import RNNLabRandom

/// Temporal order (Hochreiter & Schmidhuber 1997, experiment 6a, generalised
/// to length `T`): two relevant symbols, each X or Y, hide among distractors;
/// classify their order (XX, XY, YX, YY) at the end.
///
/// Input is one-hot over `distractors + 4` values: distractors
/// `0..<distractors`, then X, Y, the start marker and the end marker. Step 0
/// is the start marker and step `T − 1` the end marker. The first relevant
/// symbol sits uniformly in `firstWindow` = `[T/10, T/5)` and the second in
/// `secondWindow` = `[T/2, 3T/5)` (Pascanu et al.'s `[0.1T, 0.2T)` and
/// `[0.5T, 0.6T)`; Hochreiter's `[10, 20]` and `[50, 60]` at `T = 100`). For
/// short sequences the windows are widened to one step and pushed apart so
/// that they never overlap each other or the markers. Every other step is a
/// uniform distractor. Label = 2·(first is Y) + (second is Y): XX 0, XY 1, YX 2, YY 3.
public struct TemporalOrderTask: SequenceTask {
  /// Distractor symbols when the spec does not say (Hochreiter: a, b, c, d).
  public static let defaultDistractors = 4
  /// The four order classes.
  public static let classCount = 4

  public let seqLen: Int
  /// Number of distractor symbols.
  public let distractors: Int
  /// Where the first relevant symbol may sit.
  public let firstWindow: Range<Int>
  /// Where the second relevant symbol may sit (always after `firstWindow`).
  public let secondWindow: Range<Int>

  /// A temporal-order task; needs `seqLen >= 4` (start, two relevant steps,
  /// end) and `distractors >= 1`.
  public init(seqLen: Int, distractors: Int = defaultDistractors) throws(TaskConfigurationError) {
    try TaskConfigurationError.requireAtLeast(Self.minimumSeqLen, "seq_len", seqLen, kind: "temporal_order")
    try TaskConfigurationError.requireOption("distractors", distractors, kind: .temporalOrder)
    self.seqLen = seqLen
    self.distractors = distractors
    let firstStart = Swift.max(1, seqLen / 10)
    let firstEnd = Swift.max(firstStart + 1, seqLen / 5)
    let secondStart = Swift.max(firstEnd, seqLen / 2)
    let secondEnd = Swift.max(secondStart + 1, seqLen * 3 / 5)
    firstWindow = firstStart..<firstEnd
    secondWindow = secondStart..<secondEnd
  }

  /// Start, two relevant steps, end.
  public static let minimumSeqLen = 4

  /// The windows are fractions of T, so the lag between them grows with it.
  public static let lengthGeneralisation = LengthGeneralisation.testable

  public var kind: TaskKind { .temporalOrder }
  public var totalSteps: Int { seqLen }
  public var inputSize: Int { distractors + 4 }
  public var outputSize: Int { Self.classCount }
  public var target: TargetKind { .classAtEnd }

  /// Input index of the relevant symbol X.
  public var symbolX: Int { distractors }
  /// Input index of the relevant symbol Y.
  public var symbolY: Int { distractors + 1 }
  /// Input index of the start marker (step 0).
  public var startMarker: Int { distractors + 2 }
  /// Input index of the end marker (step `T − 1`).
  public var endMarker: Int { distractors + 3 }

  /// `log 4`: the four orders are equally likely.
  public var baselineLoss: Double { naturalLog(Double(Self.classCount)) }

  public var baselineDescription: String {
    "a uniform guess over the 4 equally likely orders gives cross-entropy log 4 ≈ 1.386"
  }

  /// At least 99% of the sequences classified right (Pascanu et al.: < 1% wrong).
  public var solvedCriterion: SolvedCriterion { .accuracyAtLeast(SolvedCriterion.accuracyThreshold) }

  public var description: String {
    "Temporal order (T=\(seqLen)): classify the order of two X/Y symbols at steps \(firstWindow.lowerBound)–\(firstWindow.upperBound - 1) and \(secondWindow.lowerBound)–\(secondWindow.upperBound - 1) among \(distractors) distractors (4 classes)."
  }

  public func makeBatch(size: Int, generator: inout SeededGenerator) -> TaskBatch {
    precondition(size > 0, "batch size must be positive")
    var inputs = InputBuffer(steps: seqLen, batchSize: size, inputSize: inputSize)
    var labels = [Int32](repeating: 0, count: size)
    for sample in 0..<size {
      let firstStep = firstWindow.lowerBound + generator.nextInt(below: firstWindow.count)
      let secondStep = secondWindow.lowerBound + generator.nextInt(below: secondWindow.count)
      let firstIsY = generator.nextInt(below: 2)
      let secondIsY = generator.nextInt(below: 2)
      labels[sample] = Int32(2 * firstIsY + secondIsY)
      for step in 0..<seqLen {
        let symbol: Int
        switch step {
        case 0: symbol = startMarker
        case seqLen - 1: symbol = endMarker
        case firstStep: symbol = symbolX + firstIsY
        case secondStep: symbol = symbolX + secondIsY
        default: symbol = generator.nextInt(below: distractors)
        }
        inputs.setOneHot(step: step, sample: sample, symbol: symbol)
      }
    }
    return TaskBatch(
      steps: seqLen, batchSize: size, inputSize: inputSize, outputSize: Self.classCount,
      inputs: inputs.values, targets: .classes(labels))
  }
}
