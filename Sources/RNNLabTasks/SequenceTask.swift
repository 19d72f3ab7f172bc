import RNNLabRandom

/// A seeded synthetic sequence task: it makes batches, states the loss of a
/// model that has learned nothing useful, and says when a loss counts as solved.
///
/// Conformers are small immutable values; all randomness comes from the
/// `SeededGenerator` passed to `makeBatch`, so the same generator state always
/// gives the same batch. Every generator draws its randomness one sequence at
/// a time, in sample order, so a batch of `B` sequences holds exactly the
/// sequences of `B` consecutive batches of one (the evaluation set depends on
/// the stream only, never on the batch size used to walk it).
public protocol SequenceTask: Sendable, CustomStringConvertible {
  /// The spec's name for this kind of task (`adding`, `copy`, …).
  var kind: TaskKind { get }

  /// The sequence length `T` the experiment varies (the spec's `seq_len`).
  var seqLen: Int { get }

  /// The number of time steps the model actually reads: `T` for most tasks,
  /// `T + 2·copy_length` for `copy`. Gradient-flow profiles run over these steps.
  var totalSteps: Int { get }

  /// Features per time step of the input (one-hot width for symbolic tasks).
  var inputSize: Int { get }

  /// Regression dimensions, or the number of classes for classification.
  var outputSize: Int { get }

  /// Where the targets sit and which loss applies to them.
  var target: TargetKind { get }

  /// The loss of the best predictor that ignores the long dependency
  /// (e.g. always predicting the mean), in the same units as the training loss.
  var baselineLoss: Double { get }

  /// One sentence saying which trivial predictor reaches `baselineLoss`.
  var baselineDescription: String { get }

  /// The rule that decides whether an evaluation counts as solved.
  var solvedCriterion: SolvedCriterion { get }

  /// Whether a model trained at one length may be tested at another (the
  /// spec's `evaluation: {lengths: …}`); each task type states it once.
  static var lengthGeneralisation: LengthGeneralisation { get }

  /// A fresh batch of `size` sequences drawn from `generator`.
  func makeBatch(size: Int, generator: inout SeededGenerator) -> TaskBatch
}

extension SequenceTask {
  /// Whether this task reports an accuracy (every classification task does).
  public var hasAccuracy: Bool { target != .regressionAtEnd }

  /// Whether an evaluation with this loss (and accuracy, when the task has
  /// one) counts as solved; see `solvedCriterion` for the rule.
  public func isSolved(loss: Double, accuracy: Double?) -> Bool {
    solvedCriterion.isSatisfied(loss: loss, accuracy: accuracy)
  }
}
