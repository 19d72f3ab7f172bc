/// Gradient norms and clipping over flat gradient buffers.
///
/// Norms accumulate the squares in Double (a Float square is exact in Double)
/// over eight fixed lanes, so they are accurate and bit-for-bit repeatable:
/// the summation order depends only on the buffer length.
public enum GradientClipping {
  /// The L2 norm of all of `gradients`.
  public static func globalNorm(_ gradients: UnsafeBufferPointer<Float>) -> Float {
    Float(sumOfSquares(gradients).squareRoot())
  }

  /// The L2 norm of all of `gradients`.
  public static func globalNorm(_ gradients: UnsafeMutableBufferPointer<Float>) -> Float {
    globalNorm(UnsafeBufferPointer(gradients))
  }

  /// The L2 norm over the union of `ranges` of `gradients` (ranges must not overlap).
  public static func norm(_ gradients: UnsafeBufferPointer<Float>, ranges: [Range<Int>]) -> Float {
    var total = 0.0
    for range in ranges {
      precondition(
        range.lowerBound >= 0 && range.upperBound <= gradients.count,
        "range \(range) outside a gradient buffer of \(gradients.count) values")
      total += sumOfSquares(UnsafeBufferPointer(rebasing: gradients[range]))
    }
    return Float(total.squareRoot())
  }

  /// The norm of each parameter group, a group being a list of ranges of the
  /// flat buffer (e.g. every layer's input weights); one value per group.
  public static func groupNorms(
    _ gradients: UnsafeBufferPointer<Float>, groups: [[Range<Int>]]
  ) -> [Float] {
    groups.map { norm(gradients, ranges: $0) }
  }

  /// The factor PyTorch's `clip_grad_norm_` scales by: max_norm/(norm+1e-6),
  /// capped at 1 (1 means "not clipped"). A non-finite norm gives 1: scaling
  /// cannot repair it and the caller reports divergence instead.
  @inlinable
  public static func clipCoefficient(norm: Float, maxNorm: Float) -> Float {
    guard norm.isFinite else { return 1 }
    return min(maxNorm / (norm + 1e-6), 1)
  }

  /// Scales `gradients` so their global norm is at most `maxNorm` (PyTorch's
  /// `clip_grad_norm_`) and returns the norm before clipping.
  @discardableResult
  public static func clipGlobalNorm(
    _ gradients: UnsafeMutableBufferPointer<Float>, maxNorm: Float
  ) -> Float {
    let total = globalNorm(gradients)
    let coefficient = clipCoefficient(norm: total, maxNorm: maxNorm)
    if coefficient < 1 { scale(gradients, by: coefficient) }
    return total
  }

  /// Clamps every gradient to `[-limit, limit]` (PyTorch's `clip_grad_value_`);
  /// NaNs stay NaN so divergence is still seen.
  public static func clipValue(_ gradients: UnsafeMutableBufferPointer<Float>, limit: Float) {
    precondition(limit >= 0, "clip limit must be non-negative")
    guard let g = gradients.baseAddress else { return }
    for i in 0..<gradients.count {
      let value = g[i]
      if value > limit {
        g[i] = limit
      } else if value < -limit {
        g[i] = -limit
      }
    }
  }

  /// Multiplies every gradient by `factor`.
  public static func scale(_ gradients: UnsafeMutableBufferPointer<Float>, by factor: Float) {
    guard let g = gradients.baseAddress else { return }
    for i in 0..<gradients.count { g[i] *= factor }
  }

  /// Σ x² in Double over eight lanes of eight-wide blocks, then the tail.
  static func sumOfSquares(_ values: UnsafeBufferPointer<Float>) -> Double {
    guard let base = values.baseAddress else { return 0 }
    let count = values.count
    let raw = UnsafeRawPointer(base)
    var lanes = SIMD8<Double>()
    var i = 0
    while i + 8 <= count {
      let x = SIMD8<Double>(raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self))
      lanes += x * x
      i += 8
    }
    // Explicit pairwise order: `SIMD.sum()` does not promise one.
    var total = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]))
    while i < count {
      let x = Double(base[i])
      total += x * x
      i += 1
    }
    return total
  }
}
