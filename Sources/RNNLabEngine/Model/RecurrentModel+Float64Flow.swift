/// The loss a float64 gradient-flow probe differentiates: the same two
/// training losses as `Loss`, computed in Double.
public enum FlowObjective: Sendable {
  /// `Loss.meanSquaredError` against `target` (the output's shape).
  case meanSquaredError(target: [Float])
  /// `Loss.softmaxCrossEntropy`: one class per row, rows scored where `mask` (nil: all).
  case softmaxCrossEntropy(targets: [Int], classes: Int, mask: [Bool]?)
}

extension RecurrentModel {
  /// The gradient-flow profile of one backward pass computed in float64 with
  /// the current parameters (converted exactly from Float): the very same
  /// engine code as training (and `gradcheck`), so it agrees with the float32
  /// profile to round-off where that one does not underflow, but measures
  /// ‖∂L/∂h_t‖ down to about 1e-300 instead of reading 0 below ~1e-38.
  /// The model's own float32 state and gradients are untouched.
  /// - Parameters:
  ///   - inputs: `[T][B][I]`, as `forward`.
  ///   - objective: the loss on the output (for MSE, targets of the output's shape).
  public func float64GradientFlow(
    inputs: [Float], seqLen: Int, batch: Int, objective: FlowObjective
  ) -> GradientFlow {
    precondition(inputs.count == seqLen * batch * config.inputSize, "inputs must hold seqLen * batch * inputSize values")
    let exact: RecurrentNetwork<Double>
    if let cached = float64Network {
      exact = cached
    } else {
      exact = RecurrentNetwork<Double>(config: config, parameters: UnsafeBufferPointer(start: network.parameters.pointer, count: parameterCount))
      float64Network = exact
    }
    exact.interruption = interruption
    for i in 0..<parameterCount { exact.parameters.pointer[i] = Double(network.parameters.pointer[i]) }
    exact.zeroGradients()
    let output = exact.forward(input: inputs.map(Double.init), seqLen: seqLen, batch: batch)
    var dOutput = [Double](repeating: 0, count: output.count)
    dOutput.withUnsafeMutableBufferPointer { buffer in
      let d = buffer.baseAddress!, out = output.baseAddress!
      switch objective {
      case .meanSquaredError(let target):
        precondition(target.count == output.count, "target must match the output's shape")
        let wide = target.map(Double.init)
        _ = LossKernels.meanSquaredError(dOutput: d, output: out, target: wide, count: output.count)
      case .softmaxCrossEntropy(let targets, let classes, let mask):
        precondition(targets.count * classes == output.count, "targets must have one class per output row")
        precondition(mask == nil || mask!.count == targets.count, "mask must have one entry per row")
        let run = { (m: UnsafePointer<Bool>?) in
          _ = LossKernels.softmaxCrossEntropy(
            dLogits: d, logits: out, targets: targets, mask: m, rows: targets.count, classes: classes)
        }
        if let mask { mask.withUnsafeBufferPointer { run($0.baseAddress) } } else { run(nil) }
      }
    }
    exact.backward(dOutput: dOutput, computeInputGradient: false, measureFlow: true)
    return exact.gradientFlow!
  }
}
