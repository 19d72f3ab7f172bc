/// The few lane-wise operations the transcendental kernels need, so each
/// kernel is written once and specialised for `Float`, `SIMD8<Float>` and
/// `SIMD16<Float>`.
///
/// Every operation is one IEEE operation per lane (`fusedMultiplyAdd` rounds
/// once, everything else as written; nothing is reassociated), so a scalar
/// result is bit-identical to the same lane of a vector result whatever
/// vector width the CPU has: the scalar tail of a buffer loop agrees with its
/// body, and every instruction-set path with every other.
/// Masks and bit tricks go through explicit compare/select because the
/// standard library's generic SIMD `clamped`/`pointwiseMin` still compile to
/// per-lane loops.
@usableFromInline
protocol FloatLanes {
  associatedtype Mask

  static func + (lhs: Self, rhs: Self) -> Self
  static func - (lhs: Self, rhs: Self) -> Self
  static func * (lhs: Self, rhs: Self) -> Self
  static func / (lhs: Self, rhs: Self) -> Self
  /// `a · b + c` rounded once (a fused multiply-add).
  static func fusedMultiplyAdd(_ a: Self, _ b: Self, _ c: Self) -> Self

  /// Every lane equal to `value`.
  static func splat(_ value: Float) -> Self
  /// Lanes where `lhs < rhs`.
  static func isLess(_ lhs: Self, _ rhs: Self) -> Mask
  /// Lanes holding a NaN.
  static func isNaN(_ value: Self) -> Mask
  /// `ifTrue` where `mask` is set, else `ifFalse`.
  static func select(_ mask: Mask, _ ifTrue: Self, _ ifFalse: Self) -> Self
  /// `|value|` by clearing the sign bit.
  static func magnitude(_ value: Self) -> Self
  /// `magnitude` (non-negative) with the sign bit of `sign`.
  static func withSign(_ magnitude: Self, of sign: Self) -> Self
  /// `value * 2^n`, where `n` is the integer held in the low mantissa bits of
  /// `shifted = n + 0x1.8p23` and -150 ≤ n ≤ 129. Scales in two halves so
  /// subnormal results and overflow to infinity both come out right.
  static func scaleByPowerOfTwo(_ value: Self, shifted: Self) -> Self
}

extension FloatLanes {
  /// `value` limited to `[low, high]` (a NaN lane comes out as `high`; the
  /// kernels put NaNs back at the end).
  @inlinable @inline(__always)
  static func clamp(_ value: Self, _ low: Float, _ high: Float) -> Self {
    let lo = splat(low)
    let hi = splat(high)
    let atLeastLow = select(isLess(value, lo), lo, value)
    return select(isLess(atLeastLow, hi), atLeastLow, hi)
  }
}

extension Float: FloatLanes {
  @inlinable @inline(__always)
  static func fusedMultiplyAdd(_ a: Float, _ b: Float, _ c: Float) -> Float { c.addingProduct(a, b) }
  @inlinable @inline(__always) static func splat(_ value: Float) -> Float { value }
  @inlinable @inline(__always) static func isLess(_ lhs: Float, _ rhs: Float) -> Bool { lhs < rhs }
  @inlinable @inline(__always) static func isNaN(_ value: Float) -> Bool { value != value }
  @inlinable @inline(__always)
  static func select(_ mask: Bool, _ ifTrue: Float, _ ifFalse: Float) -> Float {
    mask ? ifTrue : ifFalse
  }
  @inlinable @inline(__always)
  static func magnitude(_ value: Float) -> Float {
    Float(bitPattern: value.bitPattern & 0x7fff_ffff)
  }
  @inlinable @inline(__always)
  static func withSign(_ magnitude: Float, of sign: Float) -> Float {
    Float(bitPattern: magnitude.bitPattern | (sign.bitPattern & 0x8000_0000))
  }
  @inlinable @inline(__always)
  static func scaleByPowerOfTwo(_ value: Float, shifted: Float) -> Float {
    let n = Int32(bitPattern: shifted.bitPattern &- Float(0x1.8p23).bitPattern)
    let half = n &>> 1
    let first = Float(bitPattern: UInt32(bitPattern: (half &+ 127) &<< 23))
    let second = Float(bitPattern: UInt32(bitPattern: (n &- half &+ 127) &<< 23))
    return value * first * second
  }
}

/// The vector conformances, written once for any Float vector: specialised,
/// each operation is the whole-register one (the same instructions as
/// per-type code, checked on all three kernel targets). `MaskStorage` is
/// the same-width Int32 vector the bit tricks use.
extension FloatLanes where Self: SIMD, Scalar == Float {
  @inlinable @inline(__always)
  static func fusedMultiplyAdd(_ a: Self, _ b: Self, _ c: Self) -> Self { c.addingProduct(a, b) }
  @inlinable @inline(__always) static func splat(_ value: Float) -> Self { Self(repeating: value) }
  @inlinable @inline(__always)
  static func select(_ mask: SIMDMask<MaskStorage>, _ ifTrue: Self, _ ifFalse: Self) -> Self {
    ifFalse.replacing(with: ifTrue, where: mask)
  }
  @inlinable @inline(__always)
  static func magnitude(_ value: Self) -> Self {
    unsafeBitCast(unsafeBitCast(value, to: MaskStorage.self) & MaskStorage(repeating: .max), to: Self.self)
  }
  @inlinable @inline(__always)
  static func withSign(_ magnitude: Self, of sign: Self) -> Self {
    let signBits = unsafeBitCast(sign, to: MaskStorage.self) & MaskStorage(repeating: .min)
    return unsafeBitCast(unsafeBitCast(magnitude, to: MaskStorage.self) | signBits, to: Self.self)
  }
  @inlinable @inline(__always)
  static func scaleByPowerOfTwo(_ value: Self, shifted: Self) -> Self {
    let n = unsafeBitCast(shifted, to: MaskStorage.self) &- MaskStorage(repeating: 0x4B40_0000)
    let half = n &>> 1
    let first = unsafeBitCast((half &+ 127) &<< 23, to: Self.self)
    let second = unsafeBitCast((n &- half &+ 127) &<< 23, to: Self.self)
    return value * first * second
  }
}

// The comparisons stay per type: through `SIMD`'s generic `.<` they
// compile to a loop over the lanes.
extension SIMD8: FloatLanes where Scalar == Float {
  @inlinable @inline(__always) static func isLess(_ lhs: Self, _ rhs: Self) -> Mask { lhs .< rhs }
  @inlinable @inline(__always) static func isNaN(_ value: Self) -> Mask { value .!= value }
}

extension SIMD16: FloatLanes where Scalar == Float {
  @inlinable @inline(__always) static func isLess(_ lhs: Self, _ rhs: Self) -> Mask { lhs .< rhs }
  @inlinable @inline(__always) static func isNaN(_ value: Self) -> Mask { value .!= value }
}
