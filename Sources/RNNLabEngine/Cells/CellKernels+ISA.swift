/// The Float cell kernels run in the per-ISA kernel modules (16 lanes wide on
/// AVX-512; the engine is compiled for baseline x86-64); Double (the
/// gradient checks, the float64 probe) runs the same source files
/// (symlinks to Sources/RNNLabKernels/Cells) compiled in the engine.
extension UnsafeMutablePointer where Pointee: EngineScalar {
  /// The same memory as Float; only valid when `Pointee` is `Float`.
  @inline(__always) var floats: UnsafeMutablePointer<Float> {
    UnsafeMutableRawPointer(self).assumingMemoryBound(to: Float.self)
  }
}

extension UnsafePointer where Pointee: EngineScalar {
  /// The same memory as Float; only valid when `Pointee` is `Float`.
  @inline(__always) var floats: UnsafePointer<Float> {
    UnsafeRawPointer(self).assumingMemoryBound(to: Float.self)
  }
}
