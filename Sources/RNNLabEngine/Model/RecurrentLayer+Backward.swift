/// Backpropagation through time for one direction of one layer.
extension RecurrentLayer {
  /// Backpropagates through time; accumulates the parameter gradients and
  /// writes (or adds to) ∂L/∂input. Consumes the caches of `forward`.
  // dInput: [T*B, I] out (= or += when accumulateInput), nil to skip
  // gradients: the model's flat gradient buffer, accumulated (+=)
  // dOutput: [T*B, outputStride] ∂L/∂(layer output) from above; this direction's columns are
  //   read, only at timestep dOutputStep when that is given (the rest is then known zero)
  // output: [T*B, outputStride] forward outputs; input: [T*B, I]; parameters: flat
  func backward(
    dInput: UnsafeMutablePointer<S>?, accumulateInput: Bool, gradients: UnsafeMutablePointer<S>,
    dOutput: UnsafePointer<S>, dOutputStep: Int?, output: UnsafePointer<S>,
    input: UnsafePointer<S>, parameters: UnsafePointer<S>, T: Int, B: Int, measureFlow: Bool
  ) {
    let h = hiddenSize, gh = gateCount * h, stride = outputStride
    let wIH = parameters + weightIH, wHH = parameters + weightHH
    let peep = peephole.map { UnsafePointer(parameters + $0) }
    let dPeep = peephole.map { gradients + $0 }
    let out = output + outputColumn, dOut = dOutput + outputColumn
    let zero = UnsafePointer(zeros.pointer)
    let dh = dHidden.pointer
    dHidden.zero(B * h)
    dCell.zero(B * h)
    // Bias (and small-input weight) gradients are summed per step, while
    // that step's rows are in cache.
    let sumRows = fusesInputWeights ? 1 + inputSize : 1
    stepSums.zero(sumRows * gh)
    if fusesRecurrentWeights { recurrentGradient.zero(h * gh) }
    S.packRight(wHH, ldb: h, transposed: false, k: gh, n: h, into: packedBackward.pointer)
    let packed = UnsafePointer(packedBackward.pointer)
    biasHiddenN.zero(h)
    if measureFlow {
      hiddenNorms = Array(repeating: 0, count: T)
      cellNorms = cell.hasCellState ? Array(repeating: 0, count: T) : []
    }
    let poll = pollInterval(B: B)
    for s in (0..<T).reversed() {
      if let interruption, s % poll == 0, interruption() { return }
      let t = reverse ? T - 1 - s : s
      let tp = reverse ? t + 1 : t - 1
      let g = gates.pointer + t * B * gh
      // dh: [B, H] += dOutput[t] (this direction's columns)
      if dOutputStep == nil || dOutputStep == t {
        let dOutRow = dOut + t * B * stride
        for b in 0..<B {
          let d = dh + b * h, o = dOutRow + b * stride
          for j in 0..<h { d[j] += o[j] }
        }
      }
      if measureFlow { hiddenNorms[t] = Self.meanRowNorm(dh, rows: B, cols: h) }
      switch cell {
      case .rnn:
        RNNKernels.backwardStep(
          dGates: g, dHidden: dh, hidden: out + t * B * stride, hiddenStride: stride,
          activation: activation, B: B, H: h)
      case .lstm, .peephole, .cifg:
        var cellNormSum = 0.0
        withUnsafeMutablePointer(to: &cellNormSum) { sum in
          LSTMKernels.backwardStep(
            gates: g, dCell: dCell.pointer, dPeephole: dPeep, dHidden: dh,
            cell: cellState.pointer + t * B * h, tanhCell: tanhCell.pointer + t * B * h,
            cellPrev: s == 0 ? zero : UnsafePointer(cellState.pointer + tp * B * h),
            peephole: peep, config: lstm, cellNormSum: measureFlow ? sum : nil, B: B, H: h)
        }
        if measureFlow { cellNorms[t] = cellNormSum / Double(B) }
      case .gru:
        GRUKernels.backwardStep(
          gates: g, hiddenN: hiddenN.pointer + t * B * h, dHiddenGates: stepGates.pointer,
          dHidden: dh, hiddenPrev: s == 0 ? zero : UnsafePointer(out + tp * B * stride),
          hiddenPrevStride: stride, B: B, H: h)
      }
      // bias sums: [G*H] += Σ_b dGates[t]; GRU: [H] += Σ_b (dn·r)[t]
      if fusesInputWeights {
        Self.addWeightedRows(
          stepSums.pointer, g, weights: input + t * B * inputSize, rows: B, cols: gh,
          weightCount: inputSize)
      } else {
        Self.addRows(stepSums.pointer, g, rows: B, cols: gh)
      }
      if cell == .gru { Self.addRows(biasHiddenN.pointer, hiddenN.pointer + t * B * h, rows: B, cols: h) }
      if s == 0 { break }
      // dW_hhᵀ: [H, G*H] += h_prevᵀ [H, B] · (hidden-side) dGates [B, G*H], while
      // they are in cache (the first step's h_prev is zero and adds nothing).
      if fusesRecurrentWeights {
        S.multiplyAddTransposedA(
          m: h, n: gh, k: B, a: out + tp * B * stride, lda: stride,
          b: cell == .gru ? stepGates.pointer : g, ldb: gh, c: recurrentGradient.pointer, ldc: gh)
      }
      if cell == .gru {
        // dh: [B, H] (= dh·z) += stepGates [B, 3H] · W_hh [3H, H]
        S.multiplyPacked(
          m: B, n: h, k: gh, a: stepGates.pointer, lda: gh, packed: packed, accumulate: true,
          c: dh, ldc: h)
      } else {
        // dh: [B, H] = dGates [B, G*H] · W_hh [G*H, H]
        S.multiplyPacked(
          m: B, n: h, k: gh, a: g, lda: gh, packed: packed, accumulate: false, c: dh, ldc: h)
      }
    }
    accumulateWeightGradients(gradients: gradients, output: out, input: input, T: T, B: B)
    if let dX = dInput {
      // dX: [T*B, I] (+)= dGates [T*B, G*H] · W_ih [G*H, I]
      S.gemm(
        m: T * B, n: inputSize, k: gh, a: gates.pointer, lda: gh, b: wIH, ldb: inputSize,
        accumulate: accumulateInput, c: dX, ldc: inputSize)
    }
  }

  /// Weight gradients as GEMMs over all rows; bias gradients from the sums
  /// gathered during the time loop.
  // gradients: flat, += ; output: this direction's column 0 of [T*B, outputStride]
  fileprivate func accumulateWeightGradients(
    gradients: UnsafeMutablePointer<S>, output out: UnsafePointer<S>, input: UnsafePointer<S>,
    T: Int, B: Int
  ) {
    let h = hiddenSize, gh = gateCount * h, n = T * B
    let dG = UnsafePointer(gates.pointer)
    let dWIH = gradients + weightIH
    if fusesInputWeights {
      // dW_ih: [G*H, I] += the per-step sums, rows 1... of stepSums [1+I, G*H]
      for i in 0..<inputSize {
        let column = stepSums.pointer + (1 + i) * gh
        for j in 0..<gh { dWIH[j * inputSize + i] += column[j] }
      }
    } else {
      // dW_ih: [G*H, I] += dGatesᵀ [G*H, T*B] · input [T*B, I]
      S.gemm(
        transA: true, m: gh, n: inputSize, k: n, a: dG, lda: gh, b: input, ldb: inputSize,
        accumulate: true, c: dWIH, ldc: inputSize)
    }
    if fusesRecurrentWeights {
      // dW_hh: [G*H, H] += the per-step sums [H, G*H], transposed.
      let dWHH = gradients + weightHH, sumsT = recurrentGradient.pointer
      for j in 0..<gh {
        for i in 0..<h { dWHH[j * h + i] += sumsT[i * gh + j] }
      }
    } else {
      accumulateRecurrentGradient(gradients: gradients, output: out, T: T, B: B)
    }
    // bias: the column sums gathered during the time loop.
    let sums = stepSums.pointer
    let dbIH = gradients + biasIH, dbHH = gradients + biasHH
    for j in 0..<gh { dbIH[j] += sums[j] }
    if cell == .gru {
      // The hidden-side n block is dn·r, not dn.
      for j in 0..<(2 * h) { dbHH[j] += sums[j] }
      for j in 0..<h { dbHH[2 * h + j] += biasHiddenN.pointer[j] }
    } else {
      for j in 0..<gh { dbHH[j] += sums[j] }
    }
  }

  /// ∂L/∂W_hh as GEMMs over all steps with a predecessor (large layers).
  // gradients: flat, += ; output: this direction's column 0 of [T*B, outputStride]
  fileprivate func accumulateRecurrentGradient(
    gradients: UnsafeMutablePointer<S>, output out: UnsafePointer<S>, T: Int, B: Int
  ) {
    let h = hiddenSize, gh = gateCount * h, stride = outputStride
    let dG = UnsafePointer(gates.pointer)
    // dW_hh: [G*H, H] += dGates[steps with a predecessor]ᵀ · h_prev; the first
    // step's h_prev is zero. Forward: rows t = 1..<T pair with h rows t-1;
    // reverse: rows t = 0..<T-1 pair with h rows t+1.
    let k = (T - 1) * B
    let gRow = reverse ? 0 : B, hRow = reverse ? B : 0
    let hPrev = out + hRow * stride
    if cell == .gru {
      S.gemm(
        transA: true, m: 2 * h, n: h, k: k, a: dG + gRow * gh, lda: gh, b: hPrev, ldb: stride,
        accumulate: true, c: gradients + weightHH, ldc: h)
      S.gemm(
        transA: true, m: h, n: h, k: k, a: hiddenN.pointer + gRow * h, lda: h, b: hPrev,
        ldb: stride, accumulate: true, c: gradients + weightHH + 2 * h * h, ldc: h)
    } else {
      S.gemm(
        transA: true, m: gh, n: h, k: k, a: dG + gRow * gh, lda: gh, b: hPrev, ldb: stride,
        accumulate: true, c: gradients + weightHH, ldc: h)
    }
  }

  /// `sums[j] += Σ_r x[r, j]`.
  // sums: [cols]; x: [rows, cols]
  @inline(__always)
  fileprivate static func addRows(_ sums: UnsafeMutablePointer<S>, _ x: UnsafePointer<S>, rows: Int, cols: Int) {
    for r in 0..<rows {
      let row = x + r * cols
      var j = 0
      while j + 8 <= cols {
        (SIMD8<S>.load(sums + j) + SIMD8<S>.load(row + j)).store(sums + j)
        j += 8
      }
      while j < cols {
        sums[j] += row[j]
        j += 1
      }
    }
  }

  /// `sums[0, j] += Σ_r x[r, j]` and `sums[1 + i, j] += Σ_r x[r, j] · w[r, i]`.
  // sums: [1 + weightCount, cols]; x: [rows, cols]; w: [rows, weightCount]
  @inline(__always)
  fileprivate static func addWeightedRows(
    _ sums: UnsafeMutablePointer<S>, _ x: UnsafePointer<S>, weights w: UnsafePointer<S>,
    rows: Int, cols: Int, weightCount: Int
  ) {
    for r in 0..<rows {
      let row = x + r * cols, rowWeights = w + r * weightCount
      var j = 0
      while j + 8 <= cols {
        let v = SIMD8<S>.load(row + j)
        (SIMD8<S>.load(sums + j) + v).store(sums + j)
        for i in 0..<weightCount {
          let target = sums + (1 + i) * cols + j
          (SIMD8<S>.load(target) + v * SIMD8<S>.splat(rowWeights[i])).store(target)
        }
        j += 8
      }
      while j < cols {
        sums[j] += row[j]
        for i in 0..<weightCount { sums[(1 + i) * cols + j] += row[j] * rowWeights[i] }
        j += 1
      }
    }
  }

  /// Mean over rows of each row's L2 norm, in Double.
  // x: [rows, cols]
  fileprivate static func meanRowNorm(_ x: UnsafePointer<S>, rows: Int, cols: Int) -> Double {
    var total = 0.0
    for r in 0..<rows {
      var squares = 0.0
      for j in 0..<cols {
        let v = Double(x[r * cols + j])
        squares += v * v
      }
      total += squares.squareRoot()
    }
    return total / Double(rows)
  }
}
