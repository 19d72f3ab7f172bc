/// Stochastic gradient descent with optional momentum, as PyTorch's `torch.optim.SGD`
/// (no dampening, no Nesterov, no weight decay).
///
///     momentum = 0:  p ← p − lr·g
///     momentum > 0:  b ← g on the first step, then b ← μ·b + g;  p ← p − lr·b
public struct SGD: Optimizer {
  public let parameterCount: Int
  public var learningRate: Float
  /// μ; 0 turns momentum off (then no buffer is kept).
  public let momentum: Float
  /// The momentum buffer b (empty without momentum).
  public private(set) var velocity: [Float]
  /// Steps taken so far.
  public private(set) var stepCount = 0

  /// Plain or momentum SGD for `parameterCount` parameters.
  public init(parameterCount: Int, learningRate: Float, momentum: Float = 0) {
    precondition(parameterCount >= 0 && momentum >= 0, "invalid SGD configuration")
    self.parameterCount = parameterCount
    self.learningRate = learningRate
    self.momentum = momentum
    velocity = momentum == 0 ? [] : [Float](repeating: 0, count: parameterCount)
  }

  public var state: OptimizerState { OptimizerState(stepCount: stepCount, buffers: [velocity]) }

  public mutating func restore(_ state: OptimizerState) -> Bool {
    guard state.fits(buffers: 1, parameterCount: parameterCount) else { return false }
    stepCount = state.stepCount
    velocity = state.buffers[0]
    return true
  }

  public mutating func step(
    parameters: UnsafeMutableBufferPointer<Float>, gradients: UnsafeBufferPointer<Float>
  ) {
    checkCounts(parameters.count, gradients.count)
    let count = parameterCount
    guard count > 0, let p = parameters.baseAddress, let g = gradients.baseAddress else { return }
    let lr = learningRate
    defer { stepCount += 1 }
    if momentum == 0 {
      for i in 0..<count { p[i] -= lr * g[i] }
      return
    }
    let mu = momentum
    let first = stepCount == 0
    velocity.withUnsafeMutableBufferPointer { buffer in
      let b = buffer.baseAddress!
      if first {
        // PyTorch starts the buffer as a copy of the first gradient.
        for i in 0..<count {
          b[i] = g[i]
          p[i] -= lr * g[i]
        }
      } else {
        for i in 0..<count {
          let v = b[i] * mu + g[i]
          b[i] = v
          p[i] -= lr * v
        }
      }
    }
  }
}
