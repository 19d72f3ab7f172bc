import RNNLabRandom

/// Draws a model's initial parameters from one seeded stream.
///
/// Tensors are drawn in layout order, elements in row-major order:
/// - recurrent layers (PyTorch's default): every tensor uniform in ±1/√H;
/// - `.orthogonal` / `.identity`: each gate's `[H, H]` block of `weight_hh`
///   replaced by an orthogonal matrix / the identity;
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
          if config.initScheme == .orthogonal {
            Initializers.orthogonal(square, rows: h, columns: h, using: &rng)
          } else {
            Initializers.identity(square, rows: h, columns: h)
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
