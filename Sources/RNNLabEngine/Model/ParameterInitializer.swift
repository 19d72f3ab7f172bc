import RNNLabRandom

/// Draws a model's initial parameters from one seeded stream.
///
/// Tensors are drawn in layout order, elements in row-major order:
/// - recurrent layers (PyTorch's default): every tensor uniform in ±1/√H;
/// - `.orthogonal` / `.identity` / `.normal`: each gate's `[H, H]` block of
///   `weight_hh` (every layer and direction) replaced by an orthogonal matrix
///   / the identity / a Gaussian one, scaled to `recurrentRadius` if given
///   (orthogonal and identity: times the radius, as all their |eigenvalues|
///   are 1; normal: by a measured radius);
/// - LSTM family: the forget block of `bias_ih` set to `forgetBias` and that
///   of `bias_hh` to 0 (effective forget bias = `forgetBias`);
/// - head (PyTorch's `nn.Linear`): weight and bias uniform in ±1/√(D*H).
enum ParameterInitializer {
  static func initialize(
    _ parameters: UnsafeMutableBufferPointer<Float>, layout: ParameterLayout,
    config: ModelConfig, rng: inout SeededGenerator
  ) {
    precondition(parameters.count == layout.parameterCount)
    let h = config.hiddenSize
    let recurrentBound = 1 / Float(h).squareRoot()
    let headBound = 1 / Float(config.layerOutputSize).squareRoot()
    for entry in layout.entries {
      let slice = UnsafeMutableBufferPointer(rebasing: parameters[entry.range])
      switch entry.group {
      case .head:
        Initializers.uniform(slice, bound: headBound, using: &rng)
      case .recurrent where config.initScheme != .default:
        for block in 0..<config.cell.gateCount {
          let square = UnsafeMutableBufferPointer(rebasing: slice[(block * h * h)..<((block + 1) * h * h)])
          let gain = Float(config.recurrentRadius ?? 1)
          switch config.initScheme {
          case .orthogonal: Initializers.orthogonal(square, rows: h, columns: h, gain: gain, using: &rng)
          case .identity: Initializers.identity(square, rows: h, columns: h, gain: gain)
          case .normal: Initializers.normal(square, size: h, radius: config.recurrentRadius, using: &rng)
          case .default: preconditionFailure("default init has no recurrent block scheme")
          }
        }
      default:
        Initializers.uniform(slice, bound: recurrentBound, using: &rng)
      }
      if config.cell.hasCellState && entry.group == .bias {
        let forgetBlock = config.cell == .cifg ? 0 : 1
        let value: Float = entry.name.hasPrefix("bias_ih") ? config.forgetBias : 0
        for j in (forgetBlock * h)..<((forgetBlock + 1) * h) { slice[j] = value }
      }
    }
  }
}
