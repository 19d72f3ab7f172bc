/// The LSTM family's per-step elementwise kernels for Float, the same
/// operations in the same order as the engine's generic `LSTMKernels` (see
/// there for the buffer layouts and the disabled-gate convention).
enum LSTMCell {
  /// Which gates and activations a cell has (the engine's `LSTMGateConfig`).
  struct Gates {
    let coupled, inputGate, forgetGate, outputGate, inputActivation, outputActivation: Bool
    var count: Int { coupled ? 3 : 4 }
    var forgetBlock: Int { coupled ? 0 : 1 }
    var cellInputBlock: Int { coupled ? 1 : 2 }
    var outputBlock: Int { coupled ? 2 : 3 }
  }

  static func forwardStep(
    hidden: UnsafeMutablePointer<Float>, hiddenStride: Int,
    cell: UnsafeMutablePointer<Float>, tanhCell: UnsafeMutablePointer<Float>,
    gates: UnsafeMutablePointer<Float>,
    cellPrev: UnsafePointer<Float>, bias: UnsafePointer<Float>?, peephole: UnsafePointer<Float>?,
    config: Gates, B: Int, H: Int
  ) {
    let gh = config.count * H
    let fo = config.forgetBlock * H, go = config.cellInputBlock * H, oo = config.outputBlock * H
    for b in 0..<B {
      let row = gates + b * gh
      let cp = cellPrev + b * H
      let c = cell + b * H
      let tc = tanhCell + b * H
      let h = hidden + b * hiddenStride
      if let bias { for j in 0..<gh { row[j] += bias[j] } }
      if let p = peephole {
        for j in 0..<H {
          row[j] += p[j] * cp[j]
          row[fo + j] += p[H + j] * cp[j]
        }
      }
      if config.coupled {
        if config.forgetGate { sigmoid(row, H) } else { row.update(repeating: 1, count: H) }
      } else {
        sigmoid(row, 2 * H)  // i and f are adjacent
        if !config.inputGate { row.update(repeating: 1, count: H) }
        if !config.forgetGate { (row + fo).update(repeating: 1, count: H) }
      }
      if config.inputActivation { tanh(row + go, H) }
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
        sigmoid(row + oo, H)
      } else {
        (row + oo).update(repeating: 1, count: H)
      }
      tc.update(from: c, count: H)
      if config.outputActivation { tanh(tc, H) }
      for j in 0..<H { h[j] = row[oo + j] * tc[j] }
    }
  }

  static func backwardStep(
    gates: UnsafeMutablePointer<Float>, dCell: UnsafeMutablePointer<Float>,
    dPeephole: UnsafeMutablePointer<Float>?,
    dHidden: UnsafePointer<Float>, cell: UnsafePointer<Float>, tanhCell: UnsafePointer<Float>,
    cellPrev: UnsafePointer<Float>, peephole: UnsafePointer<Float>?,
    config: Gates, cellNormSum: UnsafeMutablePointer<Double>?, B: Int, H: Int
  ) {
    let gh = config.count * H
    for b in 0..<B {
      let row = LSTMBackwardRow(
        gates: gates + b * gh, dCell: dCell + b * H, dPeephole: dPeephole,
        dHidden: dHidden + b * H, cell: cell + b * H, tanhCell: tanhCell + b * H,
        cellPrev: cellPrev + b * H, peephole: peephole, H: H,
        inSlope: config.inputActivation ? 1 : 0, outSlope: config.outputActivation ? 1 : 0)
      if let sum = cellNormSum {
        sum.pointee += row.cellGradientNorm(outputBlock: config.outputBlock)
      }
      var j = 0
      if config.coupled {
        while j + 16 <= H { row.coupled(SIMD16<Float>.self, j); j += 16 }
        while j + 8 <= H { row.coupled(SIMD8<Float>.self, j); j += 8 }
        while j < H { row.coupled(Float.self, j); j += 1 }
      } else if peephole != nil {
        while j + 16 <= H { row.withPeephole(SIMD16<Float>.self, j); j += 16 }
        while j + 8 <= H { row.withPeephole(SIMD8<Float>.self, j); j += 8 }
        while j < H { row.withPeephole(Float.self, j); j += 1 }
      } else {
        while j + 16 <= H { row.standard(SIMD16<Float>.self, j); j += 16 }
        while j + 8 <= H { row.standard(SIMD8<Float>.self, j); j += 8 }
        while j < H { row.standard(Float.self, j); j += 1 }
      }
    }
  }

  @inline(__always)
  private static func sigmoid(_ p: UnsafeMutablePointer<Float>, _ count: Int) {
    LaneMath.map(p, into: p, count: count, SigmoidKernel.self)
  }
  @inline(__always)
  private static func tanh(_ p: UnsafeMutablePointer<Float>, _ count: Int) {
    LaneMath.map(p, into: p, count: count, TanhKernel.self)
  }
}
