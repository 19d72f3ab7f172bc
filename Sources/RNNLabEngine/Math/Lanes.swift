/// A value the fused kernels compute with: one scalar, or 8 or 16 SIMD lanes.
///
/// Each elementwise kernel body is written once, generic over `Lanes`, and
/// run on `SIMD16` (one AVX-512 register of Float) for the bulk of a row,
/// then `SIMD8`, then on the scalar for its tail, so
/// the hot backward loops are vectorised whatever LLVM makes of their many
/// (possibly aliasing) pointers.
protocol Lanes {
  associatedtype LaneScalar: BinaryFloatingPoint & SIMDScalar
  static var width: Int { get }
  init(splat: LaneScalar)
  /// Loads `width` values from `p` (unaligned).
  static func load(_ p: UnsafePointer<LaneScalar>) -> Self
  /// Stores `width` values to `p` (unaligned).
  func store(_ p: UnsafeMutablePointer<LaneScalar>)
  /// `x > 0 ? self : 0` per lane (the ReLU derivative's mask).
  func masked(wherePositive x: Self) -> Self
  static func + (lhs: Self, rhs: Self) -> Self
  static func - (lhs: Self, rhs: Self) -> Self
  static func * (lhs: Self, rhs: Self) -> Self
}

extension Lanes {
  @inline(__always) static func load(_ p: UnsafeMutablePointer<LaneScalar>) -> Self {
    load(UnsafePointer(p))
  }
}

extension SIMD8: Lanes where Scalar: BinaryFloatingPoint {
  typealias LaneScalar = Scalar
  @inline(__always) static var width: Int { 8 }
  @inline(__always) init(splat: Scalar) { self.init(repeating: splat) }
  @inline(__always) static func load(_ p: UnsafePointer<Scalar>) -> Self {
    UnsafeRawPointer(p).loadUnaligned(as: Self.self)
  }
  @inline(__always) func store(_ p: UnsafeMutablePointer<Scalar>) {
    UnsafeMutableRawPointer(p).storeBytes(of: self, as: Self.self)
  }
  @inline(__always) func masked(wherePositive x: Self) -> Self {
    Self(repeating: 0).replacing(with: self, where: x .> 0)
  }
}

extension SIMD16: Lanes where Scalar: BinaryFloatingPoint {
  typealias LaneScalar = Scalar
  @inline(__always) static var width: Int { 16 }
  @inline(__always) init(splat: Scalar) { self.init(repeating: splat) }
  @inline(__always) static func load(_ p: UnsafePointer<Scalar>) -> Self {
    UnsafeRawPointer(p).loadUnaligned(as: Self.self)
  }
  @inline(__always) func store(_ p: UnsafeMutablePointer<Scalar>) {
    UnsafeMutableRawPointer(p).storeBytes(of: self, as: Self.self)
  }
  @inline(__always) func masked(wherePositive x: Self) -> Self {
    Self(repeating: 0).replacing(with: self, where: x .> 0)
  }
}

extension Float: Lanes {
  typealias LaneScalar = Float
  @inline(__always) static var width: Int { 1 }
  @inline(__always) init(splat: Float) { self = splat }
  @inline(__always) static func load(_ p: UnsafePointer<Float>) -> Float { p.pointee }
  @inline(__always) func store(_ p: UnsafeMutablePointer<Float>) { p.pointee = self }
  @inline(__always) func masked(wherePositive x: Float) -> Float { x > 0 ? self : 0 }
}

extension Double: Lanes {
  typealias LaneScalar = Double
  @inline(__always) static var width: Int { 1 }
  @inline(__always) init(splat: Double) { self = splat }
  @inline(__always) static func load(_ p: UnsafePointer<Double>) -> Double { p.pointee }
  @inline(__always) func store(_ p: UnsafeMutablePointer<Double>) { p.pointee = self }
  @inline(__always) func masked(wherePositive x: Double) -> Double { x > 0 ? self : 0 }
}
