/// Which LSTM-family cell a kernel runs and which of its gates are switched on.
///
/// Gate blocks inside a `[G*H]` row: standard and peephole `i,f,g,o`;
/// coupled (CIFG) `f,g,o` with `i = 1 - f`.
struct LSTMGateConfig: Sendable {
  let coupled: Bool
  let peephole: Bool
  let inputGate: Bool
  let forgetGate: Bool
  let outputGate: Bool
  let inputActivation: Bool
  let outputActivation: Bool

  init(cell: ModelConfig.Cell, gates: ModelConfig.Gates) {
    coupled = cell == .cifg
    peephole = cell == .peephole
    inputGate = gates.inputGate || cell == .cifg
    forgetGate = gates.forgetGate
    outputGate = gates.outputGate
    inputActivation = gates.inputActivation
    outputActivation = gates.outputActivation
  }

  var gateCount: Int { coupled ? 3 : 4 }
  /// Block index of f, g and o (i is block 0 when not coupled).
  var forgetBlock: Int { coupled ? 0 : 1 }
  var cellInputBlock: Int { coupled ? 1 : 2 }
  var outputBlock: Int { coupled ? 2 : 3 }
}
