import Foundation

/// Adam as PyTorch's `torch.optim.Adam` (no AMSGrad, no weight decay):
///
///     t ← t + 1
///     m ← m + (1−β1)·(g − m)  (= β1·m + (1−β1)·g, PyTorch's lerp)
///     v ← β2·v + (1−β2)·g²
///     p ← p − (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + ε)
///
/// The bias corrections are computed in Double, as PyTorch does in Python,
/// and ε is added after the square root. β1 and β2 are Doubles like
/// PyTorch's Python floats; the per-element arithmetic is Float32 with the
/// same operation order as PyTorch's single-tensor CPU path.
public struct Adam: Optimizer {
  public let parameterCount: Int
  public var learningRate: Float
  public let beta1: Double
  public let beta2: Double
  public let epsilon: Float
  /// First-moment estimate m.
  public private(set) var firstMoment: [Float]
  /// Second-moment estimate v.
  public private(set) var secondMoment: [Float]
  /// Steps taken so far (t).
  public private(set) var stepCount = 0

  /// Adam for `parameterCount` parameters with PyTorch's defaults.
  public init(
    parameterCount: Int, learningRate: Float = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Float = 1e-8
  ) {
    precondition(
      parameterCount >= 0 && (0..<1).contains(beta1) && (0..<1).contains(beta2) && epsilon >= 0,
      "invalid Adam configuration")
    self.parameterCount = parameterCount
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    firstMoment = [Float](repeating: 0, count: parameterCount)
    secondMoment = [Float](repeating: 0, count: parameterCount)
  }

  public var state: OptimizerState { OptimizerState(stepCount: stepCount, buffers: [firstMoment, secondMoment]) }

  public mutating func restore(_ state: OptimizerState) -> Bool {
    guard state.fits(buffers: 2, parameterCount: parameterCount) else { return false }
    stepCount = state.stepCount
    firstMoment = state.buffers[0]
    secondMoment = state.buffers[1]
    return true
  }

  public mutating func step(
    parameters: UnsafeMutableBufferPointer<Float>, gradients: UnsafeBufferPointer<Float>
  ) {
    checkCounts(parameters.count, gradients.count)
    stepCount += 1
    let count = parameterCount
    guard count > 0, let p = parameters.baseAddress, let g = gradients.baseAddress else { return }
    let t = Double(stepCount)
    let correction1 = 1 - pow(beta1, t)
    let correction2 = 1 - pow(beta2, t)
    let stepSize = Float(Double(learningRate) / correction1)
    let correction2Root = Float(correction2.squareRoot())
    let weight = Float(1 - beta1), b2 = Float(beta2), oneMinusB2 = Float(1 - beta2)
    let eps = epsilon
    firstMoment.withUnsafeMutableBufferPointer { mBuffer in
      secondMoment.withUnsafeMutableBufferPointer { vBuffer in
        // Per element (in the per-ISA kernels, 16 lanes wide on AVX-512):
        // m ← lerp(m, g, 1−β1) as at::lerp (for w < 0.5 m + w·(g − m), else
        // g − (g − m)·(1 − w)); v ← β2·v + (1−β2)·g·g;
        // p ← p − stepSize·m / (√v / correction2Root + ε).
        InstructionSet.activeKernels.adamUpdate(
          parameters: p, gradients: g, firstMoment: mBuffer.baseAddress!, secondMoment: vBuffer.baseAddress!,
          count: count, weight: weight, beta2: b2, oneMinusBeta2: oneMinusB2, stepSize: stepSize,
          correction2Root: correction2Root, epsilon: eps)
      }
    }
  }
}
