/// Adam's per-element update, compiled per ISA (the loop vectorises 16 wide
/// on AVX-512). The operations and their order are the engine's `Adam.step`
/// (PyTorch's single-tensor CPU path); no multiply-add is fused.
extension Kernels {
  @inline(never)
  public static func adamUpdate(
    parameters p: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>,
    firstMoment m: UnsafeMutablePointer<Float>, secondMoment v: UnsafeMutablePointer<Float>, count: Int,
    weight: Float, beta2 b2: Float, oneMinusBeta2 oneMinusB2: Float, stepSize: Float,
    correction2Root: Float, epsilon eps: Float
  ) {
    for i in 0..<count {
      let gi = g[i]
      // at::lerp: start + w·(end − start) for w < 0.5, else end − (end − start)·(1 − w).
      let mi = weight < 0.5 ? m[i] + weight * (gi - m[i]) : gi - (gi - m[i]) * (1 - weight)
      let vi = b2 * v[i] + oneMinusB2 * gi * gi
      m[i] = mi
      v[i] = vi
      let denominator = vi.squareRoot() / correction2Root + eps
      p[i] -= stepSize * mi / denominator
    }
  }
}
