import RNNLabRandom
import Testing

@testable import RNNLabEngine

/// Seeded initialisers: PyTorch's uniform default, orthogonal (rows or
/// columns orthonormal), identity, constant; deterministic per seed.
@Suite struct InitializerTests {
  func generated(count: Int, seed: UInt64, _ body: (UnsafeMutableBufferPointer<Float>, inout SeededGenerator) -> Void)
    -> [Float]
  {
    var values = [Float](repeating: .nan, count: count)
    var generator = SeededGenerator(seed: seed, stream: "init")
    values.withUnsafeMutableBufferPointer { body($0, &generator) }
    return values
  }

  /// (A·Aᵀ or Aᵀ·A) − I, largest absolute entry; `rows` of `columns` values.
  func gramDeviation(_ a: [Float], rows: Int, columns: Int, ofColumns: Bool) -> Double {
    let size = ofColumns ? columns : rows
    var worst = 0.0
    for i in 0..<size {
      for j in 0..<size {
        var dot = 0.0
        for t in 0..<(ofColumns ? rows : columns) {
          let x = ofColumns ? a[t * columns + i] : a[i * columns + t]
          let y = ofColumns ? a[t * columns + j] : a[j * columns + t]
          dot += Double(x) * Double(y)
        }
        worst = max(worst, abs(dot - (i == j ? 1 : 0)))
      }
    }
    return worst
  }

  @Test func pytorchDefaultIsUniformWithinOneOverRootH() {
    let hidden = 64
    let values = generated(count: 20_000, seed: 7) { Initializers.pytorchDefault($0, hiddenSize: hidden, using: &$1) }
    let bound: Float = 1 / 8
    #expect(values.allSatisfy { $0 >= -bound && $0 < bound })
    let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
    let variance = values.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(values.count)
    #expect(abs(mean) < 0.003)  // σ of the mean = (1/8)/√3/√20000 ≈ 5e-4
    #expect(abs(variance - Double(bound * bound) / 3) < 2e-4)  // uniform variance b²/3 ≈ 5.2e-3
    #expect(values.max()! > 0.12 && values.min()! < -0.12)
  }

  @Test func sameSeedSameValuesOtherSeedOtherValues() {
    let a = generated(count: 256, seed: 1) { Initializers.orthogonal($0, rows: 16, columns: 16, using: &$1) }
    let b = generated(count: 256, seed: 1) { Initializers.orthogonal($0, rows: 16, columns: 16, using: &$1) }
    let c = generated(count: 256, seed: 2) { Initializers.orthogonal($0, rows: 16, columns: 16, using: &$1) }
    #expect(a == b)
    #expect(a != c)
    let u1 = generated(count: 50, seed: 3) { Initializers.uniform($0, bound: 1, using: &$1) }
    let u2 = generated(count: 50, seed: 3) { Initializers.uniform($0, bound: 1, using: &$1) }
    #expect(u1 == u2)
  }

  @Test(arguments: [(16, 16), (1, 1), (64, 16), (128, 32), (16, 48)])
  func orthogonalRowsOrColumnsAreOrthonormal(rows: Int, columns: Int) {
    let q = generated(count: rows * columns, seed: 11) {
      Initializers.orthogonal($0, rows: rows, columns: columns, using: &$1)
    }
    // Tall (e.g. a whole [4H, H] LSTM matrix): orthonormal columns; wide: orthonormal rows; square: both.
    if rows >= columns { #expect(gramDeviation(q, rows: rows, columns: columns, ofColumns: true) < 1e-5) }
    if rows <= columns { #expect(gramDeviation(q, rows: rows, columns: columns, ofColumns: false) < 1e-5) }
  }

  /// Per gate block: four [H, H] blocks of a [4H, H] matrix, each orthogonal, with a gain.
  @Test func orthogonalPerGateBlockWithGain() {
    let hidden = 8
    var weights = [Float](repeating: 0, count: 4 * hidden * hidden)
    var generator = SeededGenerator(seed: 5, stream: "init")
    weights.withUnsafeMutableBufferPointer { all in
      for gate in 0..<4 {
        let block = UnsafeMutableBufferPointer(rebasing: all[(gate * hidden * hidden)..<((gate + 1) * hidden * hidden)])
        Initializers.orthogonal(block, rows: hidden, columns: hidden, gain: 2, using: &generator)
      }
    }
    for gate in 0..<4 {
      let block = Array(weights[(gate * hidden * hidden)..<((gate + 1) * hidden * hidden)]).map { $0 / 2 }
      #expect(gramDeviation(block, rows: hidden, columns: hidden, ofColumns: true) < 1e-5)
    }
    #expect(Array(weights[0..<64]) != Array(weights[64..<128]))
  }

  @Test func identityAndConstant() {
    var values = [Float](repeating: 9, count: 6)
    values.withUnsafeMutableBufferPointer { Initializers.identity($0, rows: 2, columns: 3) }
    #expect(values == [1, 0, 0, 0, 1, 0])
    values.withUnsafeMutableBufferPointer { Initializers.identity($0, rows: 3, columns: 2, gain: 0.5) }
    #expect(values == [0.5, 0, 0, 0.5, 0, 0])
    values.withUnsafeMutableBufferPointer { Initializers.constant($0, value: 1) }
    #expect(values == [1, 1, 1, 1, 1, 1])
  }
}
