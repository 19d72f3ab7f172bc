import RNNLabKernelsAVX2
import RNNLabKernelsAVX512
import RNNLabKernelsBaseline

/// The entry points every compilation of the kernel sources has (each
/// module's `Kernels`), so the engine calls them through one switch.
protocol KernelSet {
  static func packedCount(k: Int, n: Int) -> Int
  static func pack(
    _ b: UnsafePointer<Float>, ldb: Int, transposed: Bool, k: Int, n: Int, into packed: UnsafeMutablePointer<Float>)
  static func multiplyPacked(
    m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, packed: UnsafePointer<Float>,
    accumulate: Bool, c: UnsafeMutablePointer<Float>, ldc: Int)
  static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int, accumulate: Bool, c: UnsafeMutablePointer<Float>, ldc: Int)
  static func multiplyAddTransposedA(
    m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int)
  static func project(
    _ g: UnsafeMutablePointer<Float>, input x: UnsafePointer<Float>, weightsT: UnsafePointer<Float>,
    bias: UnsafePointer<Float>?, rows: Int, inputs: Int, cols: Int)
  static func exp(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, count: Int)
  static func sigmoid(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, count: Int)
  static func tanh(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, count: Int)
  static func lstmForwardStep(
    hidden: UnsafeMutablePointer<Float>, hiddenStride: Int,
    cell: UnsafeMutablePointer<Float>, tanhCell: UnsafeMutablePointer<Float>,
    gates: UnsafeMutablePointer<Float>,
    cellPrev: UnsafePointer<Float>, bias: UnsafePointer<Float>?, peephole: UnsafePointer<Float>?,
    coupled: Bool, inputGate: Bool, forgetGate: Bool, outputGate: Bool,
    inputActivation: Bool, outputActivation: Bool, B: Int, H: Int)
  static func lstmBackwardStep(
    gates: UnsafeMutablePointer<Float>, dCell: UnsafeMutablePointer<Float>,
    dPeephole: UnsafeMutablePointer<Float>?,
    dHidden: UnsafePointer<Float>, cell: UnsafePointer<Float>, tanhCell: UnsafePointer<Float>,
    cellPrev: UnsafePointer<Float>, peephole: UnsafePointer<Float>?,
    coupled: Bool, inputGate: Bool, forgetGate: Bool, outputGate: Bool,
    inputActivation: Bool, outputActivation: Bool,
    cellNormSum: UnsafeMutablePointer<Double>?, B: Int, H: Int)
  static func gruForwardStep(
    hidden: UnsafeMutablePointer<Float>, hiddenStride: Int,
    hiddenN: UnsafeMutablePointer<Float>, gates: UnsafeMutablePointer<Float>,
    hiddenGates: UnsafePointer<Float>, hiddenPrev: UnsafePointer<Float>, hiddenPrevStride: Int,
    biasIH: UnsafePointer<Float>, biasHH: UnsafePointer<Float>, B: Int, H: Int)
  static func gruBackwardStep(
    gates: UnsafeMutablePointer<Float>, hiddenN: UnsafeMutablePointer<Float>,
    dHiddenGates: UnsafeMutablePointer<Float>,
    dHidden: UnsafeMutablePointer<Float>, hiddenPrev: UnsafePointer<Float>, hiddenPrevStride: Int,
    B: Int, H: Int)
  static func rnnForwardStep(
    hidden: UnsafeMutablePointer<Float>, hiddenStride: Int, gates: UnsafeMutablePointer<Float>,
    bias: UnsafePointer<Float>?, relu: Bool, B: Int, H: Int)
  static func rnnBackwardStep(
    dGates: UnsafeMutablePointer<Float>, dHidden: UnsafePointer<Float>,
    hidden: UnsafePointer<Float>, hiddenStride: Int, relu: Bool, B: Int, H: Int)
  static func adamUpdate(
    parameters p: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>,
    firstMoment m: UnsafeMutablePointer<Float>, secondMoment v: UnsafeMutablePointer<Float>, count: Int,
    weight: Float, beta2 b2: Float, oneMinusBeta2 oneMinusB2: Float, stepSize: Float,
    correction2Root: Float, epsilon eps: Float)
  static func fmaPeak16(iterations: Int, seed: Float) -> Float
  static func fmaPeak8(iterations: Int, seed: Float) -> Float
}

extension RNNLabKernelsAVX512.Kernels: KernelSet {}
extension RNNLabKernelsAVX2.Kernels: KernelSet {}
extension RNNLabKernelsBaseline.Kernels: KernelSet {}

extension InstructionSet {
  /// The kernels compiled for this path.
  var kernels: any KernelSet.Type {
    switch self {
    case .avx512: RNNLabKernelsAVX512.Kernels.self
    case .avx2: RNNLabKernelsAVX2.Kernels.self
    case .baseline: RNNLabKernelsBaseline.Kernels.self
    }
  }

  /// The kernels of the path this process runs.
  static var activeKernels: any KernelSet.Type { active.kernels }
}
