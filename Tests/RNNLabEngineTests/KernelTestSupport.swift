import Foundation

/// Helpers shared by the kernel tests (vector math, optimisers, clipping, products).
enum KernelTestSupport {
  /// |value − exact| in units of the last place of `exact` rounded to Float
  /// (subnormal spacing below the normal range); 0 when both are the same
  /// infinity or both NaN.
  static func ulpError(_ value: Float, exact: Double) -> Double {
    if exact.isNaN { return value.isNaN ? 0 : .infinity }
    let rounded = Float(exact)
    if rounded.isInfinite || value.isInfinite { return value == rounded ? 0 : .infinity }
    let spacing = max(rounded.magnitude.ulp, Float.leastNonzeroMagnitude)
    return abs(Double(value) - exact) / Double(spacing)
  }

  /// `actual` within `relative` of `expected` (with an absolute floor for values near 0).
  static func isClose(_ actual: Float, _ expected: Double, relative: Double = 2e-6, absolute: Double = 1e-7)
    -> Bool
  {
    abs(Double(actual) - expected) <= max(absolute, relative * abs(expected))
  }
}
