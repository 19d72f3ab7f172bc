/// Why a set of named tensors does not fit a model.
public struct ParameterLoadError: Error, CustomStringConvertible, Equatable {
  public let description: String
}

/// Export and import of parameters under PyTorch's names.
extension RecurrentModel {
  /// Every parameter tensor with its PyTorch name and shape, in layout order
  /// (for `SafeTensors.write`; the recurrent tensors load into
  /// `torch.nn.RNN/LSTM/GRU` state dicts unchanged).
  public func namedTensors() -> [NamedTensor] {
    let values = parameters
    return layout.entries.map {
      NamedTensor(name: $0.name, shape: $0.shape, values: Array(values[$0.range]))
    }
  }

  /// Replaces every parameter with the tensor of the same name.
  /// - Throws: `ParameterLoadError` when a tensor is missing, unknown, or
  ///   has the wrong shape; the model is unchanged then.
  public func load(namedTensors tensors: [NamedTensor]) throws {
    var values = parameters
    var seen = Set<String>()
    for tensor in tensors {
      guard let entry = layout[tensor.name] else {
        throw ParameterLoadError(description: "unknown parameter '\(tensor.name)'")
      }
      guard tensor.shape == entry.shape, tensor.values.count == entry.count else {
        throw ParameterLoadError(
          description: "parameter '\(tensor.name)' has shape \(tensor.shape), expected \(entry.shape)")
      }
      values.replaceSubrange(entry.range, with: tensor.values)
      seen.insert(tensor.name)
    }
    if let missing = layout.entries.first(where: { !seen.contains($0.name) }) {
      throw ParameterLoadError(description: "missing parameter '\(missing.name)'")
    }
    parameters = values
  }
}
