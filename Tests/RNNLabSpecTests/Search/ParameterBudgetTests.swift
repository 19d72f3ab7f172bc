import Testing
@testable import RNNLabSpec

/// `hidden: {parameters: N}`: per task, the largest hidden size within the
/// budget, counting every layer, direction and the head.
@Suite struct ParameterBudgetTests {
  private static let text = """
    name: p
    tasks:
      - {kind: adding, seq_len: [20]}
      - {kind: copy, seq_len: [20]}
    models:
      - {cell: lstm, hidden: {parameters: 2000}}
      - {cell: rnn, hidden: {parameters: 2000}, bidirectional: true, layers: 2}
      - {cell: gru, hidden: {parameters: 2000}, search: {method: grid, space: {layers: [1, 2]}}}

    """

  @Test func eachTaskGetsTheLargestHiddenSizeWithinTheBudget() throws {
    let spec = try ExperimentSpec.parse(Self.text, sourceName: "p.yaml")
    let plan = Plan(spec: spec)
    let sizes = plan.trials.map { "\($0.id) \($0.model.hidden)" }
    #expect(sizes == [
      "adding-T20-lstm-s1 20", "adding-T20-rnn-s1 14", "adding-T20-gru-c00-s1 23", "adding-T20-gru-c01-s1 13",
      "copy-T20-lstm-s1 16", "copy-T20-rnn-s1 13", "copy-T20-gru-c00-s1 19", "copy-T20-gru-c01-s1 12",
    ])
    // By hand, adding (2 inputs, 1 output): an LSTM has 4H(2 + H + 2) + H + 1
    // parameters: 1,941 at H = 20, 2,122 at H = 21.
    let lstm = try #require(plan.trial(id: "adding-T20-lstm-s1"))
    #expect(lstm.model.parameterCount(on: lstm.task) == 1941)
    var larger = lstm.model
    larger.hidden = 21
    #expect(larger.parameterCount(on: lstm.task) == 2122)
    // Every chosen size is within the budget and the next one is not.
    for trial in plan.trials {
      #expect(try #require(trial.model.parameterCount(on: trial.task)) <= 2000)
      var next = trial.model
      next.hidden += 1
      #expect(try #require(next.parameterCount(on: trial.task)) > 2000, "\(trial.id)")
    }
    // The configuration records the resolved size, and the resolved spec keeps the budget.
    #expect(lstm.config["model"]?["hidden"] == .int(20))
    #expect(spec.resolvedYAML.contains("parameters: 2000"))
    #expect(try ExperimentSpec.parse(spec.resolvedYAML, sourceName: "r.yaml") == spec)
  }

  @Test func aSearchedHiddenSizeReplacesTheBudget() throws {
    let text = Self.text.replacingOccurrences(of: "space: {layers: [1, 2]}", with: "space: {hidden: [5, 7]}")
    let gru = Plan(spec: try ExperimentSpec.parse(text, sourceName: "p.yaml")).trials.filter { $0.model.name == "gru" }
    #expect(gru.map(\.model.hidden) == [5, 7, 5, 7])
  }

  @Test func aBudgetTooSmallForHiddenOneIsAnError() {
    let text = Self.text.replacingOccurrences(of: "{parameters: 2000}, bidirectional", with: "{parameters: 60}, bidirectional")
    #expect(SpecTestSupport.errors(text)
      == ["t.yaml:7:25: error: 'hidden: {parameters: 60}' is too small for model 'rnn' on task 'copy' (hidden 1 already has 63 parameters)"])
    let zero = Self.text.replacingOccurrences(of: "lstm, hidden: {parameters: 2000}", with: "lstm, hidden: {parameters: 0}")
    #expect(SpecTestSupport.errors(zero) == ["t.yaml:6:39: error: 'parameters' must be at least 1, got 0"])
    let typo = Self.text.replacingOccurrences(of: "lstm, hidden: {parameters: 2000}", with: "lstm, hidden: {parameter: 2000}")
    #expect(SpecTestSupport.errors(typo) == ["t.yaml:6:27: error: unknown key 'parameter' (did you mean 'parameters'?)"])
  }
}
