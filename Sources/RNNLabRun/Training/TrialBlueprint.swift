import RNNLabEngine
import RNNLabRandom
import RNNLabSpec
import RNNLabTasks

/// What one trial is built from, derived from its resolved spec entry: the
/// task generator, the model's shape and head, the optimiser, and the seed
/// every random stream of the trial comes from.
///
/// The task decides the model's edges: its input width, its output width, and
/// the head and loss (`regressionAtEnd` → many-to-one + MSE, `classAtEnd` →
/// many-to-one + cross-entropy, `classEveryStep` → many-to-many + masked
/// cross-entropy).
struct TrialBlueprint {
  let trial: Trial
  let task: any SequenceTask
  /// The task at each of its `evaluation` lengths, ascending (same options).
  let lengthTasks: [any SequenceTask]
  let modelConfig: ModelConfig
  /// `StableHash.trialSeed(seed:trialID:)`: the streams `init` (weights),
  /// `chrono` (chrono gate biases), `data` (training batches) and `eval` (evaluation set, probe batch) all
  /// derive from it, so a trial's numbers depend on nothing but the trial.
  let seed: UInt64

  /// The blueprint of `trial`, or a one-line reason why it cannot be built.
  init(trial: Trial) throws(TrialSetupError) {
    self.trial = trial
    let task: any SequenceTask
    do {
      task = try TaskFactory.make(trial.task.options, seqLen: trial.seqLen)
    } catch {
      throw TrialSetupError(error.message)
    }
    self.task = task
    var lengthTasks: [any SequenceTask] = []
    for length in trial.task.evaluationLengths {
      // The decoder refuses these at line:col; a trial built some other way fails here instead.
      if case .untestable(let reason) = task.lengthGeneralisation {
        throw TrialSetupError("evaluation lengths do not apply to task kind '\(task.kind.rawValue)': \(reason)")
      }
      do {
        lengthTasks.append(try TaskFactory.make(trial.task.options, seqLen: length))
      } catch {
        throw TrialSetupError(error.message)
      }
    }
    self.lengthTasks = lengthTasks
    let model = trial.model
    let config = ModelConfig(
      cell: Self.cell(model.cell), inputSize: task.inputSize, hiddenSize: model.hidden,
      layers: model.layers, bidirectional: model.bidirectional,
      activation: model.activation == .relu ? .relu : .tanh, forgetBias: Self.gateBias(model, seqLen: trial.seqLen),
      initScheme: Self.initScheme(model.initialization), recurrentRadius: model.recurrentRadius,
      gates: ModelConfig.Gates(
        inputGate: model.inputGate, forgetGate: model.forgetGate, outputGate: model.outputGate,
        inputActivation: model.inputActivation, outputActivation: model.outputActivation),
      head: task.target == .classEveryStep ? .manyToMany : .manyToOne,
      outputSize: task.outputSize)
    if let reason = config.invalidReason { throw TrialSetupError("model '\(model.name)': \(reason)") }
    // The decoder reports these at line:col; a trial built some other way fails here instead.
    if trial.training.warmupSteps >= trial.training.steps {
      throw TrialSetupError("warmup_steps (\(trial.training.warmupSteps)) must be fewer than steps (\(trial.training.steps))")
    }
    if trial.training.lrSchedule == .step, trial.training.lrStepEvery == nil {
      throw TrialSetupError("lr_schedule 'step' needs lr_step_every")
    }
    modelConfig = config
    seed = StableHash.trialSeed(seed: trial.seed, trialID: trial.id)
  }

  /// A fresh optimiser for `parameterCount` parameters, as the spec's training settings say.
  func makeOptimizer(parameterCount: Int) -> any Optimizer {
    let training = trial.training
    let rate = Float(training.learningRate)
    switch training.optimizer {
    case .adam: return Adam(parameterCount: parameterCount, learningRate: rate)
    case .sgd: return SGD(parameterCount: parameterCount, learningRate: rate, momentum: Float(training.momentum))
    case .rmsprop:
      return RMSprop(parameterCount: parameterCount, learningRate: rate, momentum: Float(training.momentum))
    }
  }

  /// The learning rate of every update, as the spec's schedule settings say.
  var learningRateSchedule: LearningRateSchedule {
    let training = trial.training
    let shape: LearningRateSchedule.Shape = switch training.lrSchedule {
    case .constant: .constant
    case .cosine: .cosine(minimum: training.lrMin)
    // `init` refused a step schedule without an interval (it would never decay).
    case .step: .step(every: training.lrStepEvery ?? training.steps, factor: training.lrStepFactor)
    }
    return LearningRateSchedule(
      base: training.learningRate, shape: shape, warmupSteps: training.warmupSteps, totalSteps: training.steps)
  }

  private static func cell(_ kind: CellKind) -> ModelConfig.Cell {
    switch kind {
    case .rnn: .rnn
    case .lstm: .lstm
    case .peephole: .peephole
    case .cifg: .cifg
    case .gru: .gru
    }
  }

  /// The engine's gate bias for the model's `forget_bias`; nil (the cell's
  /// default) for the `rnn`, which has no gate: the decoder refuses the key there.
  static func gateBias(_ model: ModelSpec, seqLen: Int) -> ModelConfig.GateBias? {
    guard model.cell != .rnn else { return nil }
    switch model.forgetBias {
    case .drawn: return .drawn
    case .constant(let value): return .constant(Float(value))
    case .chrono: return .chrono(maxLag: model.chronoTMax ?? seqLen)
    }
  }

  private static func initScheme(_ initialization: Initialization) -> ModelConfig.InitScheme {
    switch initialization {
    case .uniform: .default
    case .orthogonal: .orthogonal
    case .identity: .identity
    case .normal: .normal
    }
  }
}

/// Why a trial could not be set up; the trial ends with status `failed` and this message.
struct TrialSetupError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
