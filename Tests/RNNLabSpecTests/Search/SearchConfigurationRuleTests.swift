import Testing
@testable import RNNLabSpec

/// Each configuration of a search passes exactly the cross-key rules a model
/// written by hand does (`ConfigurationRules`): a configuration that breaks
/// one is an error at the search block naming it, before anything trains.
@Suite struct SearchConfigurationRuleTests {
  /// The errors of `validText` with `training` appended to its shared
  /// training map and a grid search over `space` (it starts at line 17 plus
  /// the lines of `training`).
  private func errors(training: String = "", _ space: String) -> [String] {
    let text = SpecTestSupport.valid(replacing: "  steps: 10", with: "  steps: 10" + training)
    return SpecTestSupport.errors(text + "\nsearch:\n  method: grid\n  space:\n" + space + "\n")
  }

  @Test func aSearchedLearningRateBelowTheCosineFloor() {
    // The shared learning rate (0.001) is at the floor too, but it is searched:
    // only the configurations that train are judged.
    #expect(errors(training: "\n  lr_schedule: cosine\n  lr_min: 0.001", "    training.learning_rate: [0.00029, 0.002]") == [
      "t.yaml:19:3: error: configuration c00 of model 'rnn': 'lr_min' (0.001) must be below 'learning_rate' (0.00029)",
      "t.yaml:19:3: error: configuration c00 of model 'lstm': 'lr_min' (0.001) must be below 'learning_rate' (0.00029)",
    ])
    #expect(errors(training: "\n  lr_schedule: cosine\n  lr_min: 0.001", "    training.learning_rate: [0.003, 0.002]") == [])
  }

  @Test func aRandomSearchIsJudgedOnItsDraws() {
    let text = SpecTestSupport.valid(replacing: "  steps: 10", with: "  steps: 10\n  lr_schedule: cosine\n  lr_min: 0.001")
      + "\nsearch:\n  method: random\n  samples: 4\n  seed: 7\n  space:\n    training.learning_rate: {log_uniform: [1.0e-4, 3.0e-2]}\n"
    let found = SpecTestSupport.errors(text)
    #expect(!found.isEmpty)
    #expect(found.allSatisfy { $0.hasPrefix("t.yaml:19:3: error: configuration c0") && $0.contains("must be below 'learning_rate'") })
  }

  @Test func aSearchedStepScheduleNeedsItsInterval() {
    // Without lr_step_every a step schedule would run at a constant rate.
    #expect(errors("    training.lr_schedule: [constant, step]") == [
      "t.yaml:17:3: error: configuration c01 of model 'rnn': lr_schedule 'step' needs 'lr_step_every' (steps between decays)",
      "t.yaml:17:3: error: configuration c01 of model 'lstm': lr_schedule 'step' needs 'lr_step_every' (steps between decays)",
    ])
    #expect(errors(training: "\n  lr_step_every: 3", "    training.lr_schedule: [step]") == [])
    #expect(errors("    training.lr_schedule: [step]\n    training.lr_step_every: [3]") == [])
  }

  @Test func aSearchedWarmUpMustEndBeforeTraining() {
    #expect(errors("    training.warmup_steps: [0, 10]") == [
      "t.yaml:17:3: error: configuration c01 of model 'rnn': 'warmup_steps' (10) must be fewer than 'steps' (10)",
      "t.yaml:17:3: error: configuration c01 of model 'lstm': 'warmup_steps' (10) must be fewer than 'steps' (10)",
    ])
    #expect(errors(training: "\n  warmup_steps: 5", "    training.steps: [20, 5]") == [
      "t.yaml:18:3: error: configuration c01 of model 'rnn': 'warmup_steps' (5) must be fewer than 'steps' (5)",
      "t.yaml:18:3: error: configuration c01 of model 'lstm': 'warmup_steps' (5) must be fewer than 'steps' (5)",
    ])
  }

  @Test func aSearchedRadiusNeedsAnInitThatTakesIt() {
    #expect(errors("    recurrent_radius: [0.9, 1.1]") == [
      "t.yaml:17:3: error: configuration c00 of model 'rnn': 'recurrent_radius' needs 'init' orthogonal, identity or normal (not default)",
      "t.yaml:17:3: error: configuration c01 of model 'rnn': 'recurrent_radius' needs 'init' orthogonal, identity or normal (not default)",
      "t.yaml:17:3: error: configuration c00 of model 'lstm': 'recurrent_radius' needs 'init' orthogonal, identity or normal (not default)",
      "t.yaml:17:3: error: configuration c01 of model 'lstm': 'recurrent_radius' needs 'init' orthogonal, identity or normal (not default)",
    ])
    let radius = SpecTestSupport.valid(replacing: "cell: lstm\n    hidden: 8", with: "cell: lstm\n    hidden: 8\n    recurrent_radius: 1.5")
    // The radius as written, with a searched init: judged per configuration…
    #expect(SpecTestSupport.errors(radius + "\nsearch:\n  method: grid\n  space:\n    init: [orthogonal, default]\n") == [
      "t.yaml:18:3: error: configuration c01 of model 'lstm': 'recurrent_radius' needs 'init' orthogonal, identity or normal (not default)",
    ])
    #expect(SpecTestSupport.errors(radius + "\nsearch:\n  method: grid\n  space:\n    init: [orthogonal, normal]\n") == [])
    // …and without one, once at the key as written.
    #expect(SpecTestSupport.errors(radius + "\nsearch:\n  method: grid\n  space:\n    hidden: [4, 8]\n") == [
      "t.yaml:13:5: error: 'recurrent_radius' needs 'init' orthogonal, identity or normal (not default)",
    ])
  }

  @Test func manyBrokenConfigurationsAreCounted() {
    let rates = (1...8).map { "0.000\($0)" }.joined(separator: ", ")
    let found = errors(training: "\n  lr_schedule: cosine\n  lr_min: 0.01", "    training.learning_rate: [\(rates)]")
    #expect(found.count == 2 * 6)
    #expect(found.contains("t.yaml:19:3: error: 3 more configurations of model 'lstm' break these rules (8 of 8 in all)"))
  }
}
