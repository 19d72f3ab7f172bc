import Foundation
import Testing
@testable import RNNLabSpec

/// A task's `evaluation: {lengths: …}`: decoded sorted, hashed only when set,
/// refused for a task whose lag does not grow with T, and every bad value a
/// one-line error at its position.
@Suite struct EvaluationLengthsSpecTests {
  /// `validText` with `evaluation` lines after the adding task's `seq_len` (line 5).
  private func spec(_ evaluation: String) -> String {
    SpecTestSupport.valid(replacing: "    seq_len: [10, 20]\n", with: "    seq_len: [10, 20]\n" + evaluation + "\n")
  }

  private func trial(_ text: String, id: String = "adding-T10-lstm-s1") throws -> Trial {
    try #require(Plan(spec: try ExperimentSpec.parse(text)).trial(id: id))
  }

  @Test func decodesSortedAndEntersTheConfigOnlyWhenSet() throws {
    let plain = try trial(SpecTestSupport.validText)
    #expect(plain.task.evaluationLengths == [])
    #expect(!plain.canonicalConfig.contains("evaluation"))
    let tested = try trial(spec("    evaluation: {lengths: [400, 40, 200]}"))
    #expect(tested.task.evaluationLengths == [40, 200, 400])
    #expect(tested.canonicalConfig.contains(#""evaluation":{"lengths":[40,200,400]}"#))
    #expect(tested.configHash != plain.configHash)
    // The order the lengths are written in tests nothing different.
    #expect(try trial(spec("    evaluation: {lengths: [40, 200, 400]}")).configHash == tested.configHash)
    #expect(try trial(spec("    evaluation: {lengths: [40, 400]}")).configHash != tested.configHash)
    // `null` is no evaluation: the trial it always was; a single length is a list of one.
    #expect(try trial(spec("    evaluation: null")).configHash == plain.configHash)
    #expect(try trial(spec("    evaluation: {lengths: 50}")).task.evaluationLengths == [50])
    #expect(tested.configFileText.contains("\"evaluation\": {"))
  }

  @Test func setByOverrideAndKeptByTheResolvedSpec() throws {
    let spec = try ExperimentSpec.parse(
      SpecTestSupport.validText, overrides: ["tasks.adding.evaluation.lengths=[100,30]"])
    #expect(spec.tasks[0].evaluationLengths == [30, 100])
    let reloaded = try ExperimentSpec.parse(spec.resolvedYAML)
    #expect(reloaded.tasks[0].evaluationLengths == [30, 100])
    #expect(Plan(spec: reloaded).trials.map(\.configHash) == Plan(spec: spec).trials.map(\.configHash))
    #expect(SpecTestSupport.errors(SpecTestSupport.validText, overrides: ["tasks.adding.evaluation.lenghts=[100]"])
      == ["--set tasks.adding.evaluation.lenghts=[100]: error: unknown key 'lenghts' (did you mean 'lengths'?)"])
  }

  @Test func badValuesAreErrorsAtTheirPosition() {
    #expect(SpecTestSupport.errors(spec("    evaluation: {lengths: [40, 1]}"))
      == ["t.yaml:6:32: error: 'lengths' 1 is too short for task kind 'adding' with these options (at least 2)"])
    #expect(SpecTestSupport.errors(spec("    evaluation: {lengths: [40, 40]}"))
      == ["t.yaml:6:32: error: duplicate value 40 in 'lengths' (first at 6:28)"])
    #expect(SpecTestSupport.errors(spec("    evaluation: {lengths: []}"))
      == ["t.yaml:6:27: error: 'lengths' must not be empty"])
    #expect(SpecTestSupport.errors(spec("    evaluation: {lengths: [0]}"))
      == ["t.yaml:6:28: error: each of 'lengths' must be at least 1, got 0"])
    #expect(SpecTestSupport.errors(spec("    evaluation: {lenghts: [40]}"))
      == ["t.yaml:6:18: error: unknown key 'lenghts' (did you mean 'lengths'?)"])
    #expect(SpecTestSupport.errors(spec("    evaluation: {}"))
      == ["t.yaml:6:17: error: missing required key 'lengths' in 'evaluation'"])
    #expect(SpecTestSupport.errors(spec("    evaluation: [40]"))
      == ["t.yaml:6:17: error: 'evaluation' must be a mapping of keys, got a list"])
    let many = (1...33).map { String($0 + 10) }.joined(separator: ", ")
    #expect(SpecTestSupport.errors(spec("    evaluation: {lengths: [\(many)]}"))
      == ["t.yaml:6:27: error: 'lengths' may list at most 32 lengths, got 33"])
  }

  @Test func itsErrorsComeWithTheTasksOtherErrors() {
    let text = SpecTestSupport.valid(
      replacing: "    seq_len: [10, 20]\n", with: "    seq_len: [1]\n    evaluation: {lengths: [40, 1]}\n")
    #expect(SpecTestSupport.errors(text) == [
      "t.yaml:5:14: error: 'seq_len' 1 is too short for task kind 'adding' with these options (at least 2)",
      "t.yaml:6:32: error: 'lengths' 1 is too short for task kind 'adding' with these options (at least 2)",
    ])
  }

  @Test func aTaskWhoseLagDoesNotGrowWithTRefusesIt() {
    let lookahead = SpecTestSupport.valid(
      replacing: "  - kind: adding\n    seq_len: [10, 20]\n",
      with: "  - kind: lookahead\n    seq_len: [10, 20]\n    evaluation: {lengths: [40]}\n")
    #expect(SpecTestSupport.errors(lookahead)
      == ["t.yaml:6:5: error: 'evaluation' does not apply to task kind 'lookahead': its lag is 'offset', which another length leaves unchanged; give tasks with other offsets instead"])
    // The shortest length follows the task's options, as `seq_len`'s does.
    let order = SpecTestSupport.valid(
      replacing: "  - kind: adding\n    seq_len: [10, 20]\n",
      with: "  - kind: temporal_order\n    seq_len: [10, 20]\n    evaluation: {lengths: [3, 100]}\n")
    #expect(SpecTestSupport.errors(order)
      == ["t.yaml:6:28: error: 'lengths' 3 is too short for task kind 'temporal_order' with these options (at least 4)"])
  }

  /// Every committed results folder was planned without the key: its specs
  /// must still give each finished trial the hash in its config.json, so the
  /// folders keep their ids and `runner verify` still finds them.
  @Test func committedFoldersKeepTheirHashes() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let experiments = root.appendingPathComponent("experiments")
    var compared = 0
    for file in try FileManager.default.contentsOfDirectory(atPath: experiments.path).sorted() where file.hasSuffix(".yaml") {
      let trials = root.appendingPathComponent("results/\(file.dropLast(5))/trials")
      guard FileManager.default.fileExists(atPath: trials.path) else { continue }
      let plan = Plan(spec: try ExperimentSpec.load(path: experiments.appendingPathComponent(file).path))
      for trial in plan.trials {
        let config = trials.appendingPathComponent("\(trial.id)/config.json")
        guard let data = FileManager.default.contents(atPath: config.path),
              let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
        #expect(object["config_hash"] as? String == trial.configHash, "\(file): \(trial.id)")
        compared += 1
      }
    }
    #expect(compared > 500)
  }
}
