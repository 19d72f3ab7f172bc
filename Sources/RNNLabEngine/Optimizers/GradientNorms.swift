/// Parameter-gradient L2 norms, globally and per `ParameterGroup`.
public struct GradientNorms: Sendable, Equatable {
  /// ‖all gradients‖₂.
  public let global: Double
  /// ‖gradients of the group‖₂ (0 when the model has no such tensor).
  public let byGroup: [ParameterGroup: Double]

  public subscript(group: ParameterGroup) -> Double { byGroup[group] ?? 0 }

  /// Norms of `gradients`, laid out as `layout`, accumulated in Double.
  public init(gradients: UnsafeBufferPointer<Float>, layout: ParameterLayout) {
    var squares: [ParameterGroup: Double] = [:]
    var total = 0.0
    for entry in layout.entries {
      var sum = 0.0
      for i in entry.range {
        let g = Double(gradients[i])
        sum += g * g
      }
      squares[entry.group, default: 0] += sum
      total += sum
    }
    global = total.squareRoot()
    byGroup = squares.mapValues { $0.squareRoot() }
  }
}
