import Foundation
import RNNLabResults

@testable import RNNLabReport

/// Hand-made trials of a search: configuration index, searched values and
/// validation loss set, as the runner writes them with a `search:` block.
enum SearchFixtures {
  /// One configuration's seeds: `valLosses[k]` is seed k + 1's validation loss
  /// (nil: the seed diverged); `testLoss` its final eval loss when finished.
  struct Config {
    var index: Int
    var rate: Double
    var hidden: Int = 32
    /// A key only some models search (as `forget_bias`, which the GRU has not).
    var forgetBias: Double?
    var valLosses: [Double?]
    var testLoss: Double = 0.1
    var solved = false
  }

  static func trials(task: String = "adding", seqLen: Int = 50, model: String, _ configs: [Config])
    -> [TrialResult]
  {
    configs.flatMap { config in
      config.valLosses.enumerated().map { offset, valLoss in
        let seed = offset + 1
        var trial = Fixtures.trial(
          task: task, seqLen: seqLen, model: model, seed: seed, status: valLoss == nil ? .diverged : .done,
          loss: config.testLoss, solvedAt: config.solved ? 200 : nil)
        let id = "\(task)-T\(seqLen)-\(model)-c\(String(format: "%02d", config.index))-s\(seed)"
        trial.id = id
        trial.summary.trialId = id
        trial.summary.configIndex = config.index
        trial.summary.searchValues = [
          "training.learning_rate": .number(config.rate), "hidden": .number(Double(config.hidden)),
        ]
        if let bias = config.forgetBias {
          trial.summary.searchValues?.entries.append(.init(key: "forget_bias", value: .number(bias)))
        }
        trial.summary.finalValLoss = valLoss
        return trial
      }
    }
  }

  /// lstm: c1 has the best mean validation loss (0.2) though c2 has the best
  /// single seed and c0 the best test loss; gru: c0 wins.
  static func folder() -> ResultsFolder {
    let lstm = trials(
      model: "lstm",
      [
        Config(index: 0, rate: 0.001, valLosses: [0.5, 0.5], testLoss: 0.01, solved: true),
        Config(index: 1, rate: 0.003, hidden: 48, valLosses: [0.1, 0.3], testLoss: 0.2),
        Config(index: 2, rate: 0.01, valLosses: [0.05, 0.6], testLoss: 0.4),
      ])
    let gru = trials(
      model: "gru",
      [
        Config(index: 0, rate: 0.002, valLosses: [0.05, 0.07], testLoss: 0.06, solved: true),
        Config(index: 1, rate: 0.02, valLosses: [0.4, nil], testLoss: 0.5),
      ])
    return Fixtures.folder(lstm + gru)
  }
}
