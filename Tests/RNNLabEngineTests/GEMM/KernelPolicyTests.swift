import RNNLabRandom
import Testing

@testable import RNNLabEngine

/// The two ways of computing the weight gradients (summed per step, or one
/// GEMM after the time loop) agree with each other and with float64, for
/// every cell, on shapes that run the float32 kernels' full SIMD paths.
@Suite struct KernelPolicyTests {
  static let cells: [(ModelConfig.Cell, ModelConfig.Activation)] = [
    (.rnn, .tanh), (.rnn, .relu), (.lstm, .tanh), (.peephole, .tanh), (.cifg, .tanh), (.gru, .tanh),
  ]

  /// Parameter gradients and ∂L/∂input of one many-to-one MSE step.
  static func gradients<S: EngineScalar>(
    _: S.Type, config: ModelConfig, parameters: [Float], input: [Float], T: Int, B: Int,
    policy: KernelPolicy
  ) -> [Double] {
    let network = parameters.withUnsafeBufferPointer {
      RecurrentNetwork<S>(config: config, parameters: $0, policy: policy)
    }
    network.zeroGradients()
    let x = input.map { S($0) }
    let output = network.forward(input: x, seqLen: T, batch: B)
    var dOutput = [S](repeating: 0, count: output.count)
    let target = [S](repeating: S(0.25), count: output.count)
    _ = LossKernels.meanSquaredError(
      dOutput: &dOutput, output: output.baseAddress!, target: target, count: output.count)
    network.backward(dOutput: dOutput, computeInputGradient: true, measureFlow: false)
    let g = UnsafeBufferPointer(start: network.gradients.pointer, count: network.parameterCount)
    let dx = UnsafeBufferPointer(start: network.inputGradient.pointer, count: input.count)
    return (Array(g) + Array(dx)).map { Double($0) }
  }

  @Test(arguments: 0..<6)
  func everyPolicyGivesTheFloat64Gradients(cellIndex: Int) {
    let (cell, activation) = Self.cells[cellIndex]
    // Layer 1 reads 3 inputs (summed per step automatically), layer 2 reads
    // 2·32 (one GEMM automatically); H = 32 and B = 9 run full panels and tails.
    let config = ModelConfig(
      cell: cell, inputSize: 3, hiddenSize: 32, layers: 2, bidirectional: true,
      activation: activation, head: .manyToOne, outputSize: 2)
    let (T, B) = (6, 9)
    let parameters = RecurrentModel(config: config, seed: 3).parameters
    var rng = SeededGenerator(seed: 4, stream: "data")
    let input = (0..<(T * B * 3)).map { _ in rng.uniform(-1, 1) }
    let exact = Self.gradients(
      Double.self, config: config, parameters: parameters, input: input, T: T, B: B, policy: .automatic)
    for policy in [KernelPolicy.automatic, .largeProducts, .stepwiseProducts] {
      for precision in ["float32", "float64"] {
        let values =
          precision == "float32"
          ? Self.gradients(Float.self, config: config, parameters: parameters, input: input, T: T, B: B, policy: policy)
          : Self.gradients(Double.self, config: config, parameters: parameters, input: input, T: T, B: B, policy: policy)
        let worst = zip(values, exact).map { GradientCheck.relativeError($0, $1) }.max() ?? 0
        // float32 round-off over a few dozen operations: ~1e-6 (as in GradientCheck).
        #expect(worst < (precision == "float32" ? 1e-4 : 1e-12), "\(cell) \(policy) \(precision): \(worst)")
      }
    }
  }

  @Test func automaticPolicySumsSmallLayersPerStepAndLargeOnesOnce() {
    let small = ModelConfig(cell: .lstm, inputSize: 2, hiddenSize: 128, layers: 2)
    let large = ModelConfig(cell: .lstm, inputSize: 2, hiddenSize: 512)
    let layout = ParameterLayout(config: small)
    let first = RecurrentLayer<Float>(config: small, layer: 0, direction: 0, layout: layout)
    let second = RecurrentLayer<Float>(config: small, layer: 1, direction: 0, layout: layout)
    let wide = RecurrentLayer<Float>(
      config: large, layer: 0, direction: 0, layout: ParameterLayout(config: large))
    #expect(first.fusesInputWeights && first.fusesRecurrentWeights)
    #expect(!second.fusesInputWeights && second.fusesRecurrentWeights)
    #expect(wide.fusesInputWeights && !wide.fusesRecurrentWeights)
  }
}
