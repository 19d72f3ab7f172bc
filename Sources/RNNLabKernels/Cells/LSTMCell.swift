/// Per-timestep elementwise kernels of the LSTM family (lstm, peephole,
/// cifg), written once for Float and Double.
///
/// A disabled gate is stored as exactly 1, so its `σ'` from the stored value,
/// `1 * (1 - 1)`, is 0 and its rows get a zero gradient without a branch; a
/// disabled activation has derivative 1 (`LSTMBackwardRow`'s slopes).
/// Index arithmetic wraps (`&+`, `&*`): offsets inside buffers the caller
/// sized, so they need no overflow check in release builds.
enum LSTMCell {
  /// Which gates and activations a cell has (the engine's `LSTMGateConfig`).
  /// Gate blocks inside a `[G*H]` row: `i,f,g,o`, or `f,g,o` when coupled.
  struct Gates {
    let coupled, inputGate, forgetGate, outputGate, inputActivation, outputActivation: Bool
    var count: Int { coupled ? 3 : 4 }
    var forgetBlock: Int { coupled ? 0 : 1 }
    var cellInputBlock: Int { coupled ? 1 : 2 }
    var outputBlock: Int { coupled ? 2 : 3 }
  }

  /// Applies the gates for one timestep and stores what backward needs.
  // hidden: [B, hiddenStride] out (first H columns of each row get h_t)
  // cell, tanhCell: [B, H] out: c_t and tanh(c_t) (c_t itself when NOAF)
  // gates: [B, G*H] in: x·W_ihᵀ + h_prev·W_hhᵀ (+ bias when `bias` is nil); out: gate activations
  // cellPrev: [B, H]; bias: [G*H] = b_ih + b_hh (nil: already in gates); peephole: [3*H] = w_ci, w_cf, w_co
  static func forwardStep<S: CellScalar>(
    hidden: UnsafeMutablePointer<S>, hiddenStride: Int,
    cell: UnsafeMutablePointer<S>, tanhCell: UnsafeMutablePointer<S>,
    gates: UnsafeMutablePointer<S>,
    cellPrev: UnsafePointer<S>, bias: UnsafePointer<S>?, peephole: UnsafePointer<S>?,
    config: Gates, B: Int, H: Int
  ) {
    let gh = config.count &* H
    let fo = config.forgetBlock &* H, go = config.cellInputBlock &* H, oo = config.outputBlock &* H
    for b in 0..<B {
      let row = gates + b &* gh
      let cp = cellPrev + b &* H
      let c = cell + b &* H
      let tc = tanhCell + b &* H
      let h = hidden + b &* hiddenStride
      if let bias { for j in 0..<gh { row[j] += bias[j] } }
      if let p = peephole {
        for j in 0..<H {
          row[j] += p[j] * cp[j]
          row[fo &+ j] += p[H &+ j] * cp[j]
        }
      }
      if config.coupled {
        if config.forgetGate { S.sigmoid(row, count: H) } else { row.fill(with: 1, count: H) }
      } else {
        S.sigmoid(row, count: 2 &* H)  // i and f are adjacent
        if !config.inputGate { row.fill(with: 1, count: H) }
        if !config.forgetGate { (row + fo).fill(with: 1, count: H) }
      }
      if config.inputActivation { S.tanh(row + go, count: H) }
      if config.coupled {
        for j in 0..<H {
          let f = row[j]
          c[j] = f * cp[j] + (1 - f) * row[go &+ j]
        }
      } else {
        for j in 0..<H { c[j] = row[fo &+ j] * cp[j] + row[j] * row[go &+ j] }
      }
      if let p = peephole {
        for j in 0..<H { row[oo &+ j] += p[2 &* H &+ j] * c[j] }
      }
      if config.outputGate {
        S.sigmoid(row + oo, count: H)
      } else {
        (row + oo).fill(with: 1, count: H)
      }
      tc.copy(from: c, count: H)
      if config.outputActivation { S.tanh(tc, count: H) }
      for j in 0..<H { h[j] = row[oo &+ j] * tc[j] }
    }
  }

  /// Gate gradients for one timestep (reverse order), written over the
  /// stored activations, and the cell gradient carried to the step before.
  // gates: [B, G*H] in: gate activations; out: ∂L/∂(gate pre-activations)
  // dCell: [B, H] in: ∂L/∂c_t through c_{t+1} (0 at the last step); out: ∂L/∂c_{t-1}
  // dPeephole: [3*H] accumulated (+=) when peephole
  // dHidden: [B, H] total ∂L/∂h_t; cell, tanhCell, cellPrev: [B, H] forward caches
  // cellNormSum: when non-nil, += Σ_b ‖∂L/∂c_t‖₂ (the total gradient of c_t)
  static func backwardStep<S: CellScalar>(
    gates: UnsafeMutablePointer<S>, dCell: UnsafeMutablePointer<S>,
    dPeephole: UnsafeMutablePointer<S>?,
    dHidden: UnsafePointer<S>, cell: UnsafePointer<S>, tanhCell: UnsafePointer<S>,
    cellPrev: UnsafePointer<S>, peephole: UnsafePointer<S>?,
    config: Gates, cellNormSum: UnsafeMutablePointer<Double>?, B: Int, H: Int
  ) {
    let gh = config.count &* H
    for b in 0..<B {
      let offset = b &* H
      let row = LSTMBackwardRow(
        gates: gates + b &* gh, dCell: dCell + offset, dPeephole: dPeephole,
        dHidden: dHidden + offset, cell: cell + offset, tanhCell: tanhCell + offset,
        cellPrev: cellPrev + offset, peephole: peephole, H: H,
        inSlope: config.inputActivation ? 1 : 0, outSlope: config.outputActivation ? 1 : 0)
      if let sum = cellNormSum {
        sum.pointee += row.cellGradientNorm(outputBlock: config.outputBlock)
      }
      var j = 0
      if config.coupled {
        while j &+ 16 <= H { row.coupled(SIMD16<S>.self, j); j &+= 16 }
        while j &+ 8 <= H { row.coupled(SIMD8<S>.self, j); j &+= 8 }
        while j < H { row.coupled(S.self, j); j &+= 1 }
      } else if peephole != nil {
        while j &+ 16 <= H { row.withPeephole(SIMD16<S>.self, j); j &+= 16 }
        while j &+ 8 <= H { row.withPeephole(SIMD8<S>.self, j); j &+= 8 }
        while j < H { row.withPeephole(S.self, j); j &+= 1 }
      } else {
        while j &+ 16 <= H { row.standard(SIMD16<S>.self, j); j &+= 16 }
        while j &+ 8 <= H { row.standard(SIMD8<S>.self, j); j &+= 8 }
        while j < H { row.standard(S.self, j); j &+= 1 }
      }
    }
  }
}
