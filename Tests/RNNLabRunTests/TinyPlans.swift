import Foundation
import RNNLabSpec

/// Tiny specs for training tests: hidden 4–8, seq_len 5–10, steps 5–20, so a
/// trial takes milliseconds even in a debug build.
enum TinyPlans {
  /// The plan of a spec given as YAML.
  static func plan(_ yaml: String, overrides: [String] = []) throws -> Plan {
    Plan(spec: try ExperimentSpec.parse(yaml, sourceName: "tiny.yaml", overrides: overrides))
  }

  /// The first trial of a one-trial spec: `models` and `training` are YAML
  /// flow mappings.
  static func trial(task: String = "{kind: adding, seq_len: [6]}", model: String, training: String = "{}") throws
    -> Trial
  {
    let yaml = """
      name: tiny
      seeds: [3]
      tasks: [\(task)]
      models: [\(model)]
      training: \(training)
      """
    let defaults = [
      "training.steps=8", "training.batch_size=4", "training.eval_every=4", "training.eval_size=6",
      "training.learning_rate=0.01",
    ]
    let explicit = Set(training.split(separator: ",").compactMap { $0.split(separator: ":").first }
      .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "{} ")) })
    let overrides = defaults.filter { !explicit.contains(String($0.dropFirst("training.".count).prefix { $0 != "=" })) }
    return try plan(yaml, overrides: overrides).trials[0]
  }

  /// Eight trials (2 lengths × 2 models × 2 seeds) for run-level tests.
  static let grid = """
    name: grid
    seeds: [1, 2]
    tasks: [{kind: adding, seq_len: [5, 8]}]
    models: [{name: rnn, cell: rnn, hidden: 4}, {name: gru, cell: gru, hidden: 4}]
    training: {steps: 6, batch_size: 4, learning_rate: 0.01, eval_every: 3, eval_size: 8}
    """
}
