import Testing
@testable import RNNLabSpec

/// The validation, keep and schedule keys: wrong combinations are errors at
/// the key as written, and specs that leave the keys at their neutral values
/// keep the config hashes they had before the keys existed.
@Suite struct TrainingScheduleKeyTests {
  private func errors(_ training: String, overrides: [String] = []) -> [String] {
    SpecTestSupport.errors(SpecTestSupport.valid(replacing: "  steps: 10", with: "  steps: 10\n" + training), overrides: overrides)
  }

  @Test func validCombinationsLoad() {
    #expect(errors("  lr_schedule: step\n  lr_step_every: 3\n  lr_step_factor: 0.5\n  warmup_steps: 2") == [])
    #expect(errors("  lr_schedule: cosine\n  lr_min: 0.0001\n  keep: best_val\n  val_size: 7") == [])
    #expect(errors("  lr_schedule: cosine\n  warmup_steps: 9") == [])
  }

  @Test func wrongCombinationsPointAtTheKey() {
    #expect(errors("  lr_schedule: step") == ["t.yaml:15:3: error: lr_schedule 'step' needs 'lr_step_every' (steps between decays)"])
    #expect(errors("  lr_step_every: 5") == ["t.yaml:15:3: error: 'lr_step_every' applies only to lr_schedule 'step', not 'constant'"])
    #expect(errors("  lr_schedule: cosine\n  lr_step_factor: 0.5")
      == ["t.yaml:16:3: error: 'lr_step_factor' applies only to lr_schedule 'step', not 'cosine'"])
    #expect(errors("  lr_min: 0.0001") == ["t.yaml:15:3: error: 'lr_min' applies only to lr_schedule 'cosine', not 'constant'"])
    #expect(errors("  lr_schedule: cosine\n  lr_min: 0.01")
      == ["t.yaml:16:3: error: 'lr_min' (0.01) must be below 'learning_rate' (0.001)"])
    #expect(errors("  warmup_steps: 10") == ["t.yaml:15:3: error: 'warmup_steps' (10) must be fewer than 'steps' (10)"])
  }

  @Test func outOfRangeValuesAndUnknownNames() {
    #expect(errors("  lr_step_factor: 1")[0].hasPrefix("t.yaml:15:19: error: 'lr_step_factor' must be"))
    #expect(errors("  warmup_steps: -1")[0].hasPrefix("t.yaml:15:17: error:"))
    #expect(errors("  val_size: 0")[0].hasPrefix("t.yaml:15:13: error:"))
    #expect(errors("  keep: best")[0].hasPrefix("t.yaml:15:9: error: unknown keep 'best'"))
    #expect(errors("  lr_schedule: linear")[0].hasPrefix("t.yaml:15:16: error: unknown lr_schedule 'linear'"))
  }

  @Test func aModelsOwnSettingsAreCheckedWithTheSharedOnes() {
    // The model's own key is at fault: no model name needed.
    let own = SpecTestSupport.valid(replacing: "cell: lstm\n    hidden: 8", with: "cell: lstm\n    hidden: 8\n    training: {lr_schedule: step}")
    #expect(SpecTestSupport.errors(own) == ["t.yaml:13:16: error: lr_schedule 'step' needs 'lr_step_every' (steps between decays)"])
    // A shared warm-up too long for one model's steps: reported at the shared key, naming the model.
    let short = SpecTestSupport.valid(replacing: "cell: lstm\n    hidden: 8", with: "cell: lstm\n    hidden: 8\n    training: {steps: 4}")
      .replacingOccurrences(of: "  steps: 10\n", with: "  steps: 10\n  warmup_steps: 5\n")
    #expect(SpecTestSupport.errors(short) == ["t.yaml:16:3: error: 'warmup_steps' (5) must be fewer than 'steps' (4) (model 'lstm')"])
    // The same shared fault in every model is reported once.
    #expect(errors("  lr_schedule: step") .count == 1)
    // Through --set as well.
    #expect(SpecTestSupport.errors(SpecTestSupport.validText, overrides: ["training.lr_schedule=step"]).count == 1)
  }

  @Test func neutralValuesKeepTheConfigHashes() throws {
    let before = Plan(spec: try ExperimentSpec.parse(SpecTestSupport.validText)).trials
    let neutral = "  val_size: null\n  keep: last\n  lr_schedule: constant\n  lr_min: 0\n  lr_step_every: null\n  lr_step_factor: 0.1\n  warmup_steps: 0"
    let written = Plan(spec: try ExperimentSpec.parse(SpecTestSupport.valid(replacing: "  steps: 10", with: "  steps: 10\n" + neutral))).trials
    #expect(written.map(\.configHash) == before.map(\.configHash))
    #expect(written.map(\.canonicalConfig) == before.map(\.canonicalConfig))
    // The hash of one trial as committed before these keys existed.
    #expect(before.first { $0.id == "adding-T10-lstm-s1" }?.canonicalConfig.contains("keep") == false)
    // Any other value is part of the configuration.
    let hashes = Set(before.map(\.configHash))
    for setting in ["val_size: 7", "keep: best_val", "lr_schedule: cosine", "lr_schedule: cosine\n  lr_min: 0.0001",
                    "lr_schedule: step\n  lr_step_every: 3", "lr_schedule: step\n  lr_step_every: 3\n  lr_step_factor: 0.5",
                    "warmup_steps: 2"] {
      let trials = Plan(spec: try ExperimentSpec.parse(SpecTestSupport.valid(replacing: "  steps: 10", with: "  steps: 10\n  " + setting))).trials
      #expect(trials.allSatisfy { !hashes.contains($0.configHash) }, "\(setting)")
    }
    let stepOnly = Plan(spec: try ExperimentSpec.parse(SpecTestSupport.valid(replacing: "  steps: 10", with: "  steps: 10\n  lr_schedule: step\n  lr_step_every: 3"))).trials
    let halved = Plan(spec: try ExperimentSpec.parse(SpecTestSupport.valid(replacing: "  steps: 10", with: "  steps: 10\n  lr_schedule: step\n  lr_step_every: 3\n  lr_step_factor: 0.5"))).trials
    #expect(stepOnly[0].configHash != halved[0].configHash)
  }
}
