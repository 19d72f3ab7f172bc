import RNNLabRandom

/// Copy memory (Arjovsky, Shah & Bengio 2016): read `copy_length` symbols,
/// wait `T` steps, then write the symbols back in order.
///
/// With `K = copy_length` and `S = symbols`, a sequence has `T + 2K` steps:
///
///     input:  s1 … sK  blank × (T−1)  delimiter  blank × K
///     target: blank × (T + K)                    s1 … sK
///
/// Input is one-hot over `S + 2` values: symbols `0..<S`, blank `S`, delimiter
/// `S + 1`. Output classes are `S + 1`: the symbols `0..<S` (the same indices as
/// in the input) and blank `S`. The loss is cross-entropy averaged over all
/// `T + 2K` steps; accuracy counts only the `K` recall steps. Arjovsky's code
/// numbers the symbols 1…8 with blank 0 and delimiter 9; only the numbering differs.
public struct CopyTask: SequenceTask {
  /// Symbols to copy when the spec does not say (Arjovsky et al.: 10).
  public static let defaultCopyLength = 10
  /// Alphabet size when the spec does not say (Arjovsky et al.: 8).
  public static let defaultSymbols = 8

  public let seqLen: Int
  /// `K`, the number of symbols to remember.
  public let copyLength: Int
  /// `S`, the alphabet the symbols come from.
  public let symbols: Int

  /// A copy task; needs `seqLen >= 1`, `copyLength >= 1` and `symbols >= 2`
  /// (one symbol would leave nothing to remember).
  public init(
    seqLen: Int, copyLength: Int = defaultCopyLength, symbols: Int = defaultSymbols
  ) throws(TaskConfigurationError) {
    try TaskConfigurationError.requireAtLeast(Self.minimumSeqLen, "seq_len", seqLen, kind: "copy")
    try TaskConfigurationError.requireOption("copy_length", copyLength, kind: .copy)
    try TaskConfigurationError.requireOption("symbols", symbols, kind: .copy)
    self.seqLen = seqLen
    self.copyLength = copyLength
    self.symbols = symbols
  }

  /// At least one blank between the symbols and the delimiter.
  public static let minimumSeqLen = 1

  /// The layout generalises: only the blank run (T − 1) grows; the symbols,
  /// the delimiter and the recall steps keep their places at its two ends.
  public static let lengthGeneralisation = LengthGeneralisation.testable

  public var kind: TaskKind { .copy }
  /// `T + 2·copy_length`.
  public var totalSteps: Int { seqLen + 2 * copyLength }
  public var inputSize: Int { symbols + 2 }
  public var outputSize: Int { symbols + 1 }
  public var target: TargetKind { .classEveryStep }

  /// The blank input and output index.
  public var blank: Int { symbols }
  /// The delimiter input index: "start writing now".
  public var delimiter: Int { symbols + 1 }
  /// The first step whose target is a symbol to recall, `T + K`.
  public var firstRecallStep: Int { seqLen + copyLength }

  /// `K·log(S) / (T + 2K)`: a memoryless model that predicts blank until the
  /// delimiter and a uniform symbol afterwards pays `log S` on each of the `K`
  /// recall steps and nothing elsewhere.
  public var baselineLoss: Double {
    Double(copyLength) * naturalLog(Double(symbols)) / Double(totalSteps)
  }

  public var baselineDescription: String {
    "predicting blank before the delimiter and a uniform guess over the \(symbols) symbols on the \(copyLength) recall steps gives copy_length·log(symbols)/(T+2·copy_length)"
  }

  /// At least 99% of the recalled symbols right (docs/literature.md).
  public var solvedCriterion: SolvedCriterion { .accuracyAtLeast(SolvedCriterion.accuracyThreshold) }

  public var description: String {
    "Copy memory (T=\(seqLen)): read \(copyLength) symbols from an alphabet of \(symbols), wait \(seqLen) steps, then output them in order after the delimiter."
  }

  public func makeBatch(size: Int, generator: inout SeededGenerator) -> TaskBatch {
    precondition(size > 0, "batch size must be positive")
    let steps = totalSteps
    var inputs = InputBuffer(steps: steps, batchSize: size, inputSize: inputSize)
    var labels = [Int32](repeating: Int32(blank), count: steps * size)
    var accuracyMask = [Float](repeating: 0, count: steps * size)
    for sample in 0..<size {
      for position in 0..<copyLength {
        let symbol = generator.nextInt(below: symbols)
        inputs.setOneHot(step: position, sample: sample, symbol: symbol)
        let recallIndex = (firstRecallStep + position) * size + sample
        labels[recallIndex] = Int32(symbol)
        accuracyMask[recallIndex] = 1
      }
      for step in copyLength..<steps {
        let isDelimiter = step == firstRecallStep - 1
        inputs.setOneHot(step: step, sample: sample, symbol: isDelimiter ? delimiter : blank)
      }
    }
    return TaskBatch(
      steps: steps, batchSize: size, inputSize: inputSize, outputSize: outputSize,
      inputs: inputs.values,
      targets: .sequenceClasses(
        labels: labels, lossMask: [Float](repeating: 1, count: steps * size),
        accuracyMask: accuracyMask))
  }
}
