/// The linear head: forward from the top layer's output, backward into it.
extension RecurrentNetwork {
  private var headWeight: Int { layout["head.weight"]!.offset }
  private var headBias: Int { layout["head.bias"]!.offset }

  /// Maps the top layer's output to the model's output.
  func headForward() -> UnsafeBufferPointer<S> {
    let T = seqLen, B = batch, width = config.layerOutputSize, h = config.hiddenSize
    let top = UnsafePointer(layerOutputs[config.layers - 1].pointer)
    if config.head == .sequence {
      return UnsafeBufferPointer(start: top, count: T * B * width)
    }
    let o = config.outputSize
    let rows = outputRows
    let w = UnsafePointer(parameters.pointer + headWeight)
    let bias = parameters.pointer + headBias
    headOutput.reserve(rows * o)
    let features: UnsafePointer<S>
    if config.head == .manyToOne {
      // features: [B, D*H] = concat(forward h at t = T-1, backward h at t = 0)
      headFeatures.reserve(B * width)
      for b in 0..<B {
        let f = headFeatures.pointer + b * width
        f.update(from: top + ((T - 1) * B + b) * width, count: h)
        if config.bidirectional { (f + h).update(from: top + b * width + h, count: h) }
      }
      features = UnsafePointer(headFeatures.pointer)
    } else {
      features = top
    }
    // output: [rows, O] = bias + features [rows, D*H] · Wᵀ [D*H, O]
    for r in 0..<rows { (headOutput.pointer + r * o).update(from: bias, count: o) }
    S.gemm(
      transB: true, m: rows, n: o, k: width, a: features, lda: width, b: w, ldb: width,
      accumulate: true, c: headOutput.pointer, ldc: o)
    return UnsafeBufferPointer(start: headOutput.pointer, count: rows * o)
  }

  /// Accumulates the head's gradients and writes ∂L/∂(top layer output).
  // dOutput: [rows, O] (or [T*B, D*H] for .sequence)
  func headBackward(dOutput: UnsafePointer<S>) {
    let T = seqLen, B = batch, width = config.layerOutputSize, h = config.hiddenSize
    let dTop = layerOutputGradients[config.layers - 1].pointer
    if config.head == .sequence {
      dTop.update(from: dOutput, count: T * B * width)
      return
    }
    let o = config.outputSize, rows = outputRows
    let w = UnsafePointer(parameters.pointer + headWeight)
    let dW = gradients.pointer + headWeight, dBias = gradients.pointer + headBias
    let top = UnsafePointer(layerOutputs[config.layers - 1].pointer)
    let features = config.head == .manyToOne ? UnsafePointer(headFeatures.pointer) : top
    // dW: [O, D*H] += dOutputᵀ [O, rows] · features [rows, D*H]
    S.gemm(
      transA: true, m: o, n: width, k: rows, a: dOutput, lda: o, b: features, ldb: width,
      accumulate: true, c: dW, ldc: width)
    for r in 0..<rows {
      for j in 0..<o { dBias[j] += dOutput[r * o + j] }
    }
    if config.head == .manyToMany {
      // dTop: [T*B, D*H] = dOutput [T*B, O] · W [O, D*H]
      S.gemm(m: rows, n: width, k: o, a: dOutput, lda: o, b: w, ldb: width, accumulate: false, c: dTop, ldc: width)
      return
    }
    // dFeatures: [B, D*H] = dOutput [B, O] · W [O, D*H], scattered to the
    // positions the features came from; the layers read nothing else.
    dHeadFeatures.reserve(B * width)
    S.gemm(
      m: B, n: width, k: o, a: dOutput, lda: o, b: w, ldb: width, accumulate: false,
      c: dHeadFeatures.pointer, ldc: width)
    for b in 0..<B {
      let f = dHeadFeatures.pointer + b * width
      (dTop + ((T - 1) * B + b) * width).update(from: f, count: h)
      if config.bidirectional { (dTop + b * width + h).update(from: f + h, count: h) }
    }
  }
}
