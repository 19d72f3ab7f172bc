/// How the bias of a model's memory-keeping gate starts (`forget_bias`): the
/// forget gate of the LSTM family, the update gate z of the GRU (PyTorch's
/// `h = (1 − z)·n + z·h₋`, so a large z keeps memory as a large f does).
public enum ForgetBias: Hashable, Sendable {
  /// `null`: the gate's bias keeps its uniform draw, as PyTorch's (the GRU's default).
  case drawn
  /// A number b: the gate's bias is exactly b (the LSTM family's default, 1.0).
  case constant(Double)
  /// `chrono` (Tallec & Ollivier 2018): each unit's bias log U(1, T_max − 1),
  /// T_max the trial's `seq_len` or `chrono_t_max`; the input gate gets the
  /// negative where the cell has one.
  case chrono

  /// How a spec spells `.chrono`.
  public static let chronoName = "chrono"

  /// The default of `cell`: 1.0 for the LSTM family (Jozefowicz et al. 2015),
  /// PyTorch's draw for the GRU (and the `rnn`, which has no gate).
  public static func standard(for cell: CellKind) -> ForgetBias {
    cell.isLSTMFamily ? .constant(1.0) : .drawn
  }

  /// The number, for a constant bias.
  public var constant: Double? {
    if case .constant(let value) = self { return value }
    return nil
  }

  /// As written in specs and configs: a number, `"chrono"` or `null`.
  var jsonValue: JSONValue {
    switch self {
    case .drawn: .null
    case .constant(let value): .double(value)
    case .chrono: .string(Self.chronoName)
    }
  }
}

extension SpecKey {
  /// A `ForgetBias`: a number within `bounds`, `chrono`, or `null`.
  static func forgetBias(
    _ name: String, _ path: WritableKeyPath<Settings, ForgetBias> & Sendable, _ bounds: NumberBounds,
    _ summary: String
  ) -> SpecKey {
    let chrono = ForgetBias.chronoName
    return SpecKey(
      name, path, type: "number, `\(chrono)` or null",
      allowed: bounds.description + ", `\(chrono)`, or null (PyTorch's draw)", perModel: true, hashed: true,
      summary: summary,
      read: { decoder, node, what in
        if node.isNull { return .drawn }
        guard let scalar = node.scalar, case .string(let text) = scalar.value else {
          return bounds.read(node, what, with: decoder).map(ForgetBias.constant)
        }
        if text == chrono { return .chrono }
        let guess = Suggestion.closest(to: text, among: [chrono]).map { "; did you mean '\($0)'?" } ?? ""
        decoder.fail(node.mark, "\(what) must be a number, '\(chrono)' or null, got \(node.kindDescription)\(guess)")
        return nil
      },
      render: { $0.jsonValue })
  }
}
