/// An update rule over one model's flat parameter buffer.
///
/// Optimisers work on the flat buffers (all parameters of a model in one
/// contiguous `[Float]`, gradients in a second one with the same layout), so
/// they know nothing about cells. Each holds its own state arrays, sized by
/// the parameter count it was created with, and follows PyTorch's update
/// formulas so hyper-parameters mean the same thing in both.
public protocol Optimizer {
  /// The number of parameters this optimiser was created for.
  var parameterCount: Int { get }
  /// The step size; may be changed between steps (a schedule).
  var learningRate: Float { get set }
  /// Applies one update to `parameters` from `gradients` (both `parameterCount` long).
  mutating func step(
    parameters: UnsafeMutableBufferPointer<Float>, gradients: UnsafeBufferPointer<Float>)
  /// Everything the next updates depend on besides the hyper-parameters, for a checkpoint.
  var state: OptimizerState { get }
  /// Continues from a saved `state`; false (nothing changed) when it does not
  /// fit this optimiser (other kind or parameter count).
  mutating func restore(_ state: OptimizerState) -> Bool
}

/// An optimiser's progress: its step count and its state buffers, in the
/// optimiser's own order (Adam: m, v; SGD: velocity; RMSprop: square average, momentum).
public struct OptimizerState: Equatable, Sendable {
  public var stepCount: Int
  public var buffers: [[Float]]

  public init(stepCount: Int, buffers: [[Float]]) {
    self.stepCount = stepCount
    self.buffers = buffers
  }

  /// Whether the state has `count` buffers of `parameterCount` elements.
  func fits(buffers count: Int, parameterCount: Int) -> Bool {
    stepCount >= 0 && buffers.count == count && buffers.allSatisfy { $0.count == parameterCount }
  }
}

extension Optimizer {
  /// Applies one update to `parameters` from `gradients`, both `[Float]`.
  public mutating func step(parameters: inout [Float], gradients: [Float]) {
    parameters.withUnsafeMutableBufferPointer { p in
      gradients.withUnsafeBufferPointer { g in step(parameters: p, gradients: g) }
    }
  }

  /// Stops with a clear message when the buffers do not match the optimiser.
  func checkCounts(_ parameters: Int, _ gradients: Int) {
    precondition(
      parameters == parameterCount && gradients == parameterCount,
      "optimizer created for \(parameterCount) parameters got \(parameters) parameters and \(gradients) gradients")
  }
}
