import Testing

@testable import RNNLabEngine

/// Every optimiser step against values computed by hand (and re-checked in
/// Python with Double arithmetic, shown in the comments).
@Suite struct OptimizerTests {
  /// Runs `optimizer` over `gradients` step by step and checks the parameters after each step.
  func check<O: Optimizer>(
    _ optimizer: inout O, start: [Float], gradients: [[Float]], expected: [[Double]],
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    var parameters = start
    for (step, (gradient, want)) in zip(gradients, expected).enumerated() {
      optimizer.step(parameters: &parameters, gradients: gradient)
      for (i, (got, value)) in zip(parameters, want).enumerated() {
        #expect(
          KernelTestSupport.isClose(got, value), "step \(step + 1) element \(i): \(got) vs \(value)",
          sourceLocation: sourceLocation)
      }
    }
  }

  @Test func plainSGDSubtractsLearningRateTimesGradient() {
    // p ← p − 0.1·g:  [1, −2, 0.5] − 0.1·[0.5, −1, 2] = [0.95, −1.9, 0.3], then again [0.9, −1.8, 0.1].
    var sgd = SGD(parameterCount: 3, learningRate: 0.1)
    check(
      &sgd, start: [1, -2, 0.5], gradients: [[0.5, -1, 2], [0.5, -1, 2]],
      expected: [[0.95, -1.9, 0.3], [0.9, -1.8, 0.1]])
    #expect(sgd.velocity.isEmpty)
    // Exactly representable case: 0.5·2 = 1.
    var exact = SGD(parameterCount: 1, learningRate: 0.5)
    var p: [Float] = [3]
    exact.step(parameters: &p, gradients: [2])
    #expect(p == [2])
  }

  @Test func momentumSGDFollowsPyTorch() {
    // lr 0.1, μ 0.9.  step 1: b = g1 = [1, −0.5]           p = [1, −2] − 0.1·b = [0.9, −1.95]
    // step 2: b = 0.9·[1, −0.5] + [0.5, 0.5] = [1.4, 0.05]   p = [0.76, −1.955]
    // step 3: b = 0.9·[1.4, 0.05] + [0, 1] = [1.26, 1.045]   p = [0.634, −2.0595]
    var sgd = SGD(parameterCount: 2, learningRate: 0.1, momentum: 0.9)
    check(
      &sgd, start: [1, -2], gradients: [[1, -0.5], [0.5, 0.5], [0, 1]],
      expected: [[0.9, -1.95], [0.76, -1.955], [0.634, -2.0595]])
    #expect(KernelTestSupport.isClose(sgd.velocity[0], 1.26) && KernelTestSupport.isClose(sgd.velocity[1], 1.045))
    #expect(sgd.stepCount == 3)
  }

  @Test func adamFollowsPyTorchWithBiasCorrection() {
    // lr 0.1, β1 0.9, β2 0.999, ε 1e-8; p0 = [1, −1, 0.5].
    // step 1: m̂ = g, v̂ = g², so p −= 0.1·g/(|g| + 1e-8):
    //   0.1·0.5/(0.5 + 1e-8) = 0.099999998 → p = [0.900000002, −0.9000000005, 0.5] (g = 0 leaves p alone).
    // step 2 (g = [0.1, 1, 0]): m = [0.055, −0.08, 0], v = [0.00025975, 0.004996, 0],
    //   p −= (0.1/0.19)·m/(√v/√0.001999 + 1e-8) → [0.8196959063846517, −0.8733662967024315, 0.5]
    // step 3 (g = [−0.3, 0.5, 0.25]): m = [0.0195, −0.022, 0.025], v = [0.00034949025, 0.005241004, 6.25e-05]
    //   → p = [0.798624611763508, −0.8672274104696712, 0.43611864448376586]
    var adam = Adam(parameterCount: 3, learningRate: 0.1)
    check(
      &adam, start: [1, -1, 0.5], gradients: [[0.5, -2, 0], [0.1, 1, 0], [-0.3, 0.5, 0.25]],
      expected: [
        [0.900000002, -0.9000000005, 0.5],
        [0.8196959063846517, -0.8733662967024315, 0.5],
        [0.798624611763508, -0.8672274104696712, 0.43611864448376586],
      ])
    let m: [Double] = [0.0195, -0.022, 0.025], v: [Double] = [0.00034949025, 0.005241004, 6.25e-05]
    for i in 0..<3 {
      #expect(KernelTestSupport.isClose(adam.firstMoment[i], m[i], absolute: 1e-9))
      #expect(KernelTestSupport.isClose(adam.secondMoment[i], v[i], absolute: 1e-12))
    }
  }

  @Test func rmspropFollowsPyTorch() {
    // lr 0.01, α 0.99, ε 1e-8; p0 = [1, −1, 0.5].
    // step 1: s = 0.01·g² = [0.0025, 0.04, 0]; p −= 0.01·g/(√s + ε) = 0.01·g/(0.1|g| + ε)
    //   → [0.900000019999996, −0.9000000049999998, 0.5]
    // step 2 (g = [0.1, 1, 0]): s = [0.002575, 0.0496, 0] → p = [0.8802934383202046, −0.9449013284905645, 0.5]
    // step 3 (g = [−0.3, 0.5, 0.25]): s = [0.00344925, 0.051604, 0.000625]
    //   → p = [0.9313743740465428, −0.9669117470792835, 0.40000003999998407]
    var rmsprop = RMSprop(parameterCount: 3, learningRate: 0.01)
    check(
      &rmsprop, start: [1, -1, 0.5], gradients: [[0.5, -2, 0], [0.1, 1, 0], [-0.3, 0.5, 0.25]],
      expected: [
        [0.900000019999996, -0.9000000049999998, 0.5],
        [0.8802934383202046, -0.9449013284905645, 0.5],
        [0.9313743740465428, -0.9669117470792835, 0.40000003999998407],
      ])
    let s: [Double] = [0.00344925, 0.051604, 0.000625]
    for i in 0..<3 { #expect(KernelTestSupport.isClose(rmsprop.squareAverage[i], s[i], absolute: 1e-12)) }
  }

  @Test func rmspropWithMomentumFollowsPyTorch() {
    // lr 0.01, α 0.99, μ 0.5; p0 = [1, −1]. b ← μ·b + g/(√s + ε), p ← p − lr·b.
    // step 1 (g = [0.5, −2]): s = [0.0025, 0.04], b = [10, −10] → p = [0.9, −0.9]
    // step 2 (g = [0.1, 1]): s = [0.002575, 0.0496], √s = [0.0507445, 0.2227106]
    //   b = [5 + 1.970659, −5 + 4.490133] = [6.970659, −0.509867] → p = [0.8302934, −0.8949013]
    var rmsprop = RMSprop(parameterCount: 2, learningRate: 0.01, momentum: 0.5)
    check(
      &rmsprop, start: [1, -1], gradients: [[0.5, -2], [0.1, 1]],
      expected: [[0.9, -0.9], [0.8302934, -0.8949013]])
    #expect(KernelTestSupport.isClose(rmsprop.momentumBuffer[0], 6.970659, absolute: 1e-5))
  }

  /// ε is added after the square root: with g = 1e-8 it is as large as √v̂.
  @Test func epsilonIsAddedAfterTheSquareRoot() {
    // Adam step 1: m̂ = 1e-8, √v̂ = 1e-8 → p = 0 − 0.1·1e-8/(1e-8 + 1e-8) = −0.05
    // (ε under the root would give −0.1·1e-8/√(1e-16 + 1e-8) ≈ −1e-5).
    var adam = Adam(parameterCount: 1, learningRate: 0.1)
    check(&adam, start: [0], gradients: [[1e-8]], expected: [[-0.05]])
    // RMSprop step 1: s = 0.01·1e-16, √s = 1e-9 → p = −0.01·1e-8/(1e-9 + 1e-8) = −0.01/1.1.
    var rmsprop = RMSprop(parameterCount: 1, learningRate: 0.01)
    check(&rmsprop, start: [0], gradients: [[1e-8]], expected: [[-0.01 / 1.1]])
  }

  /// The runner holds the optimiser as `any Optimizer`; the learning rate can change between steps.
  @Test func worksThroughTheProtocolAndFollowsLearningRateChanges() {
    var optimizer: any Optimizer = SGD(parameterCount: 2, learningRate: 1)
    var parameters: [Float] = [1, 1]
    optimizer.step(parameters: &parameters, gradients: [0.25, 0.5])
    optimizer.learningRate = 2
    optimizer.step(parameters: &parameters, gradients: [0.25, 0.5])
    #expect(parameters == [0.25, -0.5])
    #expect(optimizer.parameterCount == 2)
  }

  /// Long buffers (vectorised loops) give the same per-element result as a one-element buffer.
  @Test func longBuffersMatchElementByElementUpdates() {
    let count = 1001
    let gradients = (0..<count).map { Float($0 % 17) * 0.1 - 0.8 }
    var whole = Adam(parameterCount: count, learningRate: 0.01)
    var parameters = (0..<count).map { Float($0) * 0.001 }
    for _ in 0..<3 { whole.step(parameters: &parameters, gradients: gradients) }
    for i in [0, 7, 500, 1000] {
      var single = Adam(parameterCount: 1, learningRate: 0.01)
      var p = [Float(i) * 0.001]
      for _ in 0..<3 { single.step(parameters: &p, gradients: [gradients[i]]) }
      #expect(p[0].bitPattern == parameters[i].bitPattern)
    }
  }
}
