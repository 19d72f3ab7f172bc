import RNNLabShapes

/// What a parameter tensor does, for per-group gradient norms.
public enum ParameterGroup: String, Sendable, Hashable, Codable, CaseIterable {
  /// `weight_ih_*`: input-to-hidden weights.
  case input
  /// `weight_hh_*`: hidden-to-hidden weights.
  case recurrent
  /// `bias_ih_*`, `bias_hh_*`.
  case bias
  /// `weight_ci_*`, `weight_cf_*`, `weight_co_*`.
  case peephole
  /// `head.weight`, `head.bias`.
  case head
}

/// The named slices of a model's one flat parameter buffer (and of its
/// gradient buffer, which has the same layout), in PyTorch's names, shapes
/// and order.
///
/// Order: for each layer `k`, for each direction (forward, then `_reverse`):
/// `weight_ih_l{k}` `[G*H, in]`, `weight_hh_l{k}` `[G*H, H]`, `bias_ih_l{k}`
/// `[G*H]`, `bias_hh_l{k}` `[G*H]`, and for peephole `weight_ci_l{k}`,
/// `weight_cf_l{k}`, `weight_co_l{k}` `[H]` (contiguous, in that order);
/// then `head.weight` `[O, D*H]`, `head.bias` `[O]` unless the head is
/// `.sequence`. Tensors are row-major and packed without padding.
public struct ParameterLayout: Sendable, Hashable {
  /// One tensor: where it lives in the flat buffer.
  public struct Entry: Sendable, Hashable {
    public let name: String
    public let shape: [Int]
    public let offset: Int
    public let group: ParameterGroup
    /// Number of elements.
    public var count: Int { shape.reduce(1, *) }
    /// Its elements' indices in the flat buffer.
    public var range: Range<Int> { offset..<(offset + count) }
  }

  public let entries: [Entry]
  /// Total number of parameters (the flat buffer's length).
  public let parameterCount: Int

  /// The layout of the model `config` describes: the tensors
  /// `RecurrentShape` lists (shared with the spec's parameter budgets),
  /// packed in its order.
  public init(config: ModelConfig) {
    var entries: [Entry] = []
    var offset = 0
    for tensor in config.shape.tensors {
      entries.append(Entry(name: tensor.name, shape: tensor.shape, offset: offset, group: ParameterGroup(tensor.role)))
      offset += tensor.count
    }
    self.entries = entries
    self.parameterCount = offset
  }

  /// The tensor called `name`, if the model has one.
  public subscript(name: String) -> Entry? { entries.first { $0.name == name } }

  /// PyTorch's name suffix: `_l{k}` or `_l{k}_reverse`.
  static func suffix(layer: Int, direction: Int) -> String {
    direction == 0 ? "_l\(layer)" : "_l\(layer)_reverse"
  }
}

extension ParameterGroup {
  init(_ role: RecurrentShape.Role) {
    switch role {
    case .input: self = .input
    case .recurrent: self = .recurrent
    case .bias: self = .bias
    case .peephole: self = .peephole
    case .head: self = .head
    }
  }
}

extension ModelConfig {
  /// The model's parameter tensors, as `RecurrentShape` describes them.
  public var shape: RecurrentShape {
    RecurrentShape(
      gateCount: cell.gateCount, peepholes: cell == .peephole, inputSize: inputSize, hiddenSize: hiddenSize,
      layers: layers, directions: directions, hasHead: head != .sequence, outputSize: outputSize)
  }
}
