import Foundation

/// How much the loss gradient shrinks (or grows) from one end of a sequence to
/// the other: the number `summary.json` reports as `grad_decay_*`.
///
/// For a forward direction the far end is t = 1, so the decay is
/// `log10(‖∂L/∂h_1‖ / ‖∂L/∂h_T‖)`: -3 means the gradient reaching the first
/// step is a thousand times smaller than at the last (vanishing), +3 that it
/// is a thousand times larger (exploding). A backward direction reads the
/// sequence from t = T to t = 1, so for it the far end is t = T and the decay
/// is `log10(‖∂L/∂h_T‖ / ‖∂L/∂h_1‖)`; with this choice both directions use
/// the same sign convention (negative = vanishing along the direction's own
/// time).
///
/// A gradient that has underflowed to exactly zero at the far end gives -inf,
/// which is what happened; a zero near end (no gradient at all) gives nil.
public enum GradientDecay {
  /// The decay of one direction from its per-position norms, where `norms[0]`
  /// is sequence position 1 and `norms.last` position T.
  public static func decay(norms: [Double], backwardDirection: Bool) -> Double? {
    guard let first = norms.first, let last = norms.last else { return nil }
    let (far, near) = backwardDirection ? (last, first) : (first, last)
    guard near > 0, near.isFinite, far.isFinite, far >= 0 else { return nil }
    return log10(far / near)
  }
}
