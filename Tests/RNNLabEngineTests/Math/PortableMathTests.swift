import Foundation
import Testing

@testable import RNNLabEngine

/// The float64 path's own exp and tanh agree with the C library's to a few
/// ulp over the range a network sees, and handle the edges.
@Suite struct PortableMathTests {
  static func ulps(_ a: Double, _ b: Double) -> Double {
    a == b ? 0 : abs(a - b) / max(abs(b).ulp, Double.leastNormalMagnitude)
  }

  @Test func expAndTanhMatchTheCLibraryWithinFourUlp() {
    var worstExp = 0.0, worstTanh = 0.0
    var x = -700.0
    while x <= 700 {
      worstExp = max(worstExp, Self.ulps(PortableMath.exp(x), Foundation.exp(x)))
      x += 0.1234567
    }
    x = -25
    while x <= 25 {
      worstTanh = max(worstTanh, Self.ulps(PortableMath.tanh(x), Foundation.tanh(x)))
      x += 0.0012345
    }
    for tiny in [1e-300, 1e-20, 1e-9, 3e-5, 0.4999, 0.5, 0.5001] {
      worstTanh = max(worstTanh, Self.ulps(PortableMath.tanh(tiny), Foundation.tanh(tiny)))
      worstTanh = max(worstTanh, Self.ulps(PortableMath.tanh(-tiny), Foundation.tanh(-tiny)))
    }
    #expect(worstExp <= 4, "exp: \(worstExp) ulp")
    #expect(worstTanh <= 4, "tanh: \(worstTanh) ulp")
  }

  @Test func edges() {
    #expect(PortableMath.exp(0) == 1 && PortableMath.exp(800) == .infinity && PortableMath.exp(-800) == 0)
    #expect(PortableMath.exp(-.infinity) == 0 && PortableMath.exp(.nan).isNaN)
    #expect(PortableMath.tanh(0) == 0 && PortableMath.tanh(30) == 1 && PortableMath.tanh(-.infinity) == -1)
    #expect(PortableMath.tanh(.nan).isNaN)
    #expect(abs(PortableMath.exp(-740) - Foundation.exp(-740)) <= Foundation.exp(-740) * 1e-3, "subnormal result")
  }
}
