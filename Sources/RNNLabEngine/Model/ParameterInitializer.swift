import Foundation
import RNNLabRandom

/// Draws a model's initial parameters from one seeded stream (and the
/// chrono biases, when asked for, from a second one).
///
/// Tensors are drawn in layout order, elements in row-major order:
/// - recurrent layers (PyTorch's default): every tensor uniform in ±1/√H;
/// - `.orthogonal` / `.identity` / `.normal`: each gate's `[H, H]` block of
///   `weight_hh` (every layer and direction) replaced by an orthogonal matrix
///   / the identity / a Gaussian one, scaled to `recurrentRadius` if given
///   (orthogonal and identity: times the radius, as all their |eigenvalues|
///   are 1; normal: by a measured radius);
/// - the gate that keeps memory (LSTM family: f; GRU: z), after its draw:
///   `forgetBias` `.constant(b)` sets its block of `bias_ih` to b and that of
///   `bias_hh` to 0 (effective bias b); `.chrono` sets the `bias_ih` block to
///   H values drawn from the `chrono` stream (layers and directions in layout
///   order, units in order) and, for `lstm`/`peephole` with the forget gate
///   on, the input gate's `bias_ih` block to their negatives, with both
///   `bias_hh` blocks 0;
/// - head (PyTorch's `nn.Linear`): weight and bias uniform in ±1/√(D*H).
///
/// The chrono stream is apart from the init stream, so the weights are the
/// same draws with or without chrono.
enum ParameterInitializer {
  static func initialize(
    _ parameters: UnsafeMutableBufferPointer<Float>, layout: ParameterLayout,
    config: ModelConfig, rng: inout SeededGenerator, chrono: inout SeededGenerator
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
      if entry.group == .bias, let keep = keepBlock(config.cell) {
        setGateBias(slice, isInputSide: entry.name.hasPrefix("bias_ih"), keep: keep, config: config, chrono: &chrono)
      }
    }
  }

  /// The gate block that keeps memory: f for the LSTM family (first in
  /// `cifg`'s f, g, o), z for the GRU (r, z, n); nil for the plain RNN.
  private static func keepBlock(_ cell: ModelConfig.Cell) -> Int? {
    switch cell {
    case .lstm, .peephole, .gru: 1
    case .cifg: 0
    case .rnn: nil
    }
  }

  /// Sets the keep gate's block (and with chrono the input gate's) of one bias tensor.
  private static func setGateBias(
    _ bias: UnsafeMutableBufferPointer<Float>, isInputSide: Bool, keep: Int, config: ModelConfig,
    chrono: inout SeededGenerator
  ) {
    let h = config.hiddenSize
    let keepRows = (keep * h)..<((keep + 1) * h)
    switch config.forgetBias {
    case .drawn:
      return
    case .constant(let value):
      for j in keepRows { bias[j] = isInputSide ? value : 0 }
    case .chrono(let maxLag):
      // lstm and peephole have their own input gate (block 0): it opens as f closes.
      let inputRows: Range<Int>? = (config.cell == .lstm || config.cell == .peephole) && config.gates.forgetGate
        ? 0..<h : nil
      for j in 0..<h {
        let value: Float = isInputSide ? chronoBias(maxLag: maxLag, using: &chrono) : 0
        bias[keepRows.lowerBound + j] = value
        if let inputRows { bias[inputRows.lowerBound + j] = isInputSide ? -value : 0 }
      }
    }
  }

  /// `log(u)`, u uniform in [1, maxLag − 1]: a unit that forgets at a rate
  /// of about 1/u keeps memory over time scales up to `maxLag`.
  static func chronoBias(maxLag: Int, using generator: inout SeededGenerator) -> Float {
    let u = 1 + Double(maxLag - 2) * generator.nextDouble()
    return Float(log(u))
  }
}
