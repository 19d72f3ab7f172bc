import Testing
@testable import RNNLabSpec

/// `forget_bias: chrono`, `chrono_t_max` and `forget_bias` on the GRU:
/// decoded, hashed only when used (GRU trials keep their hashes), searchable
/// beside numbers, and each misuse an error at its position.
@Suite struct ChronoSpecTests {
  private func spec(lstm options: String) -> String {
    SpecTestSupport.valid(replacing: "cell: lstm\n    hidden: 8", with: "cell: lstm\n    hidden: 8\n" + options)
  }

  private func trial(_ text: String, _ id: String) throws -> Trial {
    try #require(Plan(spec: try ExperimentSpec.parse(text)).trial(id: id))
  }

  @Test func chronoDecodesAndEntersTheConfig() throws {
    let chrono = try trial(spec(lstm: "    forget_bias: chrono"), "adding-T10-lstm-s1")
    #expect(chrono.model.forgetBias == .chrono && chrono.model.chronoTMax == nil)
    #expect(chrono.canonicalConfig.contains(#""forget_bias":"chrono""#) && !chrono.canonicalConfig.contains("chrono_t_max"))
    let capped = try trial(spec(lstm: "    forget_bias: chrono\n    chrono_t_max: 50"), "adding-T10-lstm-s1")
    #expect(capped.model.chronoTMax == 50 && capped.canonicalConfig.contains(#""chrono_t_max":50"#))
    #expect(capped.configHash != chrono.configHash)
    // The default and `chrono_t_max: null` are the trial it was before the key existed.
    let plain = try trial(SpecTestSupport.validText, "adding-T10-lstm-s1")
    #expect(try trial(spec(lstm: "    chrono_t_max: null"), "adding-T10-lstm-s1").configHash == plain.configHash)
    #expect(plain.canonicalConfig.contains(#""forget_bias":1.0"#))
    // null keeps PyTorch's draw: a different trial from the default 1.0.
    let drawn = try trial(spec(lstm: "    forget_bias: null"), "adding-T10-lstm-s1")
    #expect(drawn.model.forgetBias == .drawn && !drawn.canonicalConfig.contains("forget_bias"))
  }

  @Test func theGRUTakesForgetBiasAndKeepsItsHashWithout() throws {
    let gru = SpecTestSupport.valid(replacing: "cell: rnn\n    hidden: 8", with: "cell: gru\n    hidden: 8")
      .replacingOccurrences(of: "name: rnn", with: "name: gru")
    let plain = try trial(gru, "adding-T10-gru-s1")
    #expect(plain.model.forgetBias == .drawn && !plain.canonicalConfig.contains("forget_bias"))
    #expect(plain.canonicalConfig == #"{"model":{"bidirectional":false,"cell":"gru","hidden":8,"init":"default","layers":1,"name":"gru"},"seed":1,"seq_len":10,"task":{"kind":"adding","name":"adding","placement":"halves"},"training":{"batch_size":32,"clip_norm":1.0,"clip_value":null,"eval_every":100,"eval_size":512,"flow_every":null,"learning_rate":0.001,"log_every":1,"momentum":0.0,"optimizer":"adam","steps":10}}"#)
    let withNull = gru.replacingOccurrences(of: "cell: gru\n    hidden: 8", with: "cell: gru\n    hidden: 8\n    forget_bias: null")
    #expect(try trial(withNull, "adding-T10-gru-s1").configHash == plain.configHash)
    let chrono = gru.replacingOccurrences(of: "cell: gru\n    hidden: 8", with: "cell: gru\n    hidden: 8\n    forget_bias: chrono")
    #expect(try trial(chrono, "adding-T10-gru-s1").model.forgetBias == .chrono)
  }

  @Test func misusesAreErrorsAtTheirPosition() {
    let rnn = SpecTestSupport.valid(replacing: "cell: rnn\n    hidden: 8", with: "cell: rnn\n    hidden: 8\n    forget_bias: chrono")
    #expect(SpecTestSupport.errors(rnn)
      == ["t.yaml:10:5: error: 'forget_bias' does not apply to cell 'rnn' (only to lstm, peephole, cifg, gru)"])
    #expect(SpecTestSupport.errors(rnn.replacingOccurrences(of: "seq_len: [10, 20]", with: "seq_len: [2]") + "")
      == ["t.yaml:10:5: error: 'forget_bias' does not apply to cell 'rnn' (only to lstm, peephole, cifg, gru)"])
    #expect(SpecTestSupport.errors(spec(lstm: "    chrono_t_max: 50"))
      == ["t.yaml:13:5: error: 'chrono_t_max' applies only to forget_bias 'chrono'"])
    #expect(SpecTestSupport.errors(spec(lstm: "    forget_bias: 2\n    chrono_t_max: 50"))
      == ["t.yaml:14:5: error: 'chrono_t_max' applies only to forget_bias 'chrono'"])
    #expect(SpecTestSupport.errors(spec(lstm: "    forget_bias: chrono\n    chrono_t_max: 2"))
      == ["t.yaml:14:19: error: 'chrono_t_max' must be at least 3, got 2"])
    #expect(SpecTestSupport.errors(spec(lstm: "    forget_bias: chrno"))
      == ["t.yaml:13:18: error: 'forget_bias' must be a number, 'chrono' or null, got string 'chrno'; did you mean 'chrono'?"])
    // Not again through chrono_t_max, which the misspelt value meant to go with.
    #expect(SpecTestSupport.errors(spec(lstm: "    forget_bias: chrno\n    chrono_t_max: 50"))
      == ["t.yaml:13:18: error: 'forget_bias' must be a number, 'chrono' or null, got string 'chrno'; did you mean 'chrono'?"])
    #expect(SpecTestSupport.errors(spec(lstm: "    forget_gate: false\n    forget_bias: chrono"))
      == ["t.yaml:14:5: error: 'forget_bias' does not apply when 'forget_gate' is false"])
    // T_max = seq_len must leave log U(1, T_max − 1) a range.
    let short = spec(lstm: "    forget_bias: chrono").replacingOccurrences(of: "seq_len: [10, 20]", with: "seq_len: [2, 20]")
    #expect(SpecTestSupport.errors(short)
      == ["t.yaml:13:5: error: forget_bias 'chrono' needs T_max of at least 3, but task 'adding' has seq_len 2; set 'chrono_t_max'"])
    #expect(SpecTestSupport.errors(short.replacingOccurrences(of: "forget_bias: chrono", with: "forget_bias: chrono\n    chrono_t_max: 3")) == [])
  }

  @Test func chronoIsSearchedBesideNumbers() throws {
    let text = spec(lstm: "    chrono_t_max: 200")
      + "\nsearch:\n  method: grid\n  space:\n    forget_bias: [0.0, 1.0, 3.0, chrono]\n"
    // The rnn has no forget bias: it runs without the search.
    let plan = Plan(spec: try ExperimentSpec.parse(text.replacingOccurrences(of: "    hidden: 8\n  - name: lstm", with: "    hidden: 8\n    search: null\n  - name: lstm")))
    let lstm = plan.spec.models[1].searchConfigurations ?? []
    #expect(lstm.map(\.model.forgetBias) == [.constant(0), .constant(1), .constant(3), .chrono])
    #expect(lstm.map(\.configuration.description) == ["forget_bias=0.0", "forget_bias=1.0", "forget_bias=3.0", "forget_bias=chrono"])
    let chronoTrial = try #require(plan.trial(id: "adding-T10-lstm-c03-s1"))
    #expect(chronoTrial.canonicalConfig.contains(#""forget_bias":"chrono""#))
    #expect(chronoTrial.canonicalConfig.contains(#""search":{"index":3,"values":{"forget_bias":"chrono"}}"#))
    // chrono_t_max is for the configurations that draw chrono; with none it is an error.
    let none = spec(lstm: "    chrono_t_max: 200") + "\nsearch:\n  method: grid\n  space:\n    forget_bias: [0.0, 1.0]\n"
    let errors = SpecTestSupport.errors(none.replacingOccurrences(of: "    hidden: 8\n  - name: lstm", with: "    hidden: 8\n    search: null\n  - name: lstm"))
    #expect(errors == [
      "t.yaml:19:3: error: configuration c00 of model 'lstm': 'chrono_t_max' applies only to forget_bias 'chrono'",
      "t.yaml:19:3: error: configuration c01 of model 'lstm': 'chrono_t_max' applies only to forget_bias 'chrono'",
    ])
    // A searched chrono on a task too short for it names the configuration.
    let short = SpecTestSupport.validText.replacingOccurrences(of: "seq_len: [10, 20]", with: "seq_len: [2, 20]")
      .replacingOccurrences(of: "    hidden: 8\n  - name: lstm", with: "    hidden: 8\n    search: null\n  - name: lstm")
      + "\nsearch:\n  method: grid\n  space:\n    forget_bias: [1.0, chrono]\n"
    #expect(SpecTestSupport.errors(short) == [
      "t.yaml:18:3: error: configuration c01 of model 'lstm': forget_bias 'chrono' needs T_max of at least 3, but task 'adding' has seq_len 2; set 'chrono_t_max'",
    ])
  }
}
