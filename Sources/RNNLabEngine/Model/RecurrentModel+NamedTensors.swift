/// Why a set of named tensors does not fit a model.
public struct ParameterLoadError: Error, CustomStringConvertible, Equatable {
  public let description: String
}

/// Export and import of parameters as a PyTorch state dict: the recurrent
/// tensors under a module prefix, the head under `head.`, so that a module
/// with two attributes (the recurrent module and `head = nn.Linear`) loads
/// the file with `load_state_dict(..., strict=True)`. docs/weights.md has
/// the recipe.
extension RecurrentModel {
  /// The attribute name of the recurrent module in the exported state dict.
  ///
  /// `rnn` when PyTorch's `nn.RNN`/`nn.LSTM`/`nn.GRU` computes exactly this
  /// model (rnn, gru, and lstm with every gate and activation on). Every other
  /// cell is `lstm_variant` (peephole, CIFG, an LSTM with a gate or activation
  /// switched off), so its file cannot be loaded into a stock module by
  /// mistake: a CIFG has GRU's shapes and an ablated LSTM has LSTM's, and a
  /// strict load into `rnn = nn.GRU/nn.LSTM` fails on the missing `rnn.*` keys.
  public static func exportModule(for config: ModelConfig) -> String {
    switch config.cell {
    case .rnn, .gru: "rnn"
    case .lstm: config.gates == .all ? "rnn" : "lstm_variant"
    case .peephole, .cifg: "lstm_variant"
    }
  }

  /// `layout` name → exported name: `rnn.weight_ih_l0`, `lstm_variant.weight_ci_l0`,
  /// `head.weight` (the head already carries its module prefix).
  public static func exportName(_ name: String, config: ModelConfig) -> String {
    name.hasPrefix("head.") ? name : "\(exportModule(for: config)).\(name)"
  }

  /// Every parameter tensor under its exported PyTorch name, in layout order
  /// (for `SafeTensors.write`).
  public func namedTensors() -> [NamedTensor] {
    let values = parameters
    return layout.entries.map {
      NamedTensor(name: Self.exportName($0.name, config: config), shape: $0.shape, values: Array(values[$0.range]))
    }
  }

  /// The `__metadata__` strings that say how to rebuild the model: cell,
  /// sizes, direction, gate switches, head. All values are strings, as the
  /// safetensors format requires; booleans are `true`/`false`.
  public func weightsMetadata() -> [String: String] {
    var metadata: [String: String] = [
      "format": "rnnlab-weights-1",
      "module": Self.exportModule(for: config),
      "cell": config.cell.rawValue,
      "input_size": String(config.inputSize),
      "hidden": String(config.hiddenSize),
      "layers": String(config.layers),
      "bidirectional": String(config.bidirectional),
      "head": config.head.rawValue,
      "output_size": String(config.outputWidth),
    ]
    if config.head != .sequence {
      metadata["head_shape"] = "[\(config.outputSize), \(config.layerOutputSize)]"
    }
    if config.cell == .rnn { metadata["activation"] = config.activation.rawValue }
    if config.cell.hasCellState {
      let gates = config.gates
      metadata["input_gate"] = String(config.cell == .cifg ? false : gates.inputGate)
      metadata["forget_gate"] = String(gates.forgetGate)
      metadata["output_gate"] = String(gates.outputGate)
      metadata["input_activation"] = String(gates.inputActivation)
      metadata["output_activation"] = String(gates.outputActivation)
    }
    return metadata
  }

  /// Replaces every parameter with the tensor of the same name: the exported
  /// name (`rnn.weight_ih_l0`) or the layout's bare PyTorch name
  /// (`weight_ih_l0`, as in the torch fixtures).
  /// - Throws: `ParameterLoadError` when a tensor is missing, unknown,
  ///   given twice, or has the wrong shape; the model is unchanged then.
  public func load(namedTensors tensors: [NamedTensor]) throws {
    var values = parameters
    var seen = Set<String>()
    let prefix = Self.exportModule(for: config) + "."
    for tensor in tensors {
      let name = tensor.name.hasPrefix(prefix) ? String(tensor.name.dropFirst(prefix.count)) : tensor.name
      guard let entry = layout[name], !(name.hasPrefix("head.") && tensor.name != name) else {
        throw ParameterLoadError(description: "unknown parameter '\(tensor.name)'")
      }
      guard tensor.shape == entry.shape, tensor.values.count == entry.count else {
        throw ParameterLoadError(
          description: "parameter '\(tensor.name)' has shape \(tensor.shape), expected \(entry.shape)")
      }
      guard seen.insert(name).inserted else {
        throw ParameterLoadError(description: "parameter '\(tensor.name)' given twice")
      }
      values.replaceSubrange(entry.range, with: tensor.values)
    }
    if let missing = layout.entries.first(where: { !seen.contains($0.name) }) {
      throw ParameterLoadError(description: "missing parameter '\(Self.exportName(missing.name, config: config))'")
    }
    parameters = values
  }
}
