/// Float's activations for the cell kernels: the lane kernels, 16 values at
/// a time. (Not in Cells/, which the engine also compiles: there Float and
/// Double get theirs from `EngineScalar`.)
extension Float: CellScalar {
  @inline(__always) static func sigmoid(_ p: UnsafeMutablePointer<Float>, count: Int) {
    LaneMath.map(p, into: p, count: count, SigmoidKernel.self)
  }
  @inline(__always) static func tanh(_ p: UnsafeMutablePointer<Float>, count: Int) {
    LaneMath.map(p, into: p, count: count, TanhKernel.self)
  }
}
