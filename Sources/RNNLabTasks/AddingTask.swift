import RNNLabRandom

/// The adding problem: remember two marked numbers in a long sequence and
/// output their sum at the end.
///
/// Each step has two features: a value drawn from U[0, 1) and a marker that is
/// 1 at exactly two steps and 0 elsewhere. The target, read at the last step,
/// is the sum of the two marked values; the loss is the mean squared error.
/// Unlike Hochreiter & Schmidhuber (1997) there are no −1 end markers and no
/// value is zeroed, and unlike Pascanu et al. (2013) the sum is not halved and
/// the length does not jitter: every placement has the same target
/// distribution, so the baseline is 1/6 for all of them.
public struct AddingTask: SequenceTask {
  /// Where the two markers may fall.
  public enum Placement: String, Sendable, CaseIterable {
    /// One marker uniform in `[0, T/2)`, the other uniform in `[T/2, T)`
    /// (Arjovsky et al. 2016). Both directions of a bidirectional model face a
    /// lag of about `T/2` or more.
    case halves
    /// The first marker uniform in the first 10 steps (the first half when
    /// `T < 20`), the second uniform over the other steps of the first half
    /// (Hochreiter & Schmidhuber 1997, experiment 4). The lag for a forward
    /// model is at least about `T/2`, but a backward direction sees both
    /// markers early, so bidirectional models get a short lag.
    case hochreiter
    /// Two distinct steps uniform over the whole sequence (as in the TCN
    /// code); the lag can be short.
    case anywhere
  }

  /// The marker placement rule.
  public let placement: Placement
  public let seqLen: Int

  /// An adding task of length `seqLen`; `halves` and `anywhere` need
  /// `seqLen >= 2`, `hochreiter` needs `seqLen >= 4` (two distinct steps in the first half).
  public init(seqLen: Int, placement: Placement = .halves) throws(TaskConfigurationError) {
    try TaskConfigurationError.requireAtLeast(
      Self.minimumSeqLen(placement: placement), "seq_len", seqLen, kind: "adding",
      because: "with placement \(placement.rawValue)")
    self.seqLen = seqLen
    self.placement = placement
  }

  /// The shortest sequence with two markers where `placement` puts them.
  public static func minimumSeqLen(placement: Placement) -> Int { placement == .hochreiter ? 4 : 2 }

  /// The markers' placement rule scales with T, so the lag does too.
  public static let lengthGeneralisation = LengthGeneralisation.testable

  public var kind: TaskKind { .adding }
  public var totalSteps: Int { seqLen }
  /// Feature 0 is the value, feature 1 the marker.
  public var inputSize: Int { 2 }
  public var outputSize: Int { 1 }
  public var target: TargetKind { .regressionAtEnd }

  /// 1/6: the variance of the sum of two independent U[0, 1) values, which is
  /// the mean squared error of always predicting its mean, 1.
  public var baselineLoss: Double { 1.0 / 6.0 }

  public var baselineDescription: String {
    "always predicting 1, the mean of the sum, gives MSE 1/6 ≈ 0.1667 (the variance of the sum of two U[0,1) values)"
  }

  /// MSE below 10% of the baseline (< 1/60 ≈ 0.0167), the threshold
  /// docs/literature.md explains.
  public var solvedCriterion: SolvedCriterion {
    .lossBelow(SolvedCriterion.baselineFraction * baselineLoss)
  }

  public var description: String {
    "Adding problem (T=\(seqLen), markers \(placement.rawValue)): output the sum of the two marked values in [0,1) at the last step."
  }

  public func makeBatch(size: Int, generator: inout SeededGenerator) -> TaskBatch {
    precondition(size > 0, "batch size must be positive")
    var inputs = InputBuffer(steps: seqLen, batchSize: size, inputSize: 2)
    var targets = [Float](repeating: 0, count: size)
    for sample in 0..<size {
      let (first, second) = markerSteps(generator: &generator)
      var sum: Float = 0
      for step in 0..<seqLen {
        let value = generator.nextFloat()
        inputs.set(step: step, sample: sample, feature: 0, to: value)
        if step == first || step == second {
          inputs.set(step: step, sample: sample, feature: 1, to: 1)
          sum += value
        }
      }
      targets[sample] = sum
    }
    return TaskBatch(
      steps: seqLen, batchSize: size, inputSize: 2, outputSize: 1,
      inputs: inputs.values, targets: .regression(targets))
  }

  /// The two distinct marked steps of one sequence, under `placement`.
  func markerSteps(generator: inout SeededGenerator) -> (Int, Int) {
    let half = seqLen / 2
    switch placement {
    case .halves:
      return (generator.nextInt(below: half), half + generator.nextInt(below: seqLen - half))
    case .hochreiter:
      let first = generator.nextInt(below: Swift.min(10, half))
      return (first, Self.distinctStep(from: first, below: half, generator: &generator))
    case .anywhere:
      let first = generator.nextInt(below: seqLen)
      return (first, Self.distinctStep(from: first, below: seqLen, generator: &generator))
    }
  }

  /// A step uniform over `0..<bound` without `taken`, in a single draw.
  static func distinctStep(from taken: Int, below bound: Int, generator: inout SeededGenerator)
    -> Int
  {
    let step = generator.nextInt(below: bound - 1)
    return step >= taken ? step + 1 : step
  }
}
