/// RMSprop as PyTorch's `torch.optim.RMSprop` (not centred, no weight decay):
///
///     s ← α·s + (1−α)·g²        p ← p − lr · g / (√s + ε)
///
/// and with momentum μ > 0:  b ← μ·b + g / (√s + ε),  p ← p − lr · b.
///
/// `decay` is PyTorch's `alpha` (a Double like PyTorch's Python float); ε is
/// added after the square root; per-element arithmetic is Float32 in PyTorch's order.
public struct RMSprop: Optimizer {
  public let parameterCount: Int
  public var learningRate: Float
  /// α, the smoothing constant of the squared-gradient average.
  public let decay: Double
  public let epsilon: Float
  /// μ; 0 turns momentum off (and leaves the plain update above bit for bit).
  public let momentum: Float
  /// The momentum buffer b (empty when momentum is 0).
  public private(set) var momentumBuffer: [Float]
  /// The running average of squared gradients s.
  public private(set) var squareAverage: [Float]
  /// Steps taken so far.
  public private(set) var stepCount = 0

  /// RMSprop for `parameterCount` parameters with PyTorch's defaults.
  public init(
    parameterCount: Int, learningRate: Float = 0.01, decay: Double = 0.99, epsilon: Float = 1e-8,
    momentum: Float = 0
  ) {
    precondition(
      parameterCount >= 0 && (0..<1).contains(decay) && epsilon >= 0 && (0..<1).contains(momentum),
      "invalid RMSprop configuration")
    self.parameterCount = parameterCount
    self.learningRate = learningRate
    self.decay = decay
    self.epsilon = epsilon
    self.momentum = momentum
    momentumBuffer = [Float](repeating: 0, count: momentum == 0 ? 0 : parameterCount)
    squareAverage = [Float](repeating: 0, count: parameterCount)
  }

  public var state: OptimizerState { OptimizerState(stepCount: stepCount, buffers: [squareAverage, momentumBuffer]) }

  public mutating func restore(_ state: OptimizerState) -> Bool {
    // The momentum buffer is empty without momentum.
    guard state.stepCount >= 0, state.buffers.count == 2, state.buffers[0].count == parameterCount,
      state.buffers[1].count == momentumBuffer.count
    else { return false }
    stepCount = state.stepCount
    squareAverage = state.buffers[0]
    momentumBuffer = state.buffers[1]
    return true
  }

  public mutating func step(
    parameters: UnsafeMutableBufferPointer<Float>, gradients: UnsafeBufferPointer<Float>
  ) {
    checkCounts(parameters.count, gradients.count)
    stepCount += 1
    let count = parameterCount
    guard count > 0, let p = parameters.baseAddress, let g = gradients.baseAddress else { return }
    let lr = learningRate, alpha = Float(decay), oneMinusAlpha = Float(1 - decay)
    let eps = epsilon, mu = momentum
    squareAverage.withUnsafeMutableBufferPointer { sBuffer in
      let s = sBuffer.baseAddress!
      if mu == 0 {
        for i in 0..<count {
          let gi = g[i]
          let si = s[i] * alpha + oneMinusAlpha * gi * gi
          s[i] = si
          p[i] -= lr * gi / (si.squareRoot() + eps)
        }
        return
      }
      momentumBuffer.withUnsafeMutableBufferPointer { bBuffer in
        let b = bBuffer.baseAddress!
        for i in 0..<count {
          let gi = g[i]
          let si = s[i] * alpha + oneMinusAlpha * gi * gi
          s[i] = si
          let bi = b[i] * mu + gi / (si.squareRoot() + eps)
          b[i] = bi
          p[i] -= lr * bi
        }
      }
    }
  }
}
