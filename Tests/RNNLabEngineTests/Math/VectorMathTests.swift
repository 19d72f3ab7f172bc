import Foundation
import Testing

@testable import RNNLabEngine

/// VectorMath against Double libm: accuracy in ulp over the whole Float range,
/// exact saturation, special values, and agreement between the scalar, SIMD
/// and buffer forms.
@Suite struct VectorMathTests {
  /// The three functions, with their Double reference and accuracy bound.
  enum Function: String, CaseIterable, Sendable, CustomStringConvertible {
    case exp, sigmoid, tanh

    var description: String { rawValue }

    var maxUlp: Double {
      switch self {
      case .exp: 2
      case .sigmoid: 3
      case .tanh: 2
      }
    }

    func exact(_ x: Double) -> Double {
      switch self {
      case .exp: Foundation.exp(x)
      case .sigmoid: 1 / (1 + Foundation.exp(-x))
      case .tanh: Foundation.tanh(x)
      }
    }

    func apply(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, _ count: Int) {
      switch self {
      case .exp: VectorMath.exp(source, into: destination, count: count)
      case .sigmoid: VectorMath.sigmoid(source, into: destination, count: count)
      case .tanh: VectorMath.tanh(source, into: destination, count: count)
      }
    }
  }

  /// Every 65521st bit pattern (both signs, subnormals to huge, infinities,
  /// NaNs) plus a dense grid over [-30, 30] where the functions bend. (A
  /// sweep of every 17th pattern, 250 million values, gave exp 1.0, sigmoid
  /// 2.8, tanh 1.3 ulp; too slow for the suite.)
  static let samples: [Float] = {
    var values: [Float] = []
    var bits: UInt64 = 0
    while bits < 1 << 32 {
      values.append(Float(bitPattern: UInt32(bits)))
      bits += 65521
    }
    for i in 0...30_000 { values.append(Float(i) * 0.002 - 30) }
    values += [0, -0.0, .infinity, -.infinity, .nan, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
      .leastNonzeroMagnitude, 88.72, 88.73, -87.3, -103.9, -104, 0.625, -0.625, 0.6249999]
    return values
  }()

  @Test(arguments: Function.allCases)
  func accurateToAFewUlpOverTheWholeRange(function: Function) {
    var output = [Float](repeating: 0, count: Self.samples.count)
    Self.samples.withUnsafeBufferPointer { input in
      output.withUnsafeMutableBufferPointer { function.apply(input.baseAddress!, $0.baseAddress!, input.count) }
    }
    var worst = (error: 0.0, x: Float(0))
    for (x, y) in zip(Self.samples, output) {
      let error = KernelTestSupport.ulpError(y, exact: function.exact(Double(x)))
      if error > worst.error { worst = (error, x) }
    }
    #expect(worst.error <= function.maxUlp, "\(function): \(worst.error) ulp at x = \(worst.x)")
  }

  @Test func saturatesExactlyAndHandlesSpecialValues() {
    #expect(VectorMath.tanh(20) == 1)
    #expect(VectorMath.tanh(-20) == -1)
    #expect(VectorMath.tanh(Float.infinity) == 1)
    #expect(VectorMath.tanh(-Float.infinity) == -1)
    #expect(VectorMath.tanh(-0.0).sign == .minus)
    #expect(VectorMath.tanh(1e-30) == 1e-30)
    #expect(VectorMath.sigmoid(40) == 1)
    #expect(VectorMath.sigmoid(Float.infinity) == 1)
    #expect(VectorMath.sigmoid(-Float.infinity) == 0)
    #expect(VectorMath.sigmoid(0) == 0.5)
    let tiny = VectorMath.sigmoid(-100)  // e^-100 ≈ 3.72e-44, a subnormal
    #expect(tiny > 0 && KernelTestSupport.ulpError(tiny, exact: Foundation.exp(-100.0)) <= 1)
    #expect(VectorMath.sigmoid(-1e30) == 0)
    #expect(VectorMath.exp(0) == 1)
    #expect(VectorMath.exp(89) == .infinity)
    #expect(VectorMath.exp(Float.greatestFiniteMagnitude) == .infinity)
    #expect(VectorMath.exp(-Float.infinity) == 0)
    #expect(VectorMath.exp(-200) == 0)
    #expect(VectorMath.exp(-100) > 0)  // subnormal result, not flushed
    for value in [Float.nan, -Float.nan] {
      #expect(VectorMath.exp(value).isNaN)
      #expect(VectorMath.sigmoid(value).isNaN)
      #expect(VectorMath.tanh(value).isNaN)
    }
  }

  @Test func scalarSIMDAndBufferFormsAgreeBitForBit() {
    let inputs = (0..<64).map { Float($0) * 0.77 - 24 }
    for start in stride(from: 0, to: 64, by: 16) {
      let x16 = SIMD16<Float>(inputs[start..<start + 16])
      let x8 = SIMD8<Float>(inputs[start..<start + 8])
      let e16 = VectorMath.exp(x16), s16 = VectorMath.sigmoid(x16), t16 = VectorMath.tanh(x16)
      let e8 = VectorMath.exp(x8), s8 = VectorMath.sigmoid(x8), t8 = VectorMath.tanh(x8)
      for lane in 0..<16 {
        let x = inputs[start + lane]
        #expect(e16[lane].bitPattern == VectorMath.exp(x).bitPattern)
        #expect(s16[lane].bitPattern == VectorMath.sigmoid(x).bitPattern)
        #expect(t16[lane].bitPattern == VectorMath.tanh(x).bitPattern)
        if lane < 8 {
          #expect(e8[lane].bitPattern == e16[lane].bitPattern)
          #expect(s8[lane].bitPattern == s16[lane].bitPattern)
          #expect(t8[lane].bitPattern == t16[lane].bitPattern)
        }
      }
    }
  }

  /// Counts around the 16-wide body exercise the scalar tail; the in-place
  /// form must equal the out-of-place one and touch nothing past `count`.
  @Test func buffersOfEveryLengthMatchTheScalarForm() {
    for count in 0...40 {
      let inputs = (0..<count).map { Float($0) * 0.31 - 5 }
      var inPlace = inputs + [1234]
      var outOfPlace = [Float](repeating: 0, count: count + 1)
      outOfPlace[count] = 1234
      inPlace.withUnsafeMutableBufferPointer { VectorMath.tanh($0.baseAddress!, count: count) }
      inputs.withUnsafeBufferPointer { source in
        outOfPlace.withUnsafeMutableBufferPointer {
          VectorMath.tanh(source.baseAddress ?? UnsafePointer(bitPattern: 16)!, into: $0.baseAddress!, count: count)
        }
      }
      #expect(inPlace == outOfPlace)
      #expect(inPlace[count] == 1234)
      #expect(Array(inPlace.prefix(count)) == inputs.map { VectorMath.tanh($0) })

      var sigmoids = inputs, exps = inputs
      sigmoids.withUnsafeMutableBufferPointer { VectorMath.sigmoid($0.baseAddress ?? UnsafeMutablePointer(bitPattern: 16)!, count: count) }
      exps.withUnsafeMutableBufferPointer { VectorMath.exp($0.baseAddress ?? UnsafeMutablePointer(bitPattern: 16)!, count: count) }
      #expect(sigmoids == inputs.map { VectorMath.sigmoid($0) })
      #expect(exps == inputs.map { VectorMath.exp($0) })
    }
  }
}
