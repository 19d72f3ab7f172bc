import Testing
@testable import RNNLabEngine

/// The exported weights are a PyTorch state dict: `rnn.` + the names and
/// shapes of `nn.RNN`/`nn.LSTM`/`nn.GRU`, `head.` + those of `nn.Linear`,
/// and cells PyTorch lacks under `lstm_variant.` so they cannot be loaded
/// into a stock module by mistake.
@Suite struct WeightsExportTests {
  /// The state dict of `nn.<RNN|LSTM|GRU>(I, H, num_layers: L, bidirectional: D == 2)`
  /// under `prefix`, written out from PyTorch's documented naming
  /// (`weight_ih_l{k}[_reverse]` [G*H, in], `weight_hh_…` [G*H, H], two biases [G*H]).
  static func torchNames(prefix: String, gates: Int, input: Int, hidden: Int, layers: Int, directions: Int)
    -> [String: [Int]]
  {
    var names: [String: [Int]] = [:]
    for layer in 0..<layers {
      for direction in 0..<directions {
        let suffix = "_l\(layer)" + (direction == 1 ? "_reverse" : "")
        let width = layer == 0 ? input : hidden * directions
        names["\(prefix).weight_ih\(suffix)"] = [gates * hidden, width]
        names["\(prefix).weight_hh\(suffix)"] = [gates * hidden, hidden]
        names["\(prefix).bias_ih\(suffix)"] = [gates * hidden]
        names["\(prefix).bias_hh\(suffix)"] = [gates * hidden]
      }
    }
    return names
  }

  static func exported(_ config: ModelConfig) -> [String: [Int]] {
    Dictionary(uniqueKeysWithValues: RecurrentModel(config: config, seed: 1).namedTensors().map { ($0.name, $0.shape) })
  }

  @Test(arguments: [
    (ModelConfig.Cell.rnn, 1, 1, false), (.lstm, 4, 1, false), (.gru, 3, 1, false),
    (.rnn, 1, 1, true), (.lstm, 4, 3, false), (.gru, 3, 2, true),
  ])
  func stockCellsAreAPyTorchStateDict(cell: ModelConfig.Cell, gates: Int, layers: Int, bidirectional: Bool) {
    let config = ModelConfig(
      cell: cell, inputSize: 3, hiddenSize: 5, layers: layers, bidirectional: bidirectional, outputSize: 2)
    let directions = bidirectional ? 2 : 1
    var expected = Self.torchNames(
      prefix: "rnn", gates: gates, input: 3, hidden: 5, layers: layers, directions: directions)
    expected["head.weight"] = [2, 5 * directions]
    expected["head.bias"] = [2]
    #expect(Self.exported(config) == expected)
    #expect(RecurrentModel(config: config, seed: 1).weightsMetadata()["module"] == "rnn")
  }

  @Test func cellsPyTorchLacksAreNamedApart() {
    // CIFG has GRU's shapes; an LSTM without an input gate has LSTM's. Neither may carry `rnn.` names.
    let cifg = ModelConfig(cell: .cifg, inputSize: 3, hiddenSize: 5, outputSize: 2)
    let gruShapes = Self.torchNames(prefix: "lstm_variant", gates: 3, input: 3, hidden: 5, layers: 1, directions: 1)
    #expect(Self.exported(cifg).filter { !$0.key.hasPrefix("head.") } == gruShapes)
    let nig = ModelConfig(cell: .lstm, inputSize: 3, hiddenSize: 5, gates: .init(inputGate: false), outputSize: 2)
    #expect(Self.exported(nig).keys.contains("lstm_variant.weight_ih_l0"))
    let peephole = ModelConfig(cell: .peephole, inputSize: 3, hiddenSize: 5, outputSize: 2)
    let names = Self.exported(peephole)
    #expect(names["lstm_variant.weight_ci_l0"] == [5] && names["lstm_variant.weight_co_l0"] == [5])
    #expect(!names.keys.contains { $0.hasPrefix("rnn.") })
  }

  @Test func metadataDescribesTheModel() {
    let config = ModelConfig(
      cell: .cifg, inputSize: 10, hiddenSize: 8, layers: 2, bidirectional: true,
      gates: .init(outputActivation: false), head: .manyToMany, outputSize: 9)
    let metadata = RecurrentModel(config: config, seed: 1).weightsMetadata()
    #expect(metadata == [
      "format": "rnnlab-weights-1", "module": "lstm_variant", "cell": "cifg", "input_size": "10", "hidden": "8",
      "layers": "2", "bidirectional": "true", "head": "many_to_many", "output_size": "9", "head_shape": "[9, 16]",
      "input_gate": "false", "forget_gate": "true", "output_gate": "true", "input_activation": "true",
      "output_activation": "false",
    ])
    let rnn = RecurrentModel(
      config: ModelConfig(cell: .rnn, inputSize: 2, hiddenSize: 4, activation: .relu, head: .sequence), seed: 1)
    #expect(rnn.weightsMetadata()["activation"] == "relu" && rnn.weightsMetadata()["head_shape"] == nil)
    #expect(rnn.weightsMetadata()["output_size"] == "4" && rnn.weightsMetadata()["input_gate"] == nil)
  }

  @Test func loadingAcceptsExportedAndBareNamesButNotAPrefixedHead() throws {
    let config = ModelConfig(cell: .gru, inputSize: 2, hiddenSize: 3, outputSize: 1)
    let a = RecurrentModel(config: config, seed: 1)
    let bare = RecurrentModel(config: config, seed: 2)
    try bare.load(namedTensors: a.namedTensors().map {
      NamedTensor(name: $0.name.replacingOccurrences(of: "rnn.", with: ""), shape: $0.shape, values: $0.values)
    })
    #expect(bare.parameters == a.parameters)
    let wrong = a.namedTensors().map {
      NamedTensor(name: $0.name.hasPrefix("head.") ? "rnn." + $0.name : $0.name, shape: $0.shape, values: $0.values)
    }
    #expect(throws: ParameterLoadError(description: "unknown parameter 'rnn.head.weight'")) {
      try RecurrentModel(config: config, seed: 3).load(namedTensors: wrong)
    }
  }
}
