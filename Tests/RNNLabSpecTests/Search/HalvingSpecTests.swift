import Testing
@testable import RNNLabSpec

/// `method: halving`: its keys, the rungs it plans and every bad setting as
/// one line at the offending node.
@Suite struct HalvingSpecTests {
  /// The errors of `validText` (10 steps) with this `search:` block appended
  /// (it starts at line 16) and evaluations every 2 steps.
  private func errors(_ block: String, evalEvery: Int = 2) -> [String] {
    SpecTestSupport.errors(
      SpecTestSupport.validText + "\n" + block + "\n", overrides: ["training.eval_every=\(evalEvery)"])
  }

  private func halving(_ keys: String) -> String {
    "search:\n  method: halving\n  samples: 9\n" + keys + "  space:\n    training.learning_rate: {log_uniform: [1.0e-3, 1.0e-1]}"
  }

  @Test func rungsMultiplyMinStepsByEtaUpToTheTrainingSteps() throws {
    let schedule = SearchSpec.Halving(eta: 3, minSteps: 100)
    #expect(schedule.rungSteps(totalSteps: 2500) == [100, 300, 900, 2500])
    #expect(schedule.rungSteps(totalSteps: 900) == [100, 300, 900])
    #expect(schedule.rungSteps(totalSteps: 101) == [100, 101])
    #expect((0..<4).map { schedule.survivors(atRung: $0, of: 16) } == [16, 6, 2, 1])
    #expect(errors(halving("  eta: 2\n  min_steps: 2\n")) == [])
    let plan = Plan(spec: try ExperimentSpec.parse(
      SpecTestSupport.validText + "\n" + halving("  eta: 2\n  min_steps: 2\n") + "\n", sourceName: "t.yaml",
      overrides: ["training.eval_every=2"]))
    #expect(plan.trials.count == 2 * 2 * 9 * 2)
    #expect(plan.configurationListing.contains("""
        halving: eta 2, min_steps 2, 4 rungs
        rung 0: 9 configurations to step 2, at most 18 trials per task and length
        rung 1: 5 configurations to step 4, at most 10 trials per task and length
        rung 2: 3 configurations to step 8, at most 6 trials per task and length
        rung 3: 2 configurations to step 10, at most 4 trials per task and length
      """))
  }

  @Test func theDrawsAreRandomSearchesAndOnlyTheHashSaysHalving() throws {
    func plan(_ block: String) throws -> Plan {
      Plan(spec: try ExperimentSpec.parse(
        SpecTestSupport.validText + "\n" + block + "\n", sourceName: "t.yaml", overrides: ["training.eval_every=2"]))
    }
    let halved = try plan(halving("  min_steps: 2\n"))
    let random = try plan(halving("").replacingOccurrences(of: "halving", with: "random"))
    #expect(halved.trials.map(\.id) == random.trials.map(\.id))
    #expect(halved.trials.map(\.training) == random.trials.map(\.training))
    #expect(zip(halved.trials, random.trials).allSatisfy { $0.configHash != $1.configHash })
  }

  @Test func badSettingsAreErrorsAtTheirNode() {
    #expect(errors(halving("  eta: 1\n  min_steps: 2\n")) == ["t.yaml:19:8: error: 'eta' must be at least 2, got 1"])
    #expect(errors(halving("  eta: 2\n")) == [
      "t.yaml:17:3: error: missing required key 'min_steps' in 'search' (method 'halving' trains its first rung to that many steps)"
    ])
    #expect(errors(halving("  min_steps: 10\n")) == [
      "t.yaml:19:14: error: 'min_steps' 10 of model 'rnn' must be below its training.steps 10 (the last rung)",
      "t.yaml:19:14: error: 'min_steps' 10 of model 'lstm' must be below its training.steps 10 (the last rung)",
    ])
    #expect(errors(halving("  min_steps: 3\n"), evalEvery: 2).first
      == "t.yaml:19:14: error: rung step 3 (min_steps 3 × eta^k) of model 'rnn' is not a multiple of eval_every 2: each rung ranks on the validation loss evaluated at its step")
    #expect(errors("search:\n  method: random\n  samples: 2\n  eta: 3\n  space:\n    hidden: [4]")
      == ["t.yaml:19:3: error: 'eta' applies only to method 'halving', not 'random'"])
    #expect(errors("search:\n  method: grid\n  min_steps: 3\n  space:\n    hidden: [4]")
      == ["t.yaml:18:3: error: 'min_steps' applies only to method 'halving', not 'grid'"])
    #expect(errors("search:\n  method: halving\n  min_steps: 2\n  space:\n    hidden: [4]")
      == ["t.yaml:17:3: error: missing required key 'samples' in 'search' (method 'halving' draws that many configurations)"])
    #expect(errors("search:\n  method: halving\n  samples: 3\n  min_steps: 2\n  space:\n    training.steps: [6, 8]").first
      == "t.yaml:21:5: error: method 'halving' cannot search 'training.steps': its rungs are steps of one schedule shared by every configuration")
  }
}
