import RNNLabRandom

/// The outcome of one gradient check, as one printable line.
public struct GradientCheckResult: Sendable {
  public let name: String
  /// Parameters and inputs whose gradient was checked.
  public let checkedValues: Int
  /// Largest error of the float64 analytic gradient against central
  /// differences in float64 (`GradientCheck.relativeError`).
  public let finiteDifferenceError: Double
  /// Where it was, e.g. `weight_hh_l0[5]` or `input[12]`.
  public let finiteDifferenceWorst: String
  /// Largest error of the float32 analytic gradient (what training uses)
  /// against the float64 one.
  public let float32Error: Double
  public let float32Worst: String
  public let passed: Bool

  /// `OK   <name>  fd 3.1e-10 (weight_hh_l0[5])  f32 2.0e-06 (bias_ih_l0[1])  n=143`.
  public var line: String {
    func format(_ x: Double) -> String {
      if x == 0 { return "0" }
      var exponent = 0
      var mantissa = x
      while mantissa >= 10 { mantissa /= 10; exponent += 1 }
      while mantissa < 1 { mantissa *= 10; exponent -= 1 }
      let rounded = (mantissa * 10).rounded() / 10
      return "\(rounded)e\(exponent < 0 ? "-" : "+")\(abs(exponent) < 10 ? "0" : "")\(abs(exponent))"
    }
    return "\(passed ? "OK  " : "FAIL") \(name)  fd \(format(finiteDifferenceError)) (\(finiteDifferenceWorst))"
      + "  f32 \(format(float32Error)) (\(float32Worst))  n=\(checkedValues)"
  }
}

/// Finite-difference gradient checks of the engine, shared by the tests and
/// `runner gradcheck`.
///
/// The engine's code is generic over the scalar type, so the check runs the
/// very same forward and backward in float64: central differences with step
/// 1e-5 then have truncation and round-off errors near 1e-10 (measured: at
/// most 1e-7 in `relativeError` over the standard cases), while a missing or
/// wrong term in a gradient shows up at 1e-3 or more.
/// A second comparison runs the float32 instantiation on the same parameters
/// and data and compares its gradients with the float64 ones.
public enum GradientCheck {
  /// Central-difference step (float64).
  public static let step = 1e-5
  /// Largest accepted `relativeError` of float64 analytic vs numeric.
  public static let finiteDifferenceTolerance = 1e-5
  /// Largest accepted `relativeError` of float32 vs float64 analytic: float32
  /// round-off (6e-8 per operation) grows over a few dozen dependent
  /// operations and sums (measured: typically 1e-6, at most 1.2e-4 for the
  /// linear cell with every gate and activation off, whose state grows);
  /// 1e-3 is above that and far below what a wrong term gives (order 1).
  public static let float32Tolerance = 1e-3

  /// `|a − b| / max(|a|, |b|, 1e-3)`: relative error, read as absolute for
  /// gradients below 1e-3, where relative error means nothing.
  public static func relativeError(_ a: Double, _ b: Double) -> Double {
    abs(a - b) / max(abs(a), abs(b), 1e-3)
  }

  /// Runs every case in order.
  public static func run(_ cases: [GradientCheckCase]) -> [GradientCheckResult] {
    cases.map { run($0) }
  }

  /// Checks ∂objective/∂parameter for every parameter and ∂objective/∂input
  /// for every input value of one case.
  public static func run(_ check: GradientCheckCase) -> GradientCheckResult {
    run(check, corruptingAnalyticGradient: nil)
  }

  /// `run(_:)`, with a hook that alters the float64 analytic parameter
  /// gradient before the comparison, so tests can show a wrong gradient fails.
  static func run(
    _ check: GradientCheckCase, corruptingAnalyticGradient corrupt: ((inout [Double]) -> Void)?
  ) -> GradientCheckResult {
    let config = check.config
    precondition(config.invalidReason == nil, config.invalidReason ?? "")
    var initRNG = SeededGenerator(seed: check.seed, stream: "init")
    var chronoRNG = SeededGenerator(seed: check.seed, stream: "chrono")
    let parameters = RecurrentModel(config: config, rng: &initRNG, chrono: &chronoRNG).parameters
    let problem = Problem(check: check)

    let exact = parameters.withUnsafeBufferPointer {
      RecurrentNetwork<Double>(config: config, parameters: $0)
    }
    var input = problem.input.map(Double.init)
    var (_, parameterGradient, inputGradient) = problem.gradients(of: exact, input: input)
    corrupt?(&parameterGradient)

    var fdError = 0.0, fdWorst = "-"
    func record(_ analytic: Double, _ numeric: Double, _ label: @autoclosure () -> String) {
      let error = relativeError(analytic, numeric)
      if error > fdError || fdWorst == "-" && error == fdError { fdError = error; fdWorst = label() }
    }
    for entry in exact.layout.entries {
      for (k, i) in entry.range.enumerated() {
        let saved = exact.parameters.pointer[i]
        exact.parameters.pointer[i] = saved + step
        let plus = problem.objective(of: exact, input: input)
        exact.parameters.pointer[i] = saved - step
        let minus = problem.objective(of: exact, input: input)
        exact.parameters.pointer[i] = saved
        record(parameterGradient[i], (plus - minus) / (2 * step), "\(entry.name)[\(k)]")
      }
    }
    for i in input.indices {
      let saved = input[i]
      input[i] = saved + step
      let plus = problem.objective(of: exact, input: input)
      input[i] = saved - step
      let minus = problem.objective(of: exact, input: input)
      input[i] = saved
      record(inputGradient[i], (plus - minus) / (2 * step), "input[\(i)]")
    }

    let single = parameters.withUnsafeBufferPointer {
      RecurrentNetwork<Float>(config: config, parameters: $0)
    }
    let (_, singleParameters, singleInput) = problem.gradients(of: single, input: problem.input)
    var f32Error = 0.0, f32Worst = "-"
    for entry in exact.layout.entries {
      for (k, i) in entry.range.enumerated() {
        let error = relativeError(Double(singleParameters[i]), parameterGradient[i])
        if error > f32Error { f32Error = error; f32Worst = "\(entry.name)[\(k)]" }
      }
    }
    for i in input.indices {
      let error = relativeError(Double(singleInput[i]), inputGradient[i])
      if error > f32Error { f32Error = error; f32Worst = "input[\(i)]" }
    }

    let passed = fdError <= finiteDifferenceTolerance && f32Error <= float32Tolerance
      && parameterGradient.allSatisfy(\.isFinite)
    return GradientCheckResult(
      name: check.name, checkedValues: parameters.count + input.count,
      finiteDifferenceError: fdError, finiteDifferenceWorst: fdWorst,
      float32Error: f32Error, float32Worst: f32Worst, passed: passed)
  }
}

/// A check's data (drawn once, in float32) and its objective in any precision.
private struct Problem {
  let check: GradientCheckCase
  let input: [Float]
  let regressionTargets: [Float]
  let classTargets: [Int]
  let mask: [Bool]?
  let probe: [Float]

  init(check: GradientCheckCase) {
    self.check = check
    let config = check.config
    let (T, B) = (check.seqLen, check.batch)
    var rng = SeededGenerator(seed: check.seed, stream: "data")
    input = (0..<(T * B * config.inputSize)).map { _ in rng.uniform(-1, 1) }
    let rows = config.head == .manyToOne ? B : T * B
    let width = config.outputWidth
    regressionTargets = (0..<(rows * width)).map { _ in rng.uniform(-1, 1) }
    classTargets = (0..<rows).map { _ in rng.nextInt(below: width) }
    probe = (0..<(rows * width)).map { _ in rng.uniform(-1, 1) }
    if check.objective == .maskedCrossEntropy {
      // Score the second half of the timesteps (or of the rows, many-to-one).
      let perRow = config.head == .manyToOne ? 1 : B
      mask = (0..<rows).map { $0 / perRow >= (rows / perRow) / 2 }
    } else {
      mask = nil
    }
  }

  /// The objective and its gradient with respect to the network's output.
  func evaluate<S: EngineScalar>(_ output: UnsafeBufferPointer<S>) -> (Double, [S]) {
    var d = [S](repeating: 0, count: output.count)
    let value: Double = d.withUnsafeMutableBufferPointer { dp in
      let dOut = dp.baseAddress!, out = output.baseAddress!
      switch check.objective {
      case .meanSquaredError:
        let target = regressionTargets.map { S($0) }
        return LossKernels.meanSquaredError(dOutput: dOut, output: out, target: target, count: output.count)
      case .crossEntropy, .maskedCrossEntropy:
        return mask.withOptionalPointer { m in
          LossKernels.softmaxCrossEntropy(
            dLogits: dOut, logits: out, targets: classTargets, mask: m,
            rows: classTargets.count, classes: check.config.outputWidth).loss
        }
      case .probe:
        var sum = 0.0
        for i in 0..<output.count {
          sum += Double(out[i]) * Double(probe[i])
          dOut[i] = S(probe[i])
        }
        return sum
      }
    }
    return (value, d)
  }

  func objective<S: EngineScalar>(of network: RecurrentNetwork<S>, input: [S]) -> Double {
    let output = network.forward(input: input, seqLen: check.seqLen, batch: check.batch)
    return evaluate(output).0
  }

  /// Objective, ∂/∂parameters and ∂/∂input, by the network's backward.
  func gradients<S: EngineScalar>(of network: RecurrentNetwork<S>, input: [S]) -> (Double, [S], [S]) {
    network.zeroGradients()
    let output = network.forward(input: input, seqLen: check.seqLen, batch: check.batch)
    let (value, dOutput) = evaluate(output)
    network.backward(dOutput: dOutput, computeInputGradient: true, measureFlow: false)
    let parameters = Array(UnsafeBufferPointer(start: network.gradients.pointer, count: network.parameterCount))
    let inputs = Array(UnsafeBufferPointer(start: network.inputGradient.pointer, count: input.count))
    return (value, parameters, inputs)
  }
}

extension Optional where Wrapped == [Bool] {
  fileprivate func withOptionalPointer<R>(_ body: (UnsafePointer<Bool>?) -> R) -> R {
    switch self {
    case .none: body(nil)
    case .some(let array): array.withUnsafeBufferPointer { body($0.baseAddress) }
    }
  }
}
