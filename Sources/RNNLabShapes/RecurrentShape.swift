/// The parameter tensors of a recurrent model, from its shape alone: the one
/// place that says which tensors a model has and how large they are. The
/// engine lays its flat parameter buffer out from it (`ParameterLayout`) and
/// the spec sizes models to a parameter budget (`hidden: {parameters: N}`)
/// with it, so the two counts cannot disagree.
public struct RecurrentShape: Sendable, Hashable {
  /// What a tensor does (the engine's `ParameterGroup`s).
  public enum Role: Sendable, Hashable {
    case input, recurrent, bias, peephole, head
  }

  /// One tensor: PyTorch's name and shape.
  public struct Tensor: Sendable, Hashable {
    public let name: String
    public let shape: [Int]
    public let role: Role
    /// Number of elements.
    public var count: Int { shape.reduce(1, *) }
  }

  /// Row blocks per gate matrix: 1 (rnn), 3 (cifg, gru) or 4 (lstm, peephole).
  public var gateCount: Int
  /// Whether each layer has the three diagonal peephole vectors.
  public var peepholes: Bool
  public var inputSize: Int
  public var hiddenSize: Int
  public var layers: Int
  /// 1, or 2 for a bidirectional model.
  public var directions: Int
  /// Whether a linear head maps the top layer to `outputSize` outputs.
  public var hasHead: Bool
  public var outputSize: Int

  public init(
    gateCount: Int, peepholes: Bool, inputSize: Int, hiddenSize: Int, layers: Int, directions: Int,
    hasHead: Bool, outputSize: Int
  ) {
    self.gateCount = gateCount
    self.peepholes = peepholes
    self.inputSize = inputSize
    self.hiddenSize = hiddenSize
    self.layers = layers
    self.directions = directions
    self.hasHead = hasHead
    self.outputSize = outputSize
  }

  /// The tensors in PyTorch's order: for each layer `k`, for each direction
  /// (forward, then `_reverse`): `weight_ih_l{k}` `[G*H, in]`,
  /// `weight_hh_l{k}` `[G*H, H]`, `bias_ih_l{k}` `[G*H]`, `bias_hh_l{k}`
  /// `[G*H]`, and with peepholes `weight_ci_l{k}`, `weight_cf_l{k}`,
  /// `weight_co_l{k}` `[H]`; then `head.weight` `[O, D*H]`, `head.bias` `[O]`.
  public var tensors: [Tensor] {
    var tensors: [Tensor] = []
    let h = hiddenSize
    let gh = gateCount * h
    for layer in 0..<layers {
      let inputWidth = layer == 0 ? inputSize : directions * h
      for direction in 0..<directions {
        let suffix = direction == 0 ? "_l\(layer)" : "_l\(layer)_reverse"
        tensors += [
          Tensor(name: "weight_ih\(suffix)", shape: [gh, inputWidth], role: .input),
          Tensor(name: "weight_hh\(suffix)", shape: [gh, h], role: .recurrent),
          Tensor(name: "bias_ih\(suffix)", shape: [gh], role: .bias),
          Tensor(name: "bias_hh\(suffix)", shape: [gh], role: .bias),
        ]
        if peepholes {
          tensors += ["ci", "cf", "co"].map { Tensor(name: "weight_\($0)\(suffix)", shape: [h], role: .peephole) }
        }
      }
    }
    if hasHead {
      tensors.append(Tensor(name: "head.weight", shape: [outputSize, directions * h], role: .head))
      tensors.append(Tensor(name: "head.bias", shape: [outputSize], role: .head))
    }
    return tensors
  }

  /// Total number of parameters.
  public var parameterCount: Int { tensors.reduce(0) { $0 + $1.count } }

  /// The largest hidden size in `range` whose model has at most `budget`
  /// parameters (the count grows with the hidden size), or nil when even
  /// the smallest has more.
  public func largestHiddenSize(within budget: Int, in range: ClosedRange<Int>) -> Int? {
    func count(_ hidden: Int) -> Int {
      var shape = self
      shape.hiddenSize = hidden
      return shape.parameterCount
    }
    guard count(range.lowerBound) <= budget else { return nil }
    var (low, high) = (range.lowerBound, range.upperBound)
    while low < high {
      let middle = low + (high - low + 1) / 2
      if count(middle) <= budget { low = middle } else { high = middle - 1 }
    }
    return low
  }
}
