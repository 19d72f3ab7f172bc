/// The transcendental kernels, written once over `FloatLanes`.
///
/// Accuracy against Double libm, worst case over every 17th Float bit
/// pattern (250 million values): exp 1.0 ulp, sigmoid 2.8 ulp, tanh 1.3 ulp
/// (the tests hold them to 2, 3 and 2). Saturation is exact (tanh(±20) = ±1,
/// sigmoid(40) = 1), ±inf map to the limits, and NaN stays NaN. Every
/// multiply-add is fused (one rounding), on every instruction-set path.
@usableFromInline enum LaneMath {
  /// e^x by Cody–Waite reduction x = n·ln2 + r, |r| ≤ ln2/2, a degree-7
  /// Taylor polynomial for e^r (truncation error r⁸/8! < 0.1 ulp) and an
  /// exponent scale done in two halves so results down to the subnormals
  /// and up to overflow round once.
  @inlinable @inline(__always)
  static func expKernel<V: FloatLanes>(_ x: V) -> V {
    // Outside [-104, 89] e^x is 0 or +inf in Float anyway; clamping keeps n
    // inside the range the two-halves scale handles (-150...129).
    let clamped = V.clamp(x, -104, 89)
    // Adding 1.5·2^23 rounds to the nearest integer and leaves it in the low
    // mantissa bits, where scaleByPowerOfTwo reads it back.
    let shifted = V.fusedMultiplyAdd(clamped, V.splat(1.44269504089), V.splat(0x1.8p23))
    let n = shifted - V.splat(0x1.8p23)
    // ln2 split in a 9-bit head (n·head is exact) and a tail.
    let r = V.fusedMultiplyAdd(
      n, V.splat(2.12194440e-4), V.fusedMultiplyAdd(n, V.splat(-0.693359375), clamped))
    var p = V.splat(1.0 / 5040)
    p = V.fusedMultiplyAdd(p, r, V.splat(1.0 / 720))
    p = V.fusedMultiplyAdd(p, r, V.splat(1.0 / 120))
    p = V.fusedMultiplyAdd(p, r, V.splat(1.0 / 24))
    p = V.fusedMultiplyAdd(p, r, V.splat(1.0 / 6))
    p = V.fusedMultiplyAdd(p, r, V.splat(0.5))
    p = V.fusedMultiplyAdd(p, r * r, r) + V.splat(1)
    let result = V.scaleByPowerOfTwo(p, shifted: shifted)
    return V.select(V.isNaN(x), x, result)
  }

  /// 1/(1+e^-x), evaluated from e^-|x| ≤ 1 so it never overflows and keeps
  /// full relative accuracy for large negative x (sigmoid(-100) ≈ 3.7e-44).
  @inlinable @inline(__always)
  static func sigmoidKernel<V: FloatLanes>(_ x: V) -> V {
    let decay = expKernel(V.splat(0) - V.magnitude(x))
    let positive = V.splat(1) / (V.splat(1) + decay)
    return V.select(V.isLess(x, V.splat(0)), decay * positive, positive)
  }

  /// tanh: an odd polynomial |x| + |x|³·P(x²) below |x| = 0.625 (where
  /// 1 − 2/(e^2|x|+1) would cancel), else 1 − 2/(e^2|x|+1); then the sign of
  /// x (so tanh(−0) = −0).
  @inlinable @inline(__always)
  static func tanhKernel<V: FloatLanes>(_ x: V) -> V {
    let magnitude = V.magnitude(x)
    // Weighted least-squares fit of (tanh x − x)/x³ in z = x² on Chebyshev
    // nodes of [0, 0.625²] (our own fit; 0.8 ulp in Float).
    let z = magnitude * magnitude
    var p = V.splat(-0.005704042501747608)
    p = V.fusedMultiplyAdd(p, z, V.splat(0.020637862384319305))
    p = V.fusedMultiplyAdd(p, z, V.splat(-0.05373915657401085))
    p = V.fusedMultiplyAdd(p, z, V.splat(0.133314311504364))
    p = V.fusedMultiplyAdd(p, z, V.splat(-0.3333328068256378))
    let small = V.fusedMultiplyAdd(magnitude * z, p, magnitude)
    let e = expKernel(magnitude + magnitude)
    let large = V.splat(1) - V.splat(2) / (e + V.splat(1))
    return V.withSign(V.select(V.isLess(magnitude, V.splat(0.625)), small, large), of: x)
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
    // Wrapping index arithmetic: i < count, so nothing here can overflow.
    var i = 0
    while i &+ 16 <= count {
      let x = input.loadUnaligned(fromByteOffset: i &* stride, as: SIMD16<Float>.self)
      output.storeBytes(of: Kernel.apply(x), toByteOffset: i &* stride, as: SIMD16<Float>.self)
      i &+= 16
    }
    while i < count {
      destination[i] = Kernel.apply(source[i])
      i &+= 1
    }
  }
}

/// One of the transcendental kernels, as a type the buffer loop is generic over.
@usableFromInline protocol LaneKernel {
  static func apply<V: FloatLanes>(_ x: V) -> V
}

@usableFromInline enum ExpKernel: LaneKernel {
  @inlinable @inline(__always)
  static func apply<V: FloatLanes>(_ x: V) -> V { LaneMath.expKernel(x) }
}

@usableFromInline enum SigmoidKernel: LaneKernel {
  @inlinable @inline(__always)
  static func apply<V: FloatLanes>(_ x: V) -> V { LaneMath.sigmoidKernel(x) }
}

@usableFromInline enum TanhKernel: LaneKernel {
  @inlinable @inline(__always)
  static func apply<V: FloatLanes>(_ x: V) -> V { LaneMath.tanhKernel(x) }
}
