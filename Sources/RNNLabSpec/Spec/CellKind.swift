/// The recurrent cell of a model.
public enum CellKind: String, SpecName {
  /// Elman RNN, `h = act(W x + U h + b)`.
  case rnn
  /// LSTM with input, forget and output gates (PyTorch's `nn.LSTM`).
  case lstm
  /// LSTM whose gates also look at the cell state (Gers & Schmidhuber 2000).
  case peephole
  /// LSTM with the input gate coupled to the forget gate, `i = 1 - f`.
  case cifg
  /// Gated recurrent unit (PyTorch's `nn.GRU`).
  case gru

  public static let noun = "cell"

  /// The cells that keep a separate cell state `c` and take the gate
  /// switches (and, with the GRU, `forget_bias`).
  public var isLSTMFamily: Bool {
    switch self {
    case .lstm, .peephole, .cifg: return true
    case .rnn, .gru: return false
    }
  }
}
