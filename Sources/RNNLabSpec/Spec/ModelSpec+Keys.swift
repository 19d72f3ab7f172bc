/// The optional keys of a model, declared once: decoding, the cells each
/// applies to (and the errors where it does not), rendering, hashing and the
/// models table of docs/spec.md read these rows. `name`, `cell`, `hidden` and
/// `training` shape the entry itself and are decoded by `SpecDecoder`.
extension ModelSpec {
  /// In the order specs, configs and docs list them, after `name`, `cell`, `hidden`.
  public static let keys: [SpecKey<ModelSpec>] = {
    let lstmFamily: [CellKind] = [.lstm, .peephole, .cifg]
    // The cells with a gate that keeps memory: the LSTM family's f, the GRU's z.
    let gated: [CellKind] = lstmFamily + [.gru]
    // CIFG's input gate is 1 - forget gate: neither can be switched alone.
    let independentGates: [CellKind] = [.lstm, .peephole]
    return [
      .integer("layers", \.layers, in: SpecLimits.layers, "Stacked layers."),
      .bool("bidirectional", \.bidirectional, "Also run each layer backwards in time (outputs concatenated)."),
      SpecKey.name("activation", \.activation, "Nonlinearity of the plain RNN.").only(for: [.rnn]),
      // Hashed unless null, so GRU trials (null by default) keep their hashes.
      SpecKey.forgetBias("forget_bias", \.forgetBias, .within(-100...100),
                         "Initial bias of the forget gate (`gru`: of the update gate z, which keeps memory in PyTorch's `h = (1 − z)·n + z·h₋`); default `1.0`, `null` for `gru`. A number b sets it to b; `chrono` draws each unit's from log U(1, T_max − 1) (Tallec & Ollivier 2018; `lstm`, `peephole`: input gate −b); `null` keeps PyTorch's uniform draw. Not allowed with `forget_gate: false`.")
        .only(for: gated).unhashed(at: .null),
      SpecKey.integerOrNull("chrono_t_max", \.chronoTMax, in: 3...SpecLimits.seqLen.upperBound, null: "the trial's `seq_len`",
                            "T_max of `forget_bias: chrono`, the longest time scale the gate starts out keeping; only with `chrono`.")
        .only(for: gated).unhashed(at: .null),
      .name("init", \.initialization,
            "Recurrent weights: `default` (uniform ±1/√hidden, as PyTorch), `orthogonal`, `identity`, `normal` (Gaussian, std 1/√hidden)."),
      SpecKey.numberOrNull("recurrent_radius", \.recurrentRadius, .greaterThan(0),
                           "Scales each gate block of `weight_hh` to this spectral radius at init; not with `init: default`.")
        .unhashed(at: .null),
      SpecKey.bool("input_gate", \.inputGate, "`false` = Greff et al.'s NIG (no input gate); `cifg` has none of its own.")
        .only(for: independentGates),
      SpecKey.bool("forget_gate", \.forgetGate, "`false` = NFG (no forget gate).").only(for: independentGates),
      SpecKey.bool("output_gate", \.outputGate, "`false` = NOG (no output gate).").only(for: lstmFamily),
      SpecKey.bool("input_activation", \.inputActivation, "`false` = NIAF (no input activation function).")
        .only(for: lstmFamily),
      SpecKey.bool("output_activation", \.outputActivation, "`false` = NOAF (no output activation function).")
        .only(for: lstmFamily),
    ]
  }()

  /// The key declared with this name.
  public static func key(named name: String) -> SpecKey<ModelSpec>? { keys.first { $0.name == name } }
}
