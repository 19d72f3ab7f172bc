/// Where the engine has two ways to compute the same gradient, which one a
/// layer uses: summed per timestep while the step's rows are in cache, or
/// one large product over all T*B rows after the time loop.
///
/// Both give the same values up to float rounding; the choice is speed only.
/// Tests force each way (`largeProducts`, `stepwiseProducts`) and compare.
struct KernelPolicy: Sendable, Hashable {
  /// Largest `H · G·H` whose ∂L/∂W_hh is summed per step: the running sum
  /// (4·H·G·H bytes, 256 KB for an H = 128 LSTM) must stay in L2 cache, or
  /// every step streams it through memory; larger layers use one GEMM.
  var stepwiseRecurrentGradientLimit: Int
  /// Largest input width whose ∂L/∂W_ih is summed per step: a GEMM with a
  /// handful of output columns runs far below the kernels' speed (it packs the
  /// whole gate-gradient matrix to produce them).
  var stepwiseInputGradientLimit: Int

  /// The measured choice (see the limits' notes).
  static let automatic = KernelPolicy(
    stepwiseRecurrentGradientLimit: 65_536, stepwiseInputGradientLimit: 8)
  /// Every weight gradient as one product after the time loop.
  static let largeProducts = KernelPolicy(
    stepwiseRecurrentGradientLimit: 0, stepwiseInputGradientLimit: 0)
  /// Every weight gradient summed per step.
  static let stepwiseProducts = KernelPolicy(
    stepwiseRecurrentGradientLimit: .max, stepwiseInputGradientLimit: .max)
}
