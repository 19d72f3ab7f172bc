/// Vectorised, accurate `exp`, `sigmoid` and `tanh` for the cell kernels.
///
/// Three forms of each function, all giving bit-identical results per value:
/// scalar `Float` and `SIMD8`/`SIMD16` versions to call inside fused loops,
/// and buffer versions (in place or source → destination) that run SIMD16
/// over the body and the scalar form over the tail. Accuracy is a few ulp
/// against Double libm over the whole Float range (see the kernels).
public enum VectorMath {
  // MARK: Scalar and SIMD forms for fused loops

  /// e^x.
  @inlinable @inline(__always)
  public static func exp(_ x: Float) -> Float { expKernel(x) }
  /// e^x per lane.
  @inlinable @inline(__always)
  public static func exp(_ x: SIMD8<Float>) -> SIMD8<Float> { expKernel(x) }
  /// e^x per lane.
  @inlinable @inline(__always)
  public static func exp(_ x: SIMD16<Float>) -> SIMD16<Float> { expKernel(x) }

  /// The logistic function 1/(1+e^-x).
  @inlinable @inline(__always)
  public static func sigmoid(_ x: Float) -> Float { sigmoidKernel(x) }
  /// The logistic function per lane.
  @inlinable @inline(__always)
  public static func sigmoid(_ x: SIMD8<Float>) -> SIMD8<Float> { sigmoidKernel(x) }
  /// The logistic function per lane.
  @inlinable @inline(__always)
  public static func sigmoid(_ x: SIMD16<Float>) -> SIMD16<Float> { sigmoidKernel(x) }

  /// The hyperbolic tangent.
  @inlinable @inline(__always)
  public static func tanh(_ x: Float) -> Float { tanhKernel(x) }
  /// The hyperbolic tangent per lane.
  @inlinable @inline(__always)
  public static func tanh(_ x: SIMD8<Float>) -> SIMD8<Float> { tanhKernel(x) }
  /// The hyperbolic tangent per lane.
  @inlinable @inline(__always)
  public static func tanh(_ x: SIMD16<Float>) -> SIMD16<Float> { tanhKernel(x) }

  // MARK: Buffer forms

  /// `values[i] = e^values[i]` for `i < count`.
  @inlinable
  public static func exp(_ values: UnsafeMutablePointer<Float>, count: Int) {
    map(UnsafePointer(values), into: values, count: count, ExpKernel.self)
  }
  /// `destination[i] = e^source[i]`; the buffers may be the same or disjoint.
  @inlinable
  public static func exp(
    _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, count: Int
  ) {
    map(source, into: destination, count: count, ExpKernel.self)
  }

  /// `values[i] = sigmoid(values[i])` for `i < count`.
  @inlinable
  public static func sigmoid(_ values: UnsafeMutablePointer<Float>, count: Int) {
    map(UnsafePointer(values), into: values, count: count, SigmoidKernel.self)
  }
  /// `destination[i] = sigmoid(source[i])`; the buffers may be the same or disjoint.
  @inlinable
  public static func sigmoid(
    _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, count: Int
  ) {
    map(source, into: destination, count: count, SigmoidKernel.self)
  }

  /// `values[i] = tanh(values[i])` for `i < count`.
  @inlinable
  public static func tanh(_ values: UnsafeMutablePointer<Float>, count: Int) {
    map(UnsafePointer(values), into: values, count: count, TanhKernel.self)
  }
  /// `destination[i] = tanh(source[i])`; the buffers may be the same or disjoint.
  @inlinable
  public static func tanh(
    _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, count: Int
  ) {
    map(source, into: destination, count: count, TanhKernel.self)
  }

  /// Applies `Kernel` to 16 values at a time and to the scalar tail. A
  /// generic kernel type (not a closure) so the loop specialises and inlines.
  /// Unaligned loads and stores: callers pass slices of larger buffers.
  @inlinable @inline(__always)
  static func map<Kernel: LaneKernel>(
    _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, count: Int,
    _ kernel: Kernel.Type
  ) {
    let input = UnsafeRawPointer(source)
    let output = UnsafeMutableRawPointer(destination)
    let stride = MemoryLayout<Float>.stride
    var i = 0
    while i + 16 <= count {
      let x = input.loadUnaligned(fromByteOffset: i * stride, as: SIMD16<Float>.self)
      output.storeBytes(of: Kernel.apply(x), toByteOffset: i * stride, as: SIMD16<Float>.self)
      i += 16
    }
    while i < count {
      destination[i] = Kernel.apply(source[i])
      i += 1
    }
  }
}

/// One of the transcendental kernels, as a type the buffer loop is generic over.
@usableFromInline protocol LaneKernel {
  static func apply<V: FloatLanes>(_ x: V) -> V
}

@usableFromInline enum ExpKernel: LaneKernel {
  @inlinable @inline(__always)
  static func apply<V: FloatLanes>(_ x: V) -> V { VectorMath.expKernel(x) }
}

@usableFromInline enum SigmoidKernel: LaneKernel {
  @inlinable @inline(__always)
  static func apply<V: FloatLanes>(_ x: V) -> V { VectorMath.sigmoidKernel(x) }
}

@usableFromInline enum TanhKernel: LaneKernel {
  @inlinable @inline(__always)
  static func apply<V: FloatLanes>(_ x: V) -> V { VectorMath.tanhKernel(x) }
}
