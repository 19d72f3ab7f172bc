import RNNLabRandom

extension RecurrentModel {
  /// The spectral radius (`SpectralRadius.estimate`) of one `[H, H]` gate
  /// block of `weight_hh`, with the current parameters.
  /// - Parameters:
  ///   - layer: 0-based; nil: the top layer.
  ///   - direction: 0 forward, 1 backward.
  ///   - block: the gate block (PyTorch order; 0 for the plain RNN).
  ///   - generator: draws the power iteration's start vector.
  public func recurrentRadius(
    layer: Int? = nil, direction: Int = 0, block: Int = 0, using generator: inout SeededGenerator
  ) -> Double {
    let layer = layer ?? config.layers - 1
    precondition((0..<config.layers).contains(layer) && (0..<config.directions).contains(direction))
    precondition((0..<config.cell.gateCount).contains(block), "gate block \(block) out of range")
    let name = "weight_hh" + ParameterLayout.suffix(layer: layer, direction: direction)
    let entry = layout[name]!
    let h = config.hiddenSize
    let start = entry.offset + block * h * h
    let values = parameters
    return values[start..<(start + h * h)].withUnsafeBufferPointer {
      SpectralRadius.estimate($0, size: h, using: &generator)
    }
  }
}
