import Foundation
import RNNLabEngine
import RNNLabSpec
import Testing
@testable import RNNLabRun

/// `experiments/depth.yaml` compares depths at matched parameter counts; the
/// counts its comments state must be what the engine builds.
@Suite struct DepthSpecTests {
  static let path = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("experiments/depth.yaml").path

  @Test func modelsHaveMatchedParameterCounts() throws {
    let plan = Plan(spec: try ExperimentSpec.load(path: Self.path))
    var counts: [String: [String: Int]] = [:]
    for trial in plan.trials where trial.seed == 1 {
      let blueprint = try TrialBlueprint(trial: trial)
      counts[trial.task.name, default: [:]][trial.model.name] = ParameterLayout(config: blueprint.modelConfig)
        .parameterCount
    }
    // The figures in the spec's comments, adding / first_symbol.
    let stated: [String: (Int, Int)] = [
      "rnn1": (7135, 8204), "rnn2": (6957, 7571), "rnn3": (7179, 7663), "lstm1": (7081, 8804),
      "lstm2": (6924, 7916), "lstm3": (7075, 7852), "gru1": (6947, 8468), "gru2": (7075, 7969),
      "gru3": (7141, 7837), "bilstm2": (6973, 8180),
    ]
    #expect(Set(counts["adding", default: [:]].keys) == Set(stated.keys))
    for (model, (adding, firstSymbol)) in stated {
      #expect(counts["adding"]?[model] == adding, "\(model)")
      #expect(counts["first_symbol"]?[model] == firstSymbol, "\(model)")
      // Within 2.5 % of the 1-layer LSTM with 40 units on adding.
      #expect(abs(Double(adding) / 7081 - 1) < 0.025, "\(model)")
    }
  }
}
