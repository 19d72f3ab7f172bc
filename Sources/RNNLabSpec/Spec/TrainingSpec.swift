/// How every trial is trained, with every value filled in.
public struct TrainingSpec: Hashable, Sendable {
  /// Optimiser steps, one fresh batch each; ≥ 1.
  public var steps: Int
  /// Sequences per training batch; ≥ 1.
  public var batchSize: Int
  public var optimizer: OptimizerKind
  /// > 0 and finite.
  public var learningRate: Double
  /// SGD / RMSprop momentum in [0, 1); must stay 0 with Adam.
  public var momentum: Double
  /// Global gradient-norm clipping threshold (> 0), or nil for none.
  public var clipNorm: Double?
  /// Element-wise gradient clipping limit (> 0), or nil for none.
  public var clipValue: Double?
  /// Evaluate on the fixed evaluation set every this many steps; ≥ 1.
  public var evalEvery: Int
  /// Sequences in the fixed evaluation set; ≥ 1.
  public var evalSize: Int
  /// Extra gradient-flow snapshots every this many steps (≥ 1), or nil for
  /// only the first and last step.
  public var flowEvery: Int?
  /// Write the training-step rows of `metrics.csv` (loss, gradient norms,
  /// clipped) every this many steps, and at the last step; ≥ 1. Evaluation
  /// rows and the summary's statistics are not thinned.
  public var logEvery: Int

  public init(
    steps: Int = 2000, batchSize: Int = 32, optimizer: OptimizerKind = .adam,
    learningRate: Double = 0.001, momentum: Double = 0.0, clipNorm: Double? = 1.0,
    clipValue: Double? = nil, evalEvery: Int = 100, evalSize: Int = 512, flowEvery: Int? = nil,
    logEvery: Int = 1
  ) {
    self.steps = steps
    self.batchSize = batchSize
    self.optimizer = optimizer
    self.learningRate = learningRate
    self.momentum = momentum
    self.clipNorm = clipNorm
    self.clipValue = clipValue
    self.evalEvery = evalEvery
    self.evalSize = evalSize
    self.flowEvery = flowEvery
    self.logEvery = logEvery
  }

  /// These settings with a model's overrides applied.
  public func applying(_ override: TrainingOverride) -> TrainingSpec {
    var result = self
    if let value = override.steps { result.steps = value }
    if let value = override.batchSize { result.batchSize = value }
    if let value = override.optimizer { result.optimizer = value }
    if let value = override.learningRate { result.learningRate = value }
    if let value = override.momentum { result.momentum = value }
    if let value = override.clipNorm { result.clipNorm = value }
    if let value = override.clipValue { result.clipValue = value }
    if let value = override.evalEvery { result.evalEvery = value }
    if let value = override.evalSize { result.evalSize = value }
    if let value = override.flowEvery { result.flowEvery = value }
    if let value = override.logEvery { result.logEvery = value }
    return result
  }
}
