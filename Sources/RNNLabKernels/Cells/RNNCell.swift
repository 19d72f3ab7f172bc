/// The plain (Elman) RNN's per-step elementwise kernels for Float, the same
/// operations in the same order as the engine's generic `RNNKernels`.
enum RNNCell {
  static func forwardStep(
    hidden: UnsafeMutablePointer<Float>, hiddenStride: Int, gates: UnsafeMutablePointer<Float>,
    bias: UnsafePointer<Float>?, relu: Bool, B: Int, H: Int
  ) {
    for b in 0..<B {
      let row = gates + b * H
      let h = hidden + b * hiddenStride
      if let bias { for j in 0..<H { row[j] += bias[j] } }
      if relu {
        for j in 0..<H { h[j] = row[j] > 0 ? row[j] : 0 }
      } else {
        h.update(from: row, count: H)
        LaneMath.map(h, into: h, count: H, TanhKernel.self)
      }
    }
  }

  static func backwardStep(
    dGates: UnsafeMutablePointer<Float>, dHidden: UnsafePointer<Float>,
    hidden: UnsafePointer<Float>, hiddenStride: Int, relu: Bool, B: Int, H: Int
  ) {
    for b in 0..<B {
      let d = dGates + b * H
      let dh = dHidden + b * H
      let h = hidden + b * hiddenStride
      if relu {
        for j in 0..<H { d[j] = h[j] > 0 ? dh[j] : 0 }
      } else {
        for j in 0..<H { d[j] = dh[j] * (1 - h[j] * h[j]) }
      }
    }
  }
}
