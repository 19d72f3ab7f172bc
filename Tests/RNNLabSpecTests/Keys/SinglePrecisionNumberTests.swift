import Testing
@testable import RNNLabSpec

/// Every number key ends up a 32-bit float in the engine: a value that would
/// overflow it, or round out of the key's range, is an error at its position
/// (not a failed or silently different trial).
@Suite struct SinglePrecisionNumberTests {
  private func errors(replacing old: String, with new: String) -> [String] {
    SpecTestSupport.errors(SpecTestSupport.valid(replacing: old, with: new))
  }

  private func training(_ lines: String) -> [String] {
    errors(replacing: "  steps: 10", with: "  steps: 10\n" + lines)
  }

  @Test func aForgetBiasBeyondAnySensibleGateBias() {
    // 1e39 overflows a float; anything beyond ±100 saturates the gate anyway.
    #expect(errors(replacing: "cell: lstm\n    hidden: 8", with: "cell: lstm\n    hidden: 8\n    forget_bias: 1e39")
      == ["t.yaml:13:18: error: 'forget_bias' must be at most 100, got 1e39"])
    #expect(errors(replacing: "cell: lstm\n    hidden: 8", with: "cell: lstm\n    hidden: 8\n    forget_bias: -101")
      == ["t.yaml:13:18: error: 'forget_bias' must be at least -100, got -101"])
    #expect(errors(replacing: "cell: lstm\n    hidden: 8", with: "cell: lstm\n    hidden: 8\n    forget_bias: -100") == [])
  }

  @Test func numbersBeyondTheFloatRangeOrRoundingOutOfTheirBounds() {
    #expect(training("  clip_norm: 1e31") == ["t.yaml:15:14: error: 'clip_norm' must be at most 1e+30, got 1e31"])
    #expect(training("  learning_rate: 1e39") == ["t.yaml:15:18: error: 'learning_rate' must be at most 1e+30, got 1e39"])
    #expect(training("  learning_rate: 1e-50")
      == ["t.yaml:15:18: error: 'learning_rate' must be greater than 0, got 1e-50, which is 0 as the engine's 32-bit float"])
    // RMSprop would stop on a momentum of 1.
    #expect(training("  optimizer: rmsprop\n  momentum: 0.99999999999")
      == ["t.yaml:16:13: error: 'momentum' must be less than 1, got 0.99999999999, which is 1 as the engine's 32-bit float"])
    #expect(training("  optimizer: rmsprop\n  momentum: 0.9999") == [])
    #expect(training("  clip_value: 1e-40") == [])
  }

  @Test func rangesWhoseWidthWouldOverflowAreRefusedByTheKeysBounds() {
    // A uniform draw over [-1e308, 1e308] computed high − low = inf and always gave 1e308.
    let search = "\nsearch:\n  method: random\n  samples: 2\n  space:\n"
    let lstm = SpecTestSupport.validText.replacingOccurrences(of: "  - name: rnn\n    cell: rnn\n    hidden: 8\n", with: "")
    #expect(SpecTestSupport.errors(lstm + search + "    forget_bias: {uniform: [-1e308, 1e308]}\n")
      == ["t.yaml:17:29: error: 'forget_bias' must be at least -100, got -1e308"])
    #expect(SpecTestSupport.errors(lstm + search + "    training.learning_rate: {uniform: [0.001, 1e308]}\n")
      == ["t.yaml:17:47: error: 'learning_rate' must be at most 1e+30, got 1e308"])
    #expect(SpecTestSupport.errors(lstm + search + "    forget_bias: {uniform: [-100, 100]}\n") == [])
  }
}
