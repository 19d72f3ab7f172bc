import Testing
@testable import RNNLabSpec

/// Every bad `search:` input: one line at the offending node, and the spec
/// does not load.
@Suite struct SearchErrorTests {
  /// The errors of `validText` with this `search:` block appended (it starts at line 16).
  private func errors(_ block: String) -> [String] {
    SpecTestSupport.errors(SpecTestSupport.validText + "\n" + block + "\n")
  }

  private func random(_ space: String, samples: String = "  samples: 2\n") -> String {
    "search:\n  method: random\n" + samples + "  space:\n" + space
  }

  @Test func aValidSearchLoads() {
    #expect(errors(random("    training.learning_rate: {log_uniform: [1.0e-4, 3.0e-2]}\n    hidden: [4, 8]")) == [])
  }

  @Test func unknownPathsSuggestTheClosestPath() {
    #expect(errors(random("    training.learning_rat: [0.1]"))
      == ["t.yaml:20:5: error: unknown search path 'training.learning_rat' (did you mean 'training.learning_rate'?)"])
    #expect(errors(random("    hiden: [4]"))
      == ["t.yaml:20:5: error: unknown search path 'hiden' (did you mean 'hidden'?)"])
    #expect(errors(random("    trainig.zzz: [0.1]"))
      == ["t.yaml:20:5: error: unknown search path 'trainig.zzz' (paths: 'hidden', the model's keys, or 'training.' and a training key)"])
  }

  @Test func aRangeOnAKeyThatTakesNoNumber() {
    #expect(errors(random("    init: {uniform: [0, 1]}"))
      == ["t.yaml:20:12: error: 'init' takes a name, not a number: a range cannot search it; give a list of values"])
    #expect(errors(random("    layers: {uniform: [1, 3]}"))
      == ["t.yaml:20:14: error: 'layers' takes an integer: search it with 'int_uniform' or a list, not 'uniform'"])
  }

  @Test func boundsOutOfOrderOrOutsideTheKeysRange() {
    #expect(errors(random("    training.learning_rate: {uniform: [0.1, 0.01]}"))
      == ["t.yaml:20:39: error: the lower bound of 'training.learning_rate' must not exceed the upper bound, got [0.1, 0.01]"])
    #expect(errors(random("    training.learning_rate: {log_uniform: [0, 0.01]}"))
      == ["t.yaml:20:44: error: the bounds of 'log_uniform' must be greater than 0, got 0"])
    #expect(errors(random("    layers: {int_uniform: [1, 2.5]}"))
      == ["t.yaml:20:31: error: the bounds of 'int_uniform' must be integers, got number 2.5"])
    // The key's own range and message.
    #expect(errors(random("    training.learning_rate: {uniform: [-1, 0.1]}"))
      == ["t.yaml:20:40: error: 'learning_rate' must be greater than 0, got -1"])
    #expect(errors(random("    hidden: [4, 0]")) == ["t.yaml:20:17: error: 'hidden' must be at least 1, got 0"])
    #expect(errors(random("    init: [default, uniform]"))
      == ["t.yaml:20:21: error: unknown init 'uniform' (expected one of: default, orthogonal, identity, normal)"])
  }

  @Test func gridsTakeListsOnly() {
    #expect(errors("search:\n  method: grid\n  space:\n    training.learning_rate: {uniform: [0.001, 0.01]}")
      == ["t.yaml:19:29: error: method 'grid' takes lists of values only; 'training.learning_rate' has a 'uniform' range (list the values, or use method 'random')"])
  }

  @Test func samplesBelongToRandomAndAreAtLeastOne() {
    #expect(errors(random("    hidden: [4, 8]", samples: "  samples: 0\n"))
      == ["t.yaml:18:12: error: 'samples' must be at least 1, got 0"])
    #expect(errors(random("    hidden: [4, 8]", samples: ""))
      == ["t.yaml:17:3: error: missing required key 'samples' in 'search' (method 'random' draws that many configurations)"])
    #expect(errors("search:\n  method: grid\n  samples: 3\n  space:\n    hidden: [4, 8]")
      == ["t.yaml:18:3: error: 'samples' applies only to methods 'random' and 'halving'; a grid tries every combination of its lists"])
    #expect(errors("search:\n  method: grid\n  seed: 3\n  space:\n    hidden: [4]")
      == ["t.yaml:18:3: error: 'seed' applies only to methods 'random' and 'halving'; a grid draws nothing"])
  }

  @Test func emptyListsAndSpacesAndWrongShapes() {
    #expect(errors("search:\n  method: grid\n  space:\n    hidden: []")
      == ["t.yaml:19:13: error: the values of 'hidden' must not be empty"])
    #expect(errors(random("", samples: "  samples: 2\n").replacingOccurrences(of: "space:\n", with: "space: {}")
      ) == ["t.yaml:19:10: error: 'space' must not be empty"])
    #expect(errors(random("    hidden: 8"))
      == ["t.yaml:20:13: error: 'hidden' must be a list of values or one of {uniform: [a, b]}, {log_uniform: [a, b]}, {int_uniform: [a, b]}, got integer 8"])
    #expect(errors("search:\n  methd: grid\n  space:\n    hidden: [4]")
      == ["t.yaml:17:3: error: unknown key 'methd' (did you mean 'method'?)"])
  }

  @Test func aSearchOverTheTrialCapIsReportedAtTheSearch() {
    let tens = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]"
    let space = ["hidden", "training.batch_size", "training.steps", "layers"].map { "    \($0): \(tens)" }
      .joined(separator: "\n")
    // 10^4 configurations × 2 models × 2 lengths × 2 seeds = 80,000: allowed.
    #expect(errors("search:\n  method: grid\n  space:\n" + space) == [])
    #expect(errors("search:\n  method: grid\n  space:\n" + space + "\n    training.eval_every: [1, 2]")
      == ["t.yaml:17:3: error: the grid has 160000 trials (2 task lengths × 40000 model configurations × 2 seeds), more than the 100000 a spec may have; split it into several specs"])
    #expect(errors("search:\n  method: grid\n  space:\n" + space + "\n    training.eval_every: \(tens)\n    training.log_every: [1, 2]")
      == ["t.yaml:17:3: error: the search grid has 200000 configurations, more than the 100000 trials a spec may have"])
  }

  @Test func searchedKeysMustApplyToEveryModelTheSearchCovers() {
    #expect(errors(random("    forget_bias: [0, 1]"))
      == ["t.yaml:20:5: error: 'forget_bias' does not apply to cell 'rnn' of model 'rnn' (only to lstm, peephole, cifg, gru)"])
    // Each configuration is a valid model: no momentum under Adam.
    #expect(errors(random("    training.momentum: [0.5]")) == [
      "t.yaml:17:3: error: configuration c00 of model 'rnn': 'momentum' does not apply to optimizer 'adam'",
      "t.yaml:17:3: error: configuration c01 of model 'rnn': 'momentum' does not apply to optimizer 'adam'",
      "t.yaml:17:3: error: configuration c00 of model 'lstm': 'momentum' does not apply to optimizer 'adam'",
      "t.yaml:17:3: error: configuration c01 of model 'lstm': 'momentum' does not apply to optimizer 'adam'",
    ])
  }

  @Test func aModelsOwnSearchIsCheckedLikeTheTopLevelOne() {
    let text = SpecTestSupport.valid(
      replacing: "cell: lstm\n    hidden: 8",
      with: "cell: lstm\n    hidden: 8\n    search: {method: grid, space: {activation: [tanh, relu]}}")
    #expect(SpecTestSupport.errors(text)
      == ["t.yaml:13:36: error: 'activation' does not apply to cell 'lstm' of model 'lstm' (only to rnn)"])
  }
}
