/// The numerical model: a stack of recurrent layers (each one or two
/// directions) and a head, over one flat parameter buffer and one flat
/// gradient buffer, written once for Float (training) and Double (gradient
/// checks). `RecurrentModel` is its public Float face.
///
/// Layout: time-major `[T][B][F]`; layer `l`'s output is `[T*B, D*H]` with
/// the forward direction in columns `0..<H`, the backward in `H..<2H`.
final class RecurrentNetwork<S: EngineScalar> {
  let config: ModelConfig
  let layout: ParameterLayout
  /// [P] all parameters, named by `layout`.
  let parameters: ScratchBuffer<S>
  /// [P] ∂L/∂parameters, same layout; backward accumulates (+=).
  let gradients: ScratchBuffer<S>
  /// `layers[l][d]`: direction d of layer l.
  let layers: [[RecurrentLayer<S>]]
  /// `layerOutputs[l]`: [T*B, D*H].
  let layerOutputs: [ScratchBuffer<S>]
  /// `layerOutputGradients[l]`: [T*B, D*H] ∂L/∂(layer l's output).
  let layerOutputGradients: [ScratchBuffer<S>]
  /// [T*B, I] a copy of the last forward's input (backward needs it).
  let input = ScratchBuffer<S>()
  /// [T*B, I] ∂L/∂input of the last backward that asked for it.
  let inputGradient = ScratchBuffer<S>()
  /// [B, D*H] the many-to-one head's input, and its gradient.
  let headFeatures = ScratchBuffer<S>()
  let dHeadFeatures = ScratchBuffer<S>()
  /// [rows, O] the head's output.
  let headOutput = ScratchBuffer<S>()

  private(set) var seqLen = 0
  private(set) var batch = 0
  /// Whether the caches hold a forward pass that no backward has consumed.
  private(set) var hasForwardCache = false
  /// Flow profile of the last backward that measured it.
  private(set) var gradientFlow: GradientFlow?
  /// Handed to every layer (`RecurrentLayer.interruption`).
  var interruption: (() -> Bool)? {
    didSet { for direction in layers.joined() { direction.interruption = interruption } }
  }

  /// A network with the given parameter values (in layout order).
  init(
    config: ModelConfig, parameters values: UnsafeBufferPointer<Float>,
    policy: KernelPolicy = .automatic
  ) {
    precondition(config.invalidReason == nil, config.invalidReason ?? "")
    let layout = ParameterLayout(config: config)
    precondition(values.count == layout.parameterCount, "parameter count mismatch")
    self.config = config
    self.layout = layout
    parameters = ScratchBuffer(count: layout.parameterCount)
    gradients = ScratchBuffer(count: layout.parameterCount)
    for i in 0..<values.count { parameters.pointer[i] = S(values[i]) }
    layers = (0..<config.layers).map { l in
      (0..<config.directions).map { d in
        RecurrentLayer(config: config, layer: l, direction: d, layout: layout, policy: policy)
      }
    }
    layerOutputs = (0..<config.layers).map { _ in ScratchBuffer() }
    layerOutputGradients = (0..<config.layers).map { _ in ScratchBuffer() }
  }

  var parameterCount: Int { layout.parameterCount }

  /// Rows of the output: B for many-to-one, T*B otherwise.
  var outputRows: Int { config.head == .manyToOne ? batch : seqLen * batch }

  /// Elements of the output of the last forward.
  var outputCount: Int { outputRows * config.outputWidth }

  /// Sets every gradient to zero (backward only accumulates).
  func zeroGradients() { gradients.zero(parameterCount) }

  /// Runs the model over a batch of sequences.
  /// - Returns: a view of the output, valid until the next forward:
  ///   `[B, O]` (many-to-one), `[T*B, O]` (many-to-many) or `[T*B, D*H]`.
  // input: [T*B, I]
  @discardableResult
  func forward(input x: UnsafePointer<S>, seqLen T: Int, batch B: Int) -> UnsafeBufferPointer<S> {
    precondition(T >= 1 && B >= 1, "sequence length and batch must be positive")
    return FlushDenormals.run { forwardPass(input: x, seqLen: T, batch: B) }
  }

  private func forwardPass(input x: UnsafePointer<S>, seqLen T: Int, batch B: Int) -> UnsafeBufferPointer<S> {
    seqLen = T
    batch = B
    let n = T * B, width = config.layerOutputSize
    input.reserve(n * config.inputSize)
    input.pointer.update(from: x, count: n * config.inputSize)
    let p = UnsafePointer(parameters.pointer)
    for l in 0..<config.layers {
      layerOutputs[l].reserve(n * width)
      let layerInput = l == 0 ? UnsafePointer(input.pointer) : UnsafePointer(layerOutputs[l - 1].pointer)
      for direction in layers[l] {
        direction.forward(output: layerOutputs[l].pointer, input: layerInput, parameters: p, T: T, B: B)
      }
    }
    hasForwardCache = true
    return headForward()
  }

  /// Backpropagates `dOutput` (∂L/∂output, the shape `forward` returned)
  /// through the head and all layers, accumulating into `gradients`.
  func backward(dOutput: UnsafePointer<S>, computeInputGradient: Bool, measureFlow: Bool) {
    precondition(hasForwardCache, "backward needs a fresh forward (its caches are consumed)")
    hasForwardCache = false
    FlushDenormals.run {
      backwardPass(dOutput: dOutput, computeInputGradient: computeInputGradient, measureFlow: measureFlow)
    }
  }

  private func backwardPass(dOutput: UnsafePointer<S>, computeInputGradient: Bool, measureFlow: Bool) {
    let T = seqLen, B = batch, n = T * B, width = config.layerOutputSize
    for l in 0..<config.layers { layerOutputGradients[l].reserve(n * width) }
    headBackward(dOutput: dOutput)
    let p = UnsafePointer(parameters.pointer)
    if computeInputGradient { inputGradient.reserve(n * config.inputSize) }
    for l in stride(from: config.layers - 1, through: 0, by: -1) {
      let layerInput = l == 0 ? UnsafePointer(input.pointer) : UnsafePointer(layerOutputs[l - 1].pointer)
      let dInput: UnsafeMutablePointer<S>? =
        l == 0 ? (computeInputGradient ? inputGradient.pointer : nil) : layerOutputGradients[l - 1].pointer
      for (d, direction) in layers[l].enumerated() {
        // A many-to-one head feeds each top direction at its last step only.
        let onlyStep = l == config.layers - 1 && config.head == .manyToOne ? (d == 0 ? T - 1 : 0) : nil
        direction.backward(
          dInput: dInput, accumulateInput: d > 0, gradients: gradients.pointer,
          dOutput: layerOutputGradients[l].pointer, dOutputStep: onlyStep,
          output: layerOutputs[l].pointer,
          input: layerInput, parameters: p, T: T, B: B, measureFlow: measureFlow)
      }
    }
    if measureFlow {
      var series: [GradientFlow.Series] = []
      for (l, directions) in layers.enumerated() {
        for (d, direction) in directions.enumerated() {
          series.append(
            GradientFlow.Series(
              layer: l, direction: d == 0 ? .forward : .backward, hidden: direction.hiddenNorms,
              cell: config.cell.hasCellState ? direction.cellNorms : nil))
        }
      }
      gradientFlow = GradientFlow(seqLen: T, series: series)
    } else {
      gradientFlow = nil
    }
  }
}
