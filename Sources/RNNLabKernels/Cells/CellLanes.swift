/// A value the cell kernels compute with: one scalar, or 8 or 16 SIMD lanes
/// of it. Each cell's per-row arithmetic is written once over `CellLanes`
/// and run on `SIMD16`, `SIMD8` and the scalar tail, for Float (the per-ISA
/// kernel modules) and for Double (the engine's gradient checks and float64
/// probe, which compile these same files). Every operation is one IEEE
/// operation per lane and nothing is fused or reassociated, so every width,
/// every instruction set and the scalar loop give the same bits.
protocol CellLanes {
  associatedtype Scalar: CellScalar
  static func + (lhs: Self, rhs: Self) -> Self
  static func - (lhs: Self, rhs: Self) -> Self
  static func * (lhs: Self, rhs: Self) -> Self
  /// Every lane equal to `value`.
  static func splat(_ value: Scalar) -> Self
  /// Loads the lanes from `p` (unaligned: rows are slices of larger buffers).
  static func load(_ p: UnsafePointer<Scalar>) -> Self
  /// Stores the lanes to `p` (unaligned).
  func store(_ p: UnsafeMutablePointer<Scalar>)
}

/// A scalar the cell kernels are written for, with its in-place activations
/// over a buffer (Float: `LaneMath`; Double: the engine's portable math).
protocol CellScalar: BinaryFloatingPoint, SIMDScalar, Codable, CellLanes where Scalar == Self {
  /// In place `p[i] = 1 / (1 + exp(-p[i]))`.
  static func sigmoid(_ p: UnsafeMutablePointer<Self>, count: Int)
  /// In place `p[i] = tanh(p[i])`.
  static func tanh(_ p: UnsafeMutablePointer<Self>, count: Int)
}

extension UnsafeMutablePointer where Pointee: CellScalar {
  /// `count` copies of `value` from here on. The kernels' own loop, not the
  /// standard library's `update(repeating:count:)`: every kernel module emits
  /// that one's (and `update(from:count:)`'s) Float specialisation under one shared weak symbol, the linker
  /// keeps a single copy, and a baseline caller could run the AVX-512 one
  /// (.ci/foreign-cpu.sh checks that no such symbol is left).
  @inline(__always)
  func fill(with value: Pointee, count: Int) {
    var i = 0
    while i < count {
      self[i] = value
      i &+= 1
    }
  }

  /// `count` values copied from `source` (not overlapping), for the same
  /// reason instead of `update(from:count:)`.
  @inline(__always)
  func copy(from source: UnsafePointer<Pointee>, count: Int) {
    var i = 0
    while i < count {
      self[i] = source[i]
      i &+= 1
    }
  }
}

extension CellLanes {
  @inline(__always) static func load(_ p: UnsafeMutablePointer<Scalar>) -> Self { load(UnsafePointer(p)) }
}

extension CellScalar {
  @inline(__always) static func splat(_ value: Self) -> Self { value }
  @inline(__always) static func load(_ p: UnsafePointer<Self>) -> Self { p.pointee }
  @inline(__always) func store(_ p: UnsafeMutablePointer<Self>) { p.pointee = self }
}

extension CellLanes where Self: SIMD {
  @inline(__always) static func splat(_ value: Scalar) -> Self { Self(repeating: value) }
  @inline(__always) static func load(_ p: UnsafePointer<Scalar>) -> Self {
    UnsafeRawPointer(p).loadUnaligned(as: Self.self)
  }
  @inline(__always) func store(_ p: UnsafeMutablePointer<Scalar>) {
    UnsafeMutableRawPointer(p).storeBytes(of: self, as: Self.self)
  }
}

extension SIMD8: CellLanes where Scalar: CellScalar {}
extension SIMD16: CellLanes where Scalar: CellScalar {}
