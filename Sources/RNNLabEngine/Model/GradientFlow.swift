/// The gradient-flow profile of one backward pass: how large ∂L/∂h_t (and
/// ∂L/∂c_t for the LSTM family) is at every timestep, per layer and
/// direction — the curve Pascanu et al. 2013 plot for vanishing and
/// exploding gradients.
public struct GradientFlow: Sendable, Equatable {
  /// Which direction of a layer a series belongs to.
  public enum Direction: String, Sendable, Hashable, Codable {
    case forward, backward
  }

  /// One layer-direction's profile.
  public struct Series: Sendable, Equatable {
    /// 0-based layer index (0 = the layer that reads the input).
    public let layer: Int
    public let direction: Direction
    /// `hidden[t]`: mean over the batch of the per-example L2 norm of the
    /// total ∂L/∂h_t (what arrives from above plus what flows back through
    /// the recurrence), for sequence position t (0-based; for the backward
    /// direction t = 0 is its last step).
    public let hidden: [Double]
    /// `cell[t]`: the same for the total ∂L/∂c_t; nil for rnn and gru.
    public let cell: [Double]?
  }

  public let seqLen: Int
  /// Layers in order, forward direction before backward.
  public let series: [Series]

  /// The series of `layer` (default: the top one) in `direction`.
  public func series(layer: Int? = nil, direction: Direction = .forward) -> Series? {
    let target = layer ?? (series.map(\.layer).max() ?? 0)
    return series.first { $0.layer == target && $0.direction == direction }
  }
}
