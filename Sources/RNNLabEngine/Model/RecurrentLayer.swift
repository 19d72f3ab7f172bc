/// One direction of one recurrent layer: where its weights sit in the flat
/// buffers, its caches for one sequence, its forward pass and (in
/// `RecurrentLayer+Backward.swift`) its BPTT.
///
/// Forward: the input projection (per step for a few input columns, else one
/// GEMM over all T*B rows), then per step one recurrent product against W_hh
/// packed once per sequence (`S.multiplyPacked`) and one fused elementwise
/// kernel. Backward: per step one fused kernel (the gate gradients overwrite
/// the stored activations, so the caches serve one backward), the step's
/// bias and small-input weight-gradient sums, its ∂L/∂W_hh share (for layers
/// whose W_hh fits in cache) and one product for ∂L/∂h_prev, all while the
/// step's rows are in cache; the remaining weight gradients as single GEMMs
/// over all rows (`KernelPolicy`). Gradients accumulate (`+=`).
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
  /// Polled every few timesteps when set; true abandons the pass, leaving
  /// its outputs undefined (see `RecurrentModel.interruption`).
  var interruption: (() -> Bool)?
  /// Timesteps between two polls of `interruption` for a batch of `B`:
  /// about 64k gate values, so a poll (a lock, tens of nanoseconds) costs
  /// well under 1 % of a step however small the model, while even a batch
  /// of 1024 LSTM-256 is polled every step.
  func pollInterval(B: Int) -> Int { max(1, (1 << 16) / max(1, B * gateCount * hiddenSize)) }

  // Sequence caches, [T*B, …].
  /// [T*B, G*H] input projection → gate activations → gate gradients.
  let gates = ScratchBuffer<S>()
  /// [T*B, H] c_t (LSTM family).
  let cellState = ScratchBuffer<S>()
  /// [T*B, H] tanh(c_t) (LSTM family).
  let tanhCell = ScratchBuffer<S>()
  /// [T*B, H] GRU: W_hn·h_prev + b_hn, then the hidden-side n gradient.
  let hiddenN = ScratchBuffer<S>()
  // Per-step workspaces, [B, …].
  /// [G*H] b_ih + b_hh, for the forward steps.
  let bias = ScratchBuffer<S>()
  /// [H] GRU: column sums of the hidden-side n gradient (∂L/∂b_hn).
  let biasHiddenN = ScratchBuffer<S>()
  /// [B, G*H] GRU hidden-side gates (forward) and their gradients (backward).
  let stepGates = ScratchBuffer<S>()
  /// [B, H] ∂L/∂h: the recurrent part, then the total at the current step.
  let dHidden = ScratchBuffer<S>()
  /// [B, H] ∂L/∂c carried to the step before.
  let dCell = ScratchBuffer<S>()
  /// Never written: the zero initial state.
  let zeros = ScratchBuffer<S>()
  /// W_hhᵀ `[H, G*H]` packed for the forward products (`S.packRight`).
  let packedForward = ScratchBuffer<S>()
  /// W_ihᵀ `[I, G*H]` for the per-step input projection (small inputs).
  let inputWeightsT = ScratchBuffer<S>()
  /// W_hh `[G*H, H]` packed for the backward products.
  let packedBackward = ScratchBuffer<S>()
  /// [(1 + I), G*H] backward column sums of the gate gradients: row 0 the
  /// bias gradient, row 1 + i the i-th column of ∂L/∂W_ih (small inputs only).
  let stepSums = ScratchBuffer<S>()
  /// [H, G*H] ∂L/∂W_hhᵀ of one backward pass, summed per step.
  let recurrentGradient = ScratchBuffer<S>()

  /// ∂L/∂W_ih summed per step (`KernelPolicy`), else one GEMM after the loop.
  let fusesInputWeights: Bool
  /// ∂L/∂W_hh summed per step (`KernelPolicy`), else one GEMM after the loop.
  let fusesRecurrentWeights: Bool

  /// Mean over the batch of ‖∂L/∂h_t‖₂ for each t (last backward with flow on).
  var hiddenNorms: [Double] = []
  /// Mean over the batch of ‖∂L/∂c_t‖₂ for each t (LSTM family), else empty.
  var cellNorms: [Double] = []

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
        b: wIH, ldb: inputSize, accumulate: false, c: gates.pointer, ldc: gh)
    }
    // The kernels add b_ih + b_hh unless the projection did.
    let kernelBias: UnsafePointer<S>? = stepBias == nil ? UnsafePointer(bias.pointer) : nil
    S.packRight(wHH, ldb: h, transposed: true, k: h, n: gh, into: packedForward.pointer)
    let packed = UnsafePointer(packedForward.pointer)
    let poll = pollInterval(B: B)
    for s in 0..<T {
      if let interruption, s % poll == 0, interruption() { return }
      let t = reverse ? T - 1 - s : s
      let tp = reverse ? t + 1 : t - 1
      let g = gates.pointer + t * B * gh
      let hPrev = s == 0 ? zero : UnsafePointer(out + tp * B * stride)
      let hOut = out + t * B * stride
      if projectsPerStep {
        // g: [B, G*H] = bias + x_t [B, I] · W_ihᵀ [I, G*H]
        S.project(
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
}
