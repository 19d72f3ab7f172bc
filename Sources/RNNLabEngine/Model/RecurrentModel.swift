import RNNLabRandom

/// A trainable recurrent model in Float32: a stack of recurrent layers (one
/// or two directions each) and a head, with all parameters in one flat
/// buffer and their gradients in a second one of the same `layout`.
///
/// One training step:
///
///     model.zeroGradients()
///     let output = model.forward(inputs: x, seqLen: T, batch: B)  // x: [T][B][I]
///     let loss = Loss.meanSquaredError(output: output, target: y)
///     model.backward(dOutput: loss.dOutput)
///     model.withParametersAndGradients { p, g in … clip g, optimiser step … }
///
/// Buffers grow to the largest batch shape seen and are reused after that,
/// so steps of one shape never allocate inside the engine. Not thread-safe:
/// one model per trial.
public final class RecurrentModel {
  let network: RecurrentNetwork<Float>
  /// The float64 copy `float64GradientFlow` runs, built on first use.
  var float64Network: RecurrentNetwork<Double>?

  /// A model whose parameters are drawn from `rng` (see `ModelConfig.InitScheme`)
  /// and its chrono gate biases, if any, from `chrono` (see `ModelConfig.GateBias`).
  public init(config: ModelConfig, rng: inout SeededGenerator, chrono: inout SeededGenerator) {
    precondition(config.invalidReason == nil, config.invalidReason ?? "")
    let layout = ParameterLayout(config: config)
    var values = [Float](repeating: 0, count: layout.parameterCount)
    values.withUnsafeMutableBufferPointer {
      ParameterInitializer.initialize($0, layout: layout, config: config, rng: &rng, chrono: &chrono)
    }
    network = values.withUnsafeBufferPointer { RecurrentNetwork(config: config, parameters: $0) }
  }

  /// A model initialised from the `"init"` stream of `seed`, its chrono
  /// biases (if any) from the `"chrono"` stream.
  public convenience init(config: ModelConfig, seed: UInt64) {
    var rng = SeededGenerator(seed: seed, stream: "init")
    var chrono = SeededGenerator(seed: seed, stream: "chrono")
    self.init(config: config, rng: &rng, chrono: &chrono)
  }

  /// A model with the given parameters, in `ParameterLayout(config:)` order.
  public init(config: ModelConfig, parameters: [Float]) {
    network = parameters.withUnsafeBufferPointer { RecurrentNetwork(config: config, parameters: $0) }
  }

  /// When set, forward and backward passes (float32 and `float64GradientFlow`)
  /// poll it every few timesteps (`RecurrentLayer.pollInterval`) and, once
  /// it returns true, finish at once with undefined outputs, gradients and
  /// flow: for work a stop may abandon and redo whole (an evaluation, a
  /// probe, a step before its update). Nil: passes run to the end.
  public var interruption: (() -> Bool)? {
    didSet {
      network.interruption = interruption
      float64Network?.interruption = interruption
    }
  }

  public var config: ModelConfig { network.config }
  public var layout: ParameterLayout { network.layout }
  public var parameterCount: Int { network.parameterCount }

  /// Runs the model on a batch.
  /// - Parameters:
  ///   - inputs: `[T][B][I]`, time-major, `seqLen * batch * inputSize` values.
  /// - Returns: `[B][O]` (many-to-one), `[T][B][O]` (many-to-many) or the top
  ///   layer's hidden sequence `[T][B][D*H]` (`.sequence`, forward half first).
  public func forward(inputs: UnsafeBufferPointer<Float>, seqLen: Int, batch: Int) -> [Float] {
    precondition(
      inputs.count == seqLen * batch * config.inputSize,
      "inputs must hold seqLen * batch * inputSize values")
    return Array(network.forward(input: inputs.baseAddress!, seqLen: seqLen, batch: batch))
  }

  /// `forward(inputs:seqLen:batch:)` on an array.
  public func forward(inputs: [Float], seqLen: Int, batch: Int) -> [Float] {
    inputs.withUnsafeBufferPointer { forward(inputs: $0, seqLen: seqLen, batch: batch) }
  }

  /// Backpropagation through time from ∂L/∂output of the last `forward`;
  /// adds to the gradients (call `zeroGradients()` first). Each forward
  /// supports one backward.
  /// - Parameters:
  ///   - dOutput: the output's shape.
  ///   - computeInputGradient: also compute ∂L/∂inputs (`inputGradient`).
  ///   - measureFlow: also record `gradientFlow` (costs one norm per step).
  public func backward(
    dOutput: UnsafeBufferPointer<Float>, computeInputGradient: Bool = false,
    measureFlow: Bool = false
  ) {
    precondition(dOutput.count == network.outputCount, "dOutput must match the output's shape")
    network.backward(
      dOutput: dOutput.baseAddress!, computeInputGradient: computeInputGradient,
      measureFlow: measureFlow)
  }

  /// `backward(dOutput:…)` on an array.
  public func backward(dOutput: [Float], computeInputGradient: Bool = false, measureFlow: Bool = false) {
    dOutput.withUnsafeBufferPointer {
      backward(dOutput: $0, computeInputGradient: computeInputGradient, measureFlow: measureFlow)
    }
  }

  /// ∂L/∂inputs `[T][B][I]` from the last backward with `computeInputGradient`.
  public var inputGradient: [Float] {
    Array(UnsafeBufferPointer(
      start: network.inputGradient.pointer,
      count: network.seqLen * network.batch * config.inputSize))
  }

  /// The flow profile of the last backward, if it measured one.
  public var gradientFlow: GradientFlow? { network.gradientFlow }

  /// Sets all gradients to zero.
  public func zeroGradients() { network.zeroGradients() }

  /// Global and per-group norms of the current gradients.
  public func gradientNorms() -> GradientNorms {
    GradientNorms(
      gradients: UnsafeBufferPointer(start: network.gradients.pointer, count: parameterCount),
      layout: layout)
  }

  /// Scoped access to the flat parameter and gradient buffers (same layout),
  /// for optimisers and clipping.
  public func withParametersAndGradients<R>(
    _ body: (UnsafeMutableBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) throws -> R
  ) rethrows -> R {
    try body(
      UnsafeMutableBufferPointer(start: network.parameters.pointer, count: parameterCount),
      UnsafeMutableBufferPointer(start: network.gradients.pointer, count: parameterCount))
  }

  /// A copy of all parameters, in layout order; setting copies them in.
  public var parameters: [Float] {
    get { Array(UnsafeBufferPointer(start: network.parameters.pointer, count: parameterCount)) }
    set {
      precondition(newValue.count == parameterCount, "parameter count mismatch")
      network.parameters.pointer.update(from: newValue, count: parameterCount)
    }
  }

  /// A copy of all gradients, in layout order.
  public var gradients: [Float] {
    Array(UnsafeBufferPointer(start: network.gradients.pointer, count: parameterCount))
  }
}
