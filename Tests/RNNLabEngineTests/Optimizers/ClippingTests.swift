import Foundation
import Testing

@testable import RNNLabEngine

/// Global and per-group gradient norms, norm clipping (PyTorch's formula) and value clipping.
@Suite struct ClippingTests {
  @Test func globalNormIsTheL2NormAccumulatedInDouble() {
    var g: [Float] = [3, 4]
    #expect(g.withUnsafeMutableBufferPointer { GradientClipping.globalNorm($0) } == 5)
    // Squares that overflow Float (1e40) are fine in Double: √2·1e20.
    g = [1e20, -1e20]
    let huge = g.withUnsafeBufferPointer { GradientClipping.globalNorm($0) }
    #expect(KernelTestSupport.isClose(huge, 2.0.squareRoot() * 1e20))
    // 1003 values (SIMD body + tail) against a straightforward Double sum.
    let values = (0..<1003).map { Float(sin(Double($0))) * Float($0 % 13) }
    let reference = values.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
    let norm = values.withUnsafeBufferPointer { GradientClipping.globalNorm($0) }
    #expect(KernelTestSupport.isClose(norm, reference, relative: 1e-7))
    #expect(norm.bitPattern == values.withUnsafeBufferPointer { GradientClipping.globalNorm($0) }.bitPattern)
    #expect([Float]().withUnsafeBufferPointer { GradientClipping.globalNorm($0) } == 0)
  }

  @Test func groupNormsCoverTheirRanges() {
    // Groups: {0..<2, 4..<5} = [3, 4, 12] → 13; {2..<4} = [1, 1] → √2; {} → 0.
    let g: [Float] = [3, 4, 1, 1, 12]
    let norms = g.withUnsafeBufferPointer {
      GradientClipping.groupNorms($0, groups: [[0..<2, 4..<5], [2..<4], []])
    }
    #expect(norms[0] == 13)
    #expect(KernelTestSupport.isClose(norms[1], 2.0.squareRoot()))
    #expect(norms[2] == 0)
  }

  @Test func clipGlobalNormScalesByPyTorchsCoefficient() {
    // norm 5 > 1: coefficient 1/(5 + 1e-6) → [0.6, 0.8]·(5/(5+1e-6)); returns 5.
    var g: [Float] = [3, 4]
    let before = g.withUnsafeMutableBufferPointer { GradientClipping.clipGlobalNorm($0, maxNorm: 1) }
    #expect(before == 5)
    let coefficient = Double(Float(1) / Float(5 + 1e-6))
    #expect(KernelTestSupport.isClose(g[0], 3 * coefficient) && KernelTestSupport.isClose(g[1], 4 * coefficient))
    #expect(KernelTestSupport.isClose(g.withUnsafeBufferPointer { GradientClipping.globalNorm($0) }, 1))
    // Below the limit nothing changes, bit for bit.
    var small: [Float] = [0.3, -0.4]
    let smallNorm = small.withUnsafeMutableBufferPointer { GradientClipping.clipGlobalNorm($0, maxNorm: 1) }
    #expect(KernelTestSupport.isClose(smallNorm, 0.5))
    #expect(small == [0.3, -0.4])
    #expect(GradientClipping.clipCoefficient(norm: 0.5, maxNorm: 1) == 1)
    #expect(GradientClipping.clipCoefficient(norm: 4, maxNorm: 2) < 1)
  }

  @Test func nonFiniteNormIsReportedAndGradientsLeftAlone() {
    var g: [Float] = [.nan, 1]
    let norm = g.withUnsafeMutableBufferPointer { GradientClipping.clipGlobalNorm($0, maxNorm: 1) }
    #expect(norm.isNaN)
    #expect(g[1] == 1)
    var inf: [Float] = [.infinity, 1]
    #expect(inf.withUnsafeMutableBufferPointer { GradientClipping.clipGlobalNorm($0, maxNorm: 1) } == .infinity)
    #expect(inf[1] == 1)
  }

  @Test func clipValueClampsElementwiseAndKeepsNaN() {
    var g: [Float] = [-3, 0.5, 2, -1, 1, .nan, -.infinity]
    g.withUnsafeMutableBufferPointer { GradientClipping.clipValue($0, limit: 1) }
    #expect(Array(g[0..<5]) == [-1, 0.5, 1, -1, 1])
    #expect(g[5].isNaN)
    #expect(g[6] == -1)
  }
}
