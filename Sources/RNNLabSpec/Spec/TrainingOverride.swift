/// The training settings one model changes: nil means "as shared". For the
/// settings that can be off, `.some(nil)` means "off for this model".
public struct TrainingOverride: Hashable, Sendable {
  public var steps: Int?
  public var batchSize: Int?
  public var optimizer: OptimizerKind?
  public var learningRate: Double?
  public var momentum: Double?
  public var clipNorm: Double??
  public var clipValue: Double??
  public var evalEvery: Int?
  public var evalSize: Int?
  public var flowEvery: Int??
  public var logEvery: Int?

  public init(
    steps: Int? = nil, batchSize: Int? = nil, optimizer: OptimizerKind? = nil,
    learningRate: Double? = nil, momentum: Double? = nil, clipNorm: Double?? = nil,
    clipValue: Double?? = nil, evalEvery: Int? = nil, evalSize: Int? = nil, flowEvery: Int?? = nil,
    logEvery: Int? = nil
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

  /// True when the model trains exactly as shared.
  public var isEmpty: Bool { self == TrainingOverride() }
}
