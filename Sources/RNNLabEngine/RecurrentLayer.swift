/// One direction of one recurrent layer: where its weights sit in the flat
/// buffers, its caches for one sequence, its forward pass and its BPTT.
///
/// Forward: one GEMM projects all T*B input rows, then per step one
/// recurrent GEMM and one fused elementwise kernel. Backward: per step one
/// fused kernel (the gate gradients overwrite the stored activations, so the
/// caches serve one backward), the step's bias-gradient column sums (while
/// its rows are in cache) and one GEMM for ∂L/∂h_prev; then the weight
/// gradients as single GEMMs over all rows, all accumulated (`+=`).
final class RecurrentLayer<S: EngineScalar> {
  let cell: ModelConfig.Cell
  let activation: ModelConfig.Activation
  let lstm: LSTMGateConfig
  /// Width of one input row, `I` (the model input, or `D*H` of the layer below).
  let inputSize: Int
  let hiddenSize: Int
  let gateCount: Int
  /// Runs t = T-1 … 0 (the `_reverse` direction).
  let reverse: Bool
  /// This direction's first column in the layer's output rows (0 or H).
  let outputColumn: Int
  /// Width of the layer's output rows, `D*H`.
  let outputStride: Int
  // Offsets of this direction's tensors in the flat parameter/gradient buffers.
  let weightIH: Int, weightHH: Int, biasIH: Int, biasHH: Int
  /// `weight_ci`, `weight_cf`, `weight_co` (contiguous), peephole only.
  let peephole: Int?

  // Sequence caches, [T*B, …].
  /// [T*B, G*H] input projection → gate activations → gate gradients.
  private let gates = ScratchBuffer<S>()
  /// [T*B, H] c_t (LSTM family).
  private let cellState = ScratchBuffer<S>()
  /// [T*B, H] tanh(c_t) (LSTM family).
  private let tanhCell = ScratchBuffer<S>()
  /// [T*B, H] GRU: W_hn·h_prev + b_hn, then the hidden-side n gradient.
  private let hiddenN = ScratchBuffer<S>()
  // Per-step workspaces, [B, …].
  /// [G*H] b_ih + b_hh, for the forward steps.
  private let bias = ScratchBuffer<S>()
  /// [H] GRU: column sums of the hidden-side n gradient (∂L/∂b_hn).
  private let biasHiddenN = ScratchBuffer<S>()
  /// [B, G*H] GRU hidden-side gates (forward) and their gradients (backward).
  private let stepGates = ScratchBuffer<S>()
  /// [B, H] ∂L/∂h: the recurrent part, then the total at the current step.
  private let dHidden = ScratchBuffer<S>()
  /// [B, H] ∂L/∂c carried to the step before.
  private let dCell = ScratchBuffer<S>()
  /// Never written: the zero initial state.
  private let zeros = ScratchBuffer<S>()
  /// W_hhᵀ `[H, G*H]` packed for the forward products (`S.packRight`).
  private let packedForward = ScratchBuffer<S>()
  /// W_ihᵀ `[I, G*H]` for the per-step input projection (small inputs).
  private let inputWeightsT = ScratchBuffer<S>()
  /// W_hh `[G*H, H]` packed for the backward products.
  private let packedBackward = ScratchBuffer<S>()
  /// [(1 + I), G*H] backward column sums of the gate gradients: row 0 the
  /// bias gradient, row 1 + i the i-th column of ∂L/∂W_ih (small inputs only).
  private let stepSums = ScratchBuffer<S>()
  /// [H, G*H] ∂L/∂W_hhᵀ of one backward pass, summed per step.
  private let recurrentGradient = ScratchBuffer<S>()

  /// ∂L/∂W_ih summed per step (`KernelPolicy`), else one GEMM after the loop.
  let fusesInputWeights: Bool
  /// ∂L/∂W_hh summed per step (`KernelPolicy`), else one GEMM after the loop.
  let fusesRecurrentWeights: Bool

  /// Mean over the batch of ‖∂L/∂h_t‖₂ for each t (last backward with flow on).
  private(set) var hiddenNorms: [Double] = []
  /// Mean over the batch of ‖∂L/∂c_t‖₂ for each t (LSTM family), else empty.
  private(set) var cellNorms: [Double] = []

  init(
    config: ModelConfig, layer: Int, direction: Int, layout: ParameterLayout,
    policy: KernelPolicy = .automatic
  ) {
    cell = config.cell
    activation = config.activation
    lstm = LSTMGateConfig(cell: config.cell, gates: config.gates)
    inputSize = layer == 0 ? config.inputSize : config.layerOutputSize
    hiddenSize = config.hiddenSize
    gateCount = config.cell.gateCount
    reverse = direction == 1
    outputColumn = direction * config.hiddenSize
    outputStride = config.layerOutputSize
    let suffix = ParameterLayout.suffix(layer: layer, direction: direction)
    weightIH = layout["weight_ih\(suffix)"]!.offset
    weightHH = layout["weight_hh\(suffix)"]!.offset
    biasIH = layout["bias_ih\(suffix)"]!.offset
    biasHH = layout["bias_hh\(suffix)"]!.offset
    peephole = layout["weight_ci\(suffix)"]?.offset
    fusesInputWeights = inputSize <= policy.stepwiseInputGradientLimit
    let recurrentSize = hiddenSize * gateCount * hiddenSize
    fusesRecurrentWeights = recurrentSize <= policy.stepwiseRecurrentGradientLimit
  }

  private func reserve(T: Int, B: Int) {
    let n = T * B, h = hiddenSize, gh = gateCount * h
    gates.reserve(n * gh)
    if cell.hasCellState {
      cellState.reserve(n * h)
      tanhCell.reserve(n * h)
    }
    if cell == .gru { hiddenN.reserve(n * h) }
    bias.reserve(gh)
    packedForward.reserve(S.packedCount(k: h, n: gh))
    packedBackward.reserve(S.packedCount(k: gh, n: h))
    stepSums.reserve((1 + inputSize) * gh)
    if fusesInputWeights { inputWeightsT.reserve(inputSize * gh) }
    if fusesRecurrentWeights { recurrentGradient.reserve(h * gh) }
    biasHiddenN.reserve(h)
    stepGates.reserve(B * gh)
    dHidden.reserve(B * h)
    dCell.reserve(B * h)
    zeros.reserve(B * max(outputStride, gh))
  }

  /// Runs this direction over the sequence, writing its columns of `output`.
  // output: [T*B, outputStride] out (columns outputColumn ..< outputColumn+H)
  // input: [T*B, I]; parameters: the model's flat buffer
  func forward(
    output: UnsafeMutablePointer<S>, input: UnsafePointer<S>, parameters: UnsafePointer<S>,
    T: Int, B: Int
  ) {
    reserve(T: T, B: B)
    let h = hiddenSize, gh = gateCount * h, stride = outputStride
    let wIH = parameters + weightIH, wHH = parameters + weightHH
    let bIH = parameters + biasIH, bHH = parameters + biasHH
    let peep = peephole.map { UnsafePointer(parameters + $0) }
    let out = output + outputColumn
    let zero = UnsafePointer(zeros.pointer)
    for j in 0..<gh { bias.pointer[j] = bIH[j] + bHH[j] }
    // The input projection: for a few input columns per step, in cache (with
    // the bias; GRU adds its split biases itself), else one GEMM up front.
    let projectsPerStep = fusesInputWeights
    let stepBias: UnsafePointer<S>? = projectsPerStep && cell != .gru ? UnsafePointer(bias.pointer) : nil
    if projectsPerStep {
      for i in 0..<inputSize {
        for j in 0..<gh { inputWeightsT.pointer[i * gh + j] = wIH[j * inputSize + i] }
      }
    } else {
      // gates: [T*B, G*H] = input [T*B, I] · W_ihᵀ [I, G*H]
      S.gemm(
        transB: true, m: T * B, n: gh, k: inputSize, a: input, lda: inputSize,
        b: wIH, ldb: inputSize, beta: 0, c: gates.pointer, ldc: gh)
    }
    // The kernels add b_ih + b_hh unless the projection did.
    let kernelBias: UnsafePointer<S>? = stepBias == nil ? UnsafePointer(bias.pointer) : nil
    S.packRight(wHH, ldb: h, transposed: true, k: h, n: gh, into: packedForward.pointer)
    let packed = UnsafePointer(packedForward.pointer)
    for s in 0..<T {
      let t = reverse ? T - 1 - s : s
      let tp = reverse ? t + 1 : t - 1
      let g = gates.pointer + t * B * gh
      let hPrev = s == 0 ? zero : UnsafePointer(out + tp * B * stride)
      let hOut = out + t * B * stride
      if projectsPerStep {
        // g: [B, G*H] = bias + x_t [B, I] · W_ihᵀ [I, G*H]
        Self.project(
          g, input: input + t * B * inputSize, weightsT: inputWeightsT.pointer, bias: stepBias,
          rows: B, inputs: inputSize, cols: gh)
      }
      switch cell {
      case .rnn, .lstm, .peephole, .cifg:
        // g: [B, G*H] += h_prev [B, H] · W_hhᵀ [H, G*H]
        if s > 0 {
          S.multiplyPacked(
            m: B, n: gh, k: h, a: hPrev, lda: stride, packed: packed, accumulate: true, c: g, ldc: gh)
        }
        if cell == .rnn {
          RNNKernels.forwardStep(
            hidden: hOut, hiddenStride: stride, gates: g, bias: kernelBias,
            activation: activation, B: B, H: h)
        } else {
          LSTMKernels.forwardStep(
            hidden: hOut, hiddenStride: stride,
            cell: cellState.pointer + t * B * h, tanhCell: tanhCell.pointer + t * B * h,
            gates: g, cellPrev: s == 0 ? zero : UnsafePointer(cellState.pointer + tp * B * h),
            bias: kernelBias, peephole: peep, config: lstm, B: B, H: h)
        }
      case .gru:
        // stepGates: [B, 3H] = h_prev [B, H] · W_hhᵀ [H, 3H]
        if s > 0 {
          S.multiplyPacked(
            m: B, n: gh, k: h, a: hPrev, lda: stride, packed: packed, accumulate: false,
            c: stepGates.pointer, ldc: gh)
        } else {
          stepGates.zero(B * gh)
        }
        GRUKernels.forwardStep(
          hidden: hOut, hiddenStride: stride, hiddenN: hiddenN.pointer + t * B * h,
          gates: g, hiddenGates: stepGates.pointer, hiddenPrev: hPrev, hiddenPrevStride: stride,
          biasIH: bIH, biasHH: bHH, B: B, H: h)
      }
    }
  }

  /// One step's input projection, `g[b, j] = bias[j] + Σ_i x[b, i] · wT[i, j]`.
  // g: [rows, cols] out; input: [rows, inputs]; weightsT: [inputs, cols]; bias: [cols] or nil (0)
  @inline(__always)
  private static func project(
    _ g: UnsafeMutablePointer<S>, input x: UnsafePointer<S>, weightsT: UnsafePointer<S>,
    bias: UnsafePointer<S>?, rows: Int, inputs: Int, cols: Int
  ) {
    typealias V = SIMD16<S>
    for r in 0..<rows {
      let row = g + r * cols, xr = x + r * inputs
      var j = 0
      while j + 16 <= cols {
        var acc = bias.map { UnsafeRawPointer($0 + j).loadUnaligned(as: V.self) } ?? V()
        for i in 0..<inputs {
          acc.addProduct(V(repeating: xr[i]), UnsafeRawPointer(weightsT + i * cols + j).loadUnaligned(as: V.self))
        }
        UnsafeMutableRawPointer(row + j).storeBytes(of: acc, as: V.self)
        j += 16
      }
      while j < cols {
        var acc = bias?[j] ?? 0
        for i in 0..<inputs { acc += xr[i] * weightsT[i * cols + j] }
        row[j] = acc
        j += 1
      }
    }
  }

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
    for s in (0..<T).reversed() {
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
        beta: accumulateInput ? 1 : 0, c: dX, ldc: inputSize)
    }
  }

  /// Weight gradients as GEMMs over all rows; bias gradients from the sums
  /// gathered during the time loop.
  // gradients: flat, += ; output: this direction's column 0 of [T*B, outputStride]
  private func accumulateWeightGradients(
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
        beta: 1, c: dWIH, ldc: inputSize)
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
  private func accumulateRecurrentGradient(
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
        beta: 1, c: gradients + weightHH, ldc: h)
      S.gemm(
        transA: true, m: h, n: h, k: k, a: hiddenN.pointer + gRow * h, lda: h, b: hPrev,
        ldb: stride, beta: 1, c: gradients + weightHH + 2 * h * h, ldc: h)
    } else {
      S.gemm(
        transA: true, m: gh, n: h, k: k, a: dG + gRow * gh, lda: gh, b: hPrev, ldb: stride,
        beta: 1, c: gradients + weightHH, ldc: h)
    }
  }

  /// `sums[j] += Σ_r x[r, j]`.
  // sums: [cols]; x: [rows, cols]
  @inline(__always)
  private static func addRows(_ sums: UnsafeMutablePointer<S>, _ x: UnsafePointer<S>, rows: Int, cols: Int) {
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
  private static func addWeightedRows(
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
          (SIMD8<S>.load(target) + v * SIMD8<S>(splat: rowWeights[i])).store(target)
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
  private static func meanRowNorm(_ x: UnsafePointer<S>, rows: Int, cols: Int) -> Double {
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
