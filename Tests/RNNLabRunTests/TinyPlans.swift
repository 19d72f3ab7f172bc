import Foundation
import RNNLabSpec

/// Tiny specs for training tests: hidden 4–8, seq_len 5–10, steps 5–20, so a
/// trial takes milliseconds even in a debug build.
enum TinyPlans {
  /// The plan of a spec given as YAML.
  static func plan(_ yaml: String, overrides: [String] = []) throws -> Plan {
    Plan(spec: try ExperimentSpec.parse(yaml, sourceName: "tiny.yaml", overrides: overrides))
  }

  /// Training settings of `trial(task:model:training:)` unless given.
  static let trainingDefaults = [
    "steps": "8", "batch_size": "4", "eval_every": "4", "eval_size": "6", "learning_rate": "0.01",
  ]

  /// The only trial of a one-trial spec (seed 3): `task` and `model` are YAML
  /// flow mappings, `training` the settings that differ from `trainingDefaults`.
  static func trial(
    task: String = "{kind: adding, seq_len: [6]}", model: String, training: [String: String] = [:]
  ) throws -> Trial {
    let settings = trainingDefaults.merging(training) { _, given in given }
      .sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
    return try plan("""
      name: tiny
      seeds: [3]
      tasks: [\(task)]
      models: [\(model)]
      training: {\(settings)}
      """).trials[0]
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
