/// Which LSTM-family cell a kernel runs and which of its gates are switched on.
///
/// Gate blocks inside a `[G*H]` row: standard and peephole `i,f,g,o`;
/// coupled (CIFG) `f,g,o` with `i = 1 - f`.
struct LSTMGateConfig: Sendable {
  let coupled: Bool
  let peephole: Bool
  let inputGate: Bool
  let forgetGate: Bool
  let outputGate: Bool
  let inputActivation: Bool
  let outputActivation: Bool

  init(cell: ModelConfig.Cell, gates: ModelConfig.Gates) {
    coupled = cell == .cifg
    peephole = cell == .peephole
    inputGate = gates.inputGate || cell == .cifg
    forgetGate = gates.forgetGate
    outputGate = gates.outputGate
    inputActivation = gates.inputActivation
    outputActivation = gates.outputActivation
  }

  var gateCount: Int { coupled ? 3 : 4 }
  /// Block index of f, g and o (i is block 0 when not coupled).
  var forgetBlock: Int { coupled ? 0 : 1 }
  var cellInputBlock: Int { coupled ? 1 : 2 }
  var outputBlock: Int { coupled ? 2 : 3 }
}

/// Per-timestep fused elementwise kernels of the LSTM family (lstm, peephole,
/// cifg), written once for Float and Double.
///
/// A disabled gate is stored as exactly 1, so its `σ'` from the stored value,
/// `1 * (1 - 1)`, is 0 and its rows get a zero gradient without a branch; a
/// disabled activation has derivative 1 (the `*Slope` masks below).
enum LSTMKernels {
  /// Applies the gates for one timestep and stores what backward needs.
  // hidden: [B, hiddenStride] out (first H columns of each row get h_t)
  // cell, tanhCell: [B, H] out: c_t and tanh(c_t) (c_t itself when NOAF)
  // gates: [B, G*H] in: x·W_ihᵀ + h_prev·W_hhᵀ (no bias); out: gate activations
  // cellPrev: [B, H]; bias: [G*H] = b_ih + b_hh; peephole: [3*H] = w_ci, w_cf, w_co
  static func forwardStep<S: EngineScalar>(
    hidden: UnsafeMutablePointer<S>, hiddenStride: Int,
    cell: UnsafeMutablePointer<S>, tanhCell: UnsafeMutablePointer<S>,
    gates: UnsafeMutablePointer<S>,
    cellPrev: UnsafePointer<S>, bias: UnsafePointer<S>, peephole: UnsafePointer<S>?,
    config: LSTMGateConfig, B: Int, H: Int
  ) {
    let gh = config.gateCount * H
    let fo = config.forgetBlock * H, go = config.cellInputBlock * H, oo = config.outputBlock * H
    for b in 0..<B {
      let row = gates + b * gh
      let cp = cellPrev + b * H
      let c = cell + b * H
      let tc = tanhCell + b * H
      let h = hidden + b * hiddenStride
      for j in 0..<gh { row[j] += bias[j] }
      if let p = peephole {
        for j in 0..<H {
          row[j] += p[j] * cp[j]
          row[fo + j] += p[H + j] * cp[j]
        }
      }
      if config.coupled {
        if config.forgetGate { S.sigmoid(row, count: H) } else { row.update(repeating: 1, count: H) }
      } else {
        S.sigmoid(row, count: 2 * H)  // i and f are adjacent
        if !config.inputGate { row.update(repeating: 1, count: H) }
        if !config.forgetGate { (row + fo).update(repeating: 1, count: H) }
      }
      if config.inputActivation { S.tanh(row + go, count: H) }
      if config.coupled {
        for j in 0..<H {
          let f = row[j]
          c[j] = f * cp[j] + (1 - f) * row[go + j]
        }
      } else {
        for j in 0..<H { c[j] = row[fo + j] * cp[j] + row[j] * row[go + j] }
      }
      if let p = peephole {
        for j in 0..<H { row[oo + j] += p[2 * H + j] * c[j] }
      }
      if config.outputGate {
        S.sigmoid(row + oo, count: H)
      } else {
        (row + oo).update(repeating: 1, count: H)
      }
      tc.update(from: c, count: H)
      if config.outputActivation { S.tanh(tc, count: H) }
      for j in 0..<H { h[j] = row[oo + j] * tc[j] }
    }
  }

  /// Gate gradients for one timestep (reverse order), written over the
  /// stored activations, and the cell gradient carried to the step before.
  // gates: [B, G*H] in: gate activations; out: ∂L/∂(gate pre-activations)
  // dCell: [B, H] in: ∂L/∂c_t through c_{t+1} (0 at the last step); out: ∂L/∂c_{t-1}
  // dPeephole: [3*H] accumulated (+=) when peephole
  // dHidden: [B, H] total ∂L/∂h_t; cell, tanhCell, cellPrev: [B, H] forward caches
  // cellNormSum: when non-nil, += Σ_b ‖∂L/∂c_t‖₂ (the total gradient of c_t)
  static func backwardStep<S: EngineScalar>(
    gates: UnsafeMutablePointer<S>, dCell: UnsafeMutablePointer<S>,
    dPeephole: UnsafeMutablePointer<S>?,
    dHidden: UnsafePointer<S>, cell: UnsafePointer<S>, tanhCell: UnsafePointer<S>,
    cellPrev: UnsafePointer<S>, peephole: UnsafePointer<S>?,
    config: LSTMGateConfig, cellNormSum: UnsafeMutablePointer<Double>?, B: Int, H: Int
  ) {
    let gh = config.gateCount * H
    let oo = config.outputBlock * H
    // 1 - slope * v² is tanh' from the stored value, or 1 for a disabled activation.
    let inSlope: S = config.inputActivation ? 1 : 0
    let outSlope: S = config.outputActivation ? 1 : 0
    for b in 0..<B {
      let r = gates + b * gh
      let dc = dCell + b * H
      let dh = dHidden + b * H
      let c = cell + b * H
      let tc = tanhCell + b * H
      let cp = cellPrev + b * H
      if let sum = cellNormSum {
        var squares = 0.0
        for j in 0..<H {
          let o = r[oo + j]
          var dcj = dc[j] + dh[j] * o * (1 - outSlope * tc[j] * tc[j])
          if let p = peephole { dcj += dh[j] * tc[j] * o * (1 - o) * p[2 * H + j] }
          squares += Double(dcj * dcj)
        }
        sum.pointee += squares.squareRoot()
      }
      if config.coupled {
        for j in 0..<H {
          let f = r[j], g = r[H + j], o = r[2 * H + j]
          let dcj = dc[j] + dh[j] * o * (1 - outSlope * tc[j] * tc[j])
          r[j] = dcj * (cp[j] - g) * f * (1 - f)
          r[H + j] = dcj * (1 - f) * (1 - inSlope * g * g)
          r[2 * H + j] = dh[j] * tc[j] * o * (1 - o)
          dc[j] = dcj * f
        }
      } else if let p = peephole, let dp = dPeephole {
        for j in 0..<H {
          let i = r[j], f = r[H + j], g = r[2 * H + j], o = r[3 * H + j]
          let doPre = dh[j] * tc[j] * o * (1 - o)
          let dcj = dc[j] + dh[j] * o * (1 - outSlope * tc[j] * tc[j]) + doPre * p[2 * H + j]
          let diPre = dcj * g * i * (1 - i)
          let dfPre = dcj * cp[j] * f * (1 - f)
          r[j] = diPre
          r[H + j] = dfPre
          r[2 * H + j] = dcj * i * (1 - inSlope * g * g)
          r[3 * H + j] = doPre
          dc[j] = dcj * f + diPre * p[j] + dfPre * p[H + j]
          dp[j] += diPre * cp[j]
          dp[H + j] += dfPre * cp[j]
          dp[2 * H + j] += doPre * c[j]
        }
      } else {
        for j in 0..<H {
          let i = r[j], f = r[H + j], g = r[2 * H + j], o = r[3 * H + j]
          let dcj = dc[j] + dh[j] * o * (1 - outSlope * tc[j] * tc[j])
          r[j] = dcj * g * i * (1 - i)
          r[H + j] = dcj * cp[j] * f * (1 - f)
          r[2 * H + j] = dcj * i * (1 - inSlope * g * g)
          r[3 * H + j] = dh[j] * tc[j] * o * (1 - o)
          dc[j] = dcj * f
        }
      }
    }
  }
}
