import RNNLabShapes
import RNNLabTasks

/// `hidden: {parameters: N}`: the model's hidden size is, per task, the
/// largest whose whole model (every layer and direction, and the head) has
/// at most N parameters, counted by `RecurrentShape` as the engine lays the
/// model out. Tasks differ in input and output width, so the size may too.
extension ModelSpec {
  /// The shape of this model on `task` with hidden size `hiddenSize`.
  func shape(on task: TaskSpec) -> RecurrentShape? {
    // Widths do not depend on the length; any valid one will do.
    guard let seqLen = task.seqLens.first, let sequenceTask = try? TaskFactory.make(task.options, seqLen: seqLen)
    else { return nil }
    let gates = switch cell {
    case .rnn: 1
    case .lstm, .peephole: 4
    case .cifg, .gru: 3
    }
    // Every task's model has a head (many-to-one or many-to-many, the same size).
    return RecurrentShape(
      gateCount: gates, peepholes: cell == .peephole, inputSize: sequenceTask.inputSize, hiddenSize: hidden,
      layers: layers, directions: directions, hasHead: true, outputSize: sequenceTask.outputSize)
  }

  /// This model with its parameter budget turned into a hidden size for
  /// `task` (unchanged without a budget); nil when even hidden 1 is over it.
  public func resolvingHidden(for task: TaskSpec) -> ModelSpec? {
    guard let budget = parameterBudget else { return self }
    guard let shape = shape(on: task), let size = shape.largestHiddenSize(within: budget, in: SpecLimits.hidden)
    else { return nil }
    var model = self
    model.hidden = size
    model.parameterBudget = nil
    return model
  }

  /// The parameter count of this model on `task` (with its hidden size as it is).
  public func parameterCount(on task: TaskSpec) -> Int? { shape(on: task)?.parameterCount }
}
