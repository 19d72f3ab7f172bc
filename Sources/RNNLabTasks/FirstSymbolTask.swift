import RNNLabRandom

/// Remember the first symbol (Hochreiter & Schmidhuber 1997, experiment 2,
/// generalised): a class symbol, then `T − 1` distractors; name the class at the end.
///
/// Input is one-hot over `classes + distractors` values: class symbols
/// `0..<classes`, distractors `classes..<classes + distractors`. Step 0 holds a
/// uniform class symbol, steps `1..<T` uniform distractors, which carry no
/// information about the class. The label is the class index, read at the last
/// step with cross-entropy. Hochreiter's 2a/2b repeat the class symbol at the
/// end and predict the next symbol; here the end step is an ordinary
/// distractor, so the only evidence is `T − 1` steps back.
public struct FirstSymbolTask: SequenceTask {
  /// Class symbols when the spec does not say.
  public static let defaultClasses = 4
  /// Distractor symbols when the spec does not say.
  public static let defaultDistractors = 8

  public let seqLen: Int
  /// Number of class symbols (and output classes).
  public let classes: Int
  /// Number of distractor symbols.
  public let distractors: Int

  /// A first-symbol task; needs `seqLen >= 2` (at least one distractor
  /// between the class and the answer), `classes >= 2`, `distractors >= 1`.
  public init(
    seqLen: Int, classes: Int = defaultClasses, distractors: Int = defaultDistractors
  ) throws(TaskConfigurationError) {
    try TaskConfigurationError.requireAtLeast(Self.minimumSeqLen, "seq_len", seqLen, kind: "first_symbol")
    try TaskConfigurationError.requireOption("classes", classes, kind: .firstSymbol)
    try TaskConfigurationError.requireOption("distractors", distractors, kind: .firstSymbol)
    self.seqLen = seqLen
    self.classes = classes
    self.distractors = distractors
  }

  /// The class and at least one distractor after it.
  public static let minimumSeqLen = 2

  /// Only the run of distractors grows: the lag is T − 1.
  public static let lengthGeneralisation = LengthGeneralisation.testable

  public var kind: TaskKind { .firstSymbol }
  public var totalSteps: Int { seqLen }
  public var inputSize: Int { classes + distractors }
  public var outputSize: Int { classes }
  public var target: TargetKind { .classAtEnd }

  /// `log(classes)`: the classes are equally likely, so a uniform guess is the
  /// best a model that forgot step 0 can do.
  public var baselineLoss: Double { naturalLog(Double(classes)) }

  public var baselineDescription: String {
    "a uniform guess over the \(classes) equally likely classes gives cross-entropy log(\(classes))"
  }

  /// At least 99% of the sequences classified right.
  public var solvedCriterion: SolvedCriterion { .accuracyAtLeast(SolvedCriterion.accuracyThreshold) }

  public var description: String {
    "Remember the first symbol (T=\(seqLen)): name which of \(classes) class symbols opened the sequence, after \(seqLen - 1) distractors from \(distractors) others."
  }

  public func makeBatch(size: Int, generator: inout SeededGenerator) -> TaskBatch {
    precondition(size > 0, "batch size must be positive")
    var inputs = InputBuffer(steps: seqLen, batchSize: size, inputSize: inputSize)
    var labels = [Int32](repeating: 0, count: size)
    for sample in 0..<size {
      let label = generator.nextInt(below: classes)
      labels[sample] = Int32(label)
      inputs.setOneHot(step: 0, sample: sample, symbol: label)
      for step in 1..<seqLen {
        inputs.setOneHot(
          step: step, sample: sample, symbol: classes + generator.nextInt(below: distractors))
      }
    }
    return TaskBatch(
      steps: seqLen, batchSize: size, inputSize: inputSize, outputSize: classes,
      inputs: inputs.values, targets: .classes(labels))
  }
}
