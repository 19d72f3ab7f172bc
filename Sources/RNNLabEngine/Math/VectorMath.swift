/// Vectorised, accurate `exp`, `sigmoid` and `tanh` for the cell kernels.
///
/// Three forms of each function, all giving bit-identical results per value:
/// scalar `Float` and `SIMD8`/`SIMD16` versions to call inside fused loops,
/// and buffer versions (in place or source → destination) that run the
/// kernels of the active instruction set (`InstructionSet`): SIMD16 over the
/// body and the scalar form over the tail. Accuracy is a few ulp
/// against Double libm over the whole Float range (see the kernels).
public enum VectorMath {
  // MARK: Scalar and SIMD forms for fused loops

  /// e^x.
  @inlinable @inline(__always)
  public static func exp(_ x: Float) -> Float { LaneMath.expKernel(x) }
  /// e^x per lane.
  @inlinable @inline(__always)
  public static func exp(_ x: SIMD8<Float>) -> SIMD8<Float> { LaneMath.expKernel(x) }
  /// e^x per lane.
  @inlinable @inline(__always)
  public static func exp(_ x: SIMD16<Float>) -> SIMD16<Float> { LaneMath.expKernel(x) }

  /// The logistic function 1/(1+e^-x).
  @inlinable @inline(__always)
  public static func sigmoid(_ x: Float) -> Float { LaneMath.sigmoidKernel(x) }
  /// The logistic function per lane.
  @inlinable @inline(__always)
  public static func sigmoid(_ x: SIMD8<Float>) -> SIMD8<Float> { LaneMath.sigmoidKernel(x) }
  /// The logistic function per lane.
  @inlinable @inline(__always)
  public static func sigmoid(_ x: SIMD16<Float>) -> SIMD16<Float> { LaneMath.sigmoidKernel(x) }

  /// The hyperbolic tangent.
  @inlinable @inline(__always)
  public static func tanh(_ x: Float) -> Float { LaneMath.tanhKernel(x) }
  /// The hyperbolic tangent per lane.
  @inlinable @inline(__always)
  public static func tanh(_ x: SIMD8<Float>) -> SIMD8<Float> { LaneMath.tanhKernel(x) }
  /// The hyperbolic tangent per lane.
  @inlinable @inline(__always)
  public static func tanh(_ x: SIMD16<Float>) -> SIMD16<Float> { LaneMath.tanhKernel(x) }

  // MARK: Buffer forms

  /// `values[i] = e^values[i]` for `i < count`.
  public static func exp(_ values: UnsafeMutablePointer<Float>, count: Int) {
    InstructionSet.activeKernels.exp(values, into: values, count: count)
  }
  /// `destination[i] = e^source[i]`; the buffers may be the same or disjoint.
  public static func exp(
    _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, count: Int
  ) {
    InstructionSet.activeKernels.exp(source, into: destination, count: count)
  }

  /// `values[i] = sigmoid(values[i])` for `i < count`.
  public static func sigmoid(_ values: UnsafeMutablePointer<Float>, count: Int) {
    InstructionSet.activeKernels.sigmoid(values, into: values, count: count)
  }
  /// `destination[i] = sigmoid(source[i])`; the buffers may be the same or disjoint.
  public static func sigmoid(
    _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, count: Int
  ) {
    InstructionSet.activeKernels.sigmoid(source, into: destination, count: count)
  }

  /// `values[i] = tanh(values[i])` for `i < count`.
  public static func tanh(_ values: UnsafeMutablePointer<Float>, count: Int) {
    InstructionSet.activeKernels.tanh(values, into: values, count: count)
  }
  /// `destination[i] = tanh(source[i])`; the buffers may be the same or disjoint.
  public static func tanh(
    _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, count: Int
  ) {
    InstructionSet.activeKernels.tanh(source, into: destination, count: count)
  }
}
