import Foundation
import Testing
@testable import RNNLabSpec

/// How a search expands a plan: the configurations, their draws, ids, config
/// files, and that specs without a search keep their trials exactly.
@Suite struct SearchPlanTests {
  private static let text = """
    name: s
    seeds: [1, 2]
    tasks:
      - {kind: adding, seq_len: [20]}
    search:
      method: random
      samples: 3
      seed: 7
      space:
        training.learning_rate: {log_uniform: [1.0e-4, 3.0e-2]}
        hidden: [4, 8]
        forget_bias: {uniform: [0, 2]}
    models:
      - {cell: lstm, hidden: 8}
      - {cell: gru, hidden: 8, search: {method: grid, space: {hidden: [4, 6], init: [default, orthogonal]}}}
      - {cell: rnn, hidden: 8, search: null}

    """

  private func plan(_ text: String = text) throws -> Plan {
    Plan(spec: try ExperimentSpec.parse(text, sourceName: "s.yaml"))
  }

  @Test func eachModelExpandsToItsOwnConfigurations() throws {
    let plan = try plan()
    #expect(plan.trials.map(\.id) == [
      "adding-T20-lstm-c00-s1", "adding-T20-lstm-c00-s2", "adding-T20-lstm-c01-s1", "adding-T20-lstm-c01-s2",
      "adding-T20-lstm-c02-s1", "adding-T20-lstm-c02-s2",
      "adding-T20-gru-c00-s1", "adding-T20-gru-c00-s2", "adding-T20-gru-c01-s1", "adding-T20-gru-c01-s2",
      "adding-T20-gru-c02-s1", "adding-T20-gru-c02-s2", "adding-T20-gru-c03-s1", "adding-T20-gru-c03-s2",
      "adding-T20-rnn-s1", "adding-T20-rnn-s2",
    ])
    #expect(plan.summary == "16 trials (1 task × 1 length × 3 models in 8 configurations × 2 seeds)")
    // The grid: the product of the lists, the first key varying slowest.
    let gru = plan.trials.filter { $0.model.name == "gru" && $0.seed == 1 }
    #expect(gru.map { "\($0.model.hidden) \($0.model.initialization.rawValue)" }
      == ["4 default", "4 orthogonal", "6 default", "6 orthogonal"])
    #expect(gru.map { $0.search?.index } == [0, 1, 2, 3])
    #expect(plan.trials.last?.search == nil)
  }

  @Test func randomDrawsArePinnedAndAppliedAsTheKeysThemselves() throws {
    let lstm = try plan().trials.filter { $0.model.name == "lstm" && $0.seed == 1 }
    // Pinned: the draws must not change between runs, machines or versions.
    #expect(lstm.map { $0.search?.description } == [
      "training.learning_rate=0.0002894 hidden=8 forget_bias=0.6085",
      "training.learning_rate=0.0006754 hidden=8 forget_bias=0.5686",
      "training.learning_rate=0.001164 hidden=4 forget_bias=1.85",
    ])
    #expect(lstm.map(\.training.learningRate) == [0.0002894, 0.0006754, 0.001164])
    #expect(lstm.map(\.model.hidden) == [8, 8, 4])
    #expect(lstm.map(\.model.forgetBias.constant) == [0.6085, 0.5686, 1.85])
  }

  @Test func drawsDependOnTheSearchSeedAndModelNameOnly() throws {
    let base = try plan().trials.filter { $0.model.name == "lstm" }.map(\.search)
    // Other seeds, other models: the same configurations.
    let reseeded = try plan(Self.text.replacingOccurrences(of: "seeds: [1, 2]", with: "seeds: [5]")
      .replacingOccurrences(of: "  - {cell: rnn, hidden: 8, search: null}\n", with: ""))
    #expect(Array(Set(reseeded.trials.filter { $0.model.name == "lstm" }.map(\.search))).count == 3)
    #expect(reseeded.trials.filter { $0.model.name == "lstm" }.map(\.search) == base.enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
    let other = try plan(Self.text.replacingOccurrences(of: "seed: 7", with: "seed: 8"))
    #expect(other.trials.filter { $0.model.name == "lstm" }.map(\.search) != base)
  }

  @Test func rangesStayWithinTheirBoundsAndIntegerRangesReachBothEnds() throws {
    let text = Self.text.replacingOccurrences(of: "samples: 3", with: "samples: 400")
      .replacingOccurrences(of: "hidden: [4, 8]", with: "layers: {int_uniform: [1, 3]}")
    let trials = try plan(text).trials.filter { $0.model.name == "lstm" && $0.seed == 1 }
    #expect(trials.count == 400)
    #expect(trials.allSatisfy { (1.0e-4...3.0e-2).contains($0.training.learningRate) })
    #expect(trials.allSatisfy { (0...2).contains($0.model.forgetBias.constant ?? -1) })
    #expect(Set(trials.map(\.model.layers)) == [1, 2, 3])
    // Log-uniform: about as many draws per decade, not most of them in the top one.
    let belowOneThousandth = trials.filter { $0.training.learningRate < 1e-3 }.count
    #expect((120...220).contains(belowOneThousandth))
    #expect(trials.last?.id == "adding-T20-lstm-c399-s1")
  }

  @Test func configFilesRecordTheConfigurationAndItIsHashed() throws {
    let trial = try #require(try plan().trial(id: "adding-T20-gru-c03-s1"))
    #expect(trial.config["search"]?.canonicalText == #"{"index":3,"values":{"hidden":6,"init":"orthogonal"}}"#)
    #expect(trial.config["model"]?["hidden"] == .int(6))
    let twin = Trial(index: 0, task: trial.task, seqLen: trial.seqLen, model: trial.model, training: trial.training,
                     seed: trial.seed)
    #expect(twin.configHash != trial.configHash)
    #expect(Trial(index: 0, task: trial.task, seqLen: trial.seqLen, model: trial.model, training: trial.training,
                  seed: trial.seed, search: trial.search).configHash == trial.configHash)
  }

  @Test func thePlanListsEveryConfigurationAndItsValues() throws {
    let plan = try plan()
    let header = try #require(plan.csv().split(separator: "\n").first).split(separator: ",").map(String.init)
    // `hidden` is a column already: the searched one is not repeated.
    #expect(header.filter { $0 == "hidden" }.count == 1)
    #expect(Array(header.suffix(4)) == ["config", "training.learning_rate", "forget_bias", "init"])
    let table = plan.table()
    #expect(table.contains("model lstm: 3 configurations (random, 3 samples, seed 7)\n  c00  training.learning_rate=0.0002894 hidden=8 forget_bias=0.6085\n"))
    #expect(table.contains("model gru: 4 configurations (grid)\n  c00  hidden=4 init=default\n"))
    #expect(!table.contains("model rnn:"))
    // Without a search, none of it.
    let plain = try self.plan(SpecTestSupport.validText)
    #expect(plain.csv().split(separator: "\n").first.map(String.init) == Plan.columns.joined(separator: ","))
    #expect(!plain.table().contains("configurations"))
  }

  @Test func overridesReachIntoASearch() throws {
    let spec = try ExperimentSpec.parse(Self.text, sourceName: "s.yaml", overrides: ["search.seed=8", "models.gru.search=null"])
    #expect(spec.search?.seed == 8)
    #expect(spec.models[1].search == nil)
    #expect(Plan(spec: spec).trials.count == 10)
  }

  @Test func theResolvedSpecLoadsBackEqual() throws {
    let spec = try ExperimentSpec.parse(Self.text, sourceName: "s.yaml")
    let again = try ExperimentSpec.parse(spec.resolvedYAML, sourceName: "resolved.yaml")
    #expect(again == spec)
    #expect(Plan(spec: again).trials == Plan(spec: spec).trials)
  }

  @Test func theCommittedResultsKeepTheirIdsAndHashes() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("results")
    let folders = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
    #expect(!folders.isEmpty)
    var checked = 0
    for folder in folders {
      // A spec with `tuned_from` is read from experiments/, where its path is relative to.
      let recorded = root.appendingPathComponent("\(folder)/spec.yaml")
      let original = root.deletingLastPathComponent().appendingPathComponent("experiments/\(folder).yaml")
      let tuned = (try? String(contentsOf: recorded, encoding: .utf8))?.contains("\ntuned_from:") ?? false
      let spec = try ExperimentSpec.load(path: (tuned ? original : recorded).path)
      for trial in Plan(spec: spec).trials {
        let file = root.appendingPathComponent("\(folder)/trials/\(trial.id)/config.json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
        #expect(object?["config_hash"] as? String == trial.configHash, "\(folder)/\(trial.id)")
        checked += 1
      }
    }
    #expect(checked > 100)
  }
}
