/// `FloatLanes` plus unaligned loads and stores, so each cell kernel body is
/// written once and run on `SIMD16`, `SIMD8` and the scalar tail (the same
/// operations per lane, so every width gives the same bits).
protocol CellLanes: FloatLanes {
  static func load(_ p: UnsafePointer<Float>) -> Self
  func store(_ p: UnsafeMutablePointer<Float>)
}

extension CellLanes {
  @inline(__always) static func load(_ p: UnsafeMutablePointer<Float>) -> Self { load(UnsafePointer(p)) }
}

extension Float: CellLanes {
  @inline(__always) static func load(_ p: UnsafePointer<Float>) -> Float { p.pointee }
  @inline(__always) func store(_ p: UnsafeMutablePointer<Float>) { p.pointee = self }
}

extension SIMD8: CellLanes where Scalar == Float {
  @inline(__always) static func load(_ p: UnsafePointer<Float>) -> Self {
    UnsafeRawPointer(p).loadUnaligned(as: Self.self)
  }
  @inline(__always) func store(_ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: self, as: Self.self)
  }
}

extension SIMD16: CellLanes where Scalar == Float {
  @inline(__always) static func load(_ p: UnsafePointer<Float>) -> Self {
    UnsafeRawPointer(p).loadUnaligned(as: Self.self)
  }
  @inline(__always) func store(_ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: self, as: Self.self)
  }
}
