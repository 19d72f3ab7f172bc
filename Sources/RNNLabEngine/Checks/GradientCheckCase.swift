/// One gradient check: a model, an objective and a batch shape.
public struct GradientCheckCase: Sendable, Hashable {
  /// The scalar whose gradient is checked.
  public enum Objective: String, Sendable, Hashable, CaseIterable {
    /// `Loss.meanSquaredError` against random targets.
    case meanSquaredError = "mse"
    /// `Loss.softmaxCrossEntropy` against random classes, every row scored.
    case crossEntropy = "ce"
    /// Cross-entropy with a per-timestep mask (only some steps scored).
    case maskedCrossEntropy = "ce-masked"
    /// `sum(output · probe)`, as the PyTorch fixtures (use with `.sequence`).
    case probe
  }

  public var name: String
  public var config: ModelConfig
  public var objective: Objective
  public var seqLen: Int
  public var batch: Int
  /// Seeds the parameters (`init` stream) and the data (`data` stream).
  public var seed: UInt64

  public init(
    name: String, config: ModelConfig, objective: Objective, seqLen: Int = 5, batch: Int = 3,
    seed: UInt64 = 1
  ) {
    self.name = name
    self.config = config
    self.objective = objective
    self.seqLen = seqLen
    self.batch = batch
    self.seed = seed
  }
}

extension GradientCheck {
  /// The checks `runner gradcheck` and the tests run: every cell (rnn with
  /// tanh and relu, lstm, peephole, cifg, gru) single-layer, stacked,
  /// bidirectional and stacked-bidirectional, under both heads and both
  /// losses (masked cross-entropy too) and the raw sequence output, at a
  /// width that runs the SIMD path of the fused kernels as well; every
  /// LSTM-family gate switch; orthogonal and identity (IRNN) inits.
  public static func standardCases() -> [GradientCheckCase] {
    let variants: [(String, ModelConfig.Cell, ModelConfig.Activation)] = [
      ("rnn", .rnn, .tanh), ("rnn-relu", .rnn, .relu), ("lstm", .lstm, .tanh),
      ("peephole", .peephole, .tanh), ("cifg", .cifg, .tanh), ("gru", .gru, .tanh),
    ]
    func model(
      _ cell: ModelConfig.Cell, _ activation: ModelConfig.Activation, layers: Int = 1,
      bidirectional: Bool = false, head: ModelConfig.Head, outputSize: Int = 2,
      gates: ModelConfig.Gates = .all, initScheme: ModelConfig.InitScheme = .default,
      hiddenSize: Int = 4
    ) -> ModelConfig {
      ModelConfig(
        cell: cell, inputSize: 3, hiddenSize: hiddenSize, layers: layers, bidirectional: bidirectional,
        activation: activation, initScheme: initScheme, gates: gates, head: head,
        outputSize: outputSize)
    }
    var cases: [GradientCheckCase] = []
    for (name, cell, activation) in variants {
      cases.append(GradientCheckCase(
        name: "\(name) many-to-one mse", config: model(cell, activation, head: .manyToOne),
        objective: .meanSquaredError))
      cases.append(GradientCheckCase(
        name: "\(name) 2-layer many-to-many ce",
        config: model(cell, activation, layers: 2, head: .manyToMany, outputSize: 3),
        objective: .crossEntropy))
      cases.append(GradientCheckCase(
        name: "\(name) bidirectional many-to-one mse",
        config: model(cell, activation, bidirectional: true, head: .manyToOne),
        objective: .meanSquaredError))
      cases.append(GradientCheckCase(
        name: "\(name) 2-layer bidirectional many-to-many ce-masked",
        config: model(cell, activation, layers: 2, bidirectional: true, head: .manyToMany, outputSize: 3),
        objective: .maskedCrossEntropy))
      cases.append(GradientCheckCase(
        name: "\(name) 2-layer bidirectional many-to-one ce",
        config: model(cell, activation, layers: 2, bidirectional: true, head: .manyToOne, outputSize: 3),
        objective: .crossEntropy))
      // H = 11: the fused kernels' 8-lane SIMD chunk plus a 3-lane scalar tail.
      cases.append(GradientCheckCase(
        name: "\(name) H=11 bidirectional many-to-one mse",
        config: model(cell, activation, bidirectional: true, head: .manyToOne, hiddenSize: 11),
        objective: .meanSquaredError))
      cases.append(GradientCheckCase(
        name: "\(name) bidirectional sequence probe",
        config: model(cell, activation, bidirectional: true, head: .sequence), objective: .probe))
    }
    let switches: [(String, ModelConfig.Gates)] = [
      ("no input gate", ModelConfig.Gates(inputGate: false)),
      ("no forget gate", ModelConfig.Gates(forgetGate: false)),
      ("no output gate", ModelConfig.Gates(outputGate: false)),
      ("no input activation", ModelConfig.Gates(inputActivation: false)),
      ("no output activation", ModelConfig.Gates(outputActivation: false)),
      ("no gates or activations", ModelConfig.Gates(
        inputGate: false, forgetGate: false, outputGate: false, inputActivation: false,
        outputActivation: false)),
    ]
    for cell in [ModelConfig.Cell.lstm, .peephole, .cifg] {
      for (label, gates) in switches where !(cell == .cifg && label == "no input gate") {
        cases.append(GradientCheckCase(
          name: "\(cell.rawValue) \(label) many-to-one mse",
          config: model(cell, .tanh, head: .manyToOne, gates: gates, hiddenSize: 9),
          objective: .meanSquaredError))
      }
    }
    // Edge shapes: one step and one example; three layers of width 1.
    for cell in [ModelConfig.Cell.lstm, .gru] {
      cases.append(GradientCheckCase(
        name: "\(cell.rawValue) T=1 B=1 bidirectional many-to-one mse",
        config: model(cell, .tanh, bidirectional: true, head: .manyToOne),
        objective: .meanSquaredError, seqLen: 1, batch: 1))
      cases.append(GradientCheckCase(
        name: "\(cell.rawValue) 3-layer H=1 many-to-many ce",
        config: model(cell, .tanh, layers: 3, head: .manyToMany, outputSize: 3, hiddenSize: 1),
        objective: .crossEntropy))
    }
    // H = 32, B = 9: the float32 recurrent products' full 32-column panels,
    // 8-row kernel and single-row tail, and the per-step weight-gradient sums.
    for cell in [ModelConfig.Cell.lstm, .gru] {
      cases.append(GradientCheckCase(
        name: "\(cell.rawValue) H=32 B=9 bidirectional many-to-one mse",
        config: model(cell, .tanh, bidirectional: true, head: .manyToOne, hiddenSize: 32),
        objective: .meanSquaredError, seqLen: 4, batch: 9))
    }
    cases.append(GradientCheckCase(
      name: "rnn-relu identity init (IRNN) many-to-one mse",
      config: model(.rnn, .relu, head: .manyToOne, initScheme: .identity),
      objective: .meanSquaredError))
    cases.append(GradientCheckCase(
      name: "lstm orthogonal init many-to-one mse",
      config: model(.lstm, .tanh, head: .manyToOne, initScheme: .orthogonal),
      objective: .meanSquaredError))
    return cases
  }
}
