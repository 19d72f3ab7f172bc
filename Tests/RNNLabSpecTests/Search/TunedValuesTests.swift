import Foundation
import RNNLabTestSupport
import Testing
@testable import RNNLabSpec

/// `tuned_from:` and a task's `tuned:`: the values reach the trials and their
/// hashes, config.json says where each came from, and every bad input is one
/// line at its node.
@Suite struct TunedValuesTests {
  /// A tuning folder with a selection for adding × {rnn, lstm} at T = 50 and 100.
  private func folder() throws -> TemporaryFolder {
    let folder = TemporaryFolder()
    try Data("""
      task,seq_len,model,configurations,config_index,training.learning_rate,forget_bias,mean_val_loss,seeds,mean_final_eval_loss,solved
      adding,50,rnn,4,2,0.001,,0.1,3,0.1,1
      adding,100,rnn,4,1,0.003,,0.2,3,0.2,0
      adding,100,lstm,4,3,0.02,chrono,0.01,3,0.01,3

      """.utf8).write(to: folder.url.appendingPathComponent("selection.csv"))
    return folder
  }

  private func spec(_ folder: TemporaryFolder, tunedFrom: String = "tuning", tuned: String = "") -> String {
    """
    name: t
    tuned_from: \(tunedFrom)
    tasks:
      - kind: adding
        seq_len: [20]
    \(tuned)
    models:
      - {name: rnn, cell: rnn, hidden: 8}
      - {name: lstm, cell: lstm, hidden: 8}
    training: {steps: 10}

    """
  }

  /// Errors of `text` as a spec file beside the tuning folder (named `tuning`).
  private func load(_ text: String, in folder: TemporaryFolder) throws(SpecError) -> ExperimentSpec {
    let base = folder.url.deletingLastPathComponent()
    let link = base.appendingPathComponent("tuning-\(folder.url.lastPathComponent)")
    try? FileManager.default.createSymbolicLink(at: link, withDestinationURL: folder.url)
    let text = text.replacingOccurrences(of: "tuned_from: tuning", with: "tuned_from: \(link.lastPathComponent)")
    return try ExperimentSpec.parse(text, sourceName: base.appendingPathComponent("spec.yaml").path)
  }

  private func errors(_ text: String, in folder: TemporaryFolder) -> [String] {
    do {
      _ = try load(text, in: folder)
      return []
    } catch {
      return error.diagnostics.map { $0.description.replacingOccurrences(of: folder.url.deletingLastPathComponent().path + "/", with: "") }
    }
  }

  @Test func theLongestSelectedLengthIsTakenAndHandValuesOverrideIt() throws {
    let folder = try folder()
    defer { folder.remove() }
    let plan = Plan(spec: try load(spec(folder, tuned: "    tuned:\n      lstm: {training.learning_rate: 0.005}"), in: folder))
    let rnn = try #require(plan.trials.first { $0.model.name == "rnn" })
    let lstm = try #require(plan.trials.first { $0.model.name == "lstm" })
    #expect(rnn.training.learningRate == 0.003)  // T = 100's selection, not T = 50's
    #expect(lstm.training.learningRate == 0.005)
    #expect(lstm.model.forgetBias == .chrono)
    #expect(lstm.tuned?.sources.contains("spec") == true)
    #expect(rnn.tuned?.sources.allSatisfy { $0.hasSuffix(": c1 at T = 100") } == true)
    #expect(rnn.configFileText.contains("\"tuned\""))
    // The values enter the hash; without them the trials are the plain ones.
    let plain = Plan(spec: try ExperimentSpec.parse(spec(folder).replacingOccurrences(of: "tuned_from: tuning\n", with: ""), sourceName: "t.yaml"))
    #expect(Set(plain.trials.map(\.configHash)).isDisjoint(with: plan.trials.map(\.configHash)))
    #expect(!plain.trials[0].configFileText.contains("\"tuned\""))
  }

  @Test func missingFoldersRowsModelsAndClashesAreErrorsAtTheirNode() throws {
    let folder = try folder()
    defer { folder.remove() }
    #expect(errors(spec(folder, tunedFrom: "nowhere"), in: folder).first?.hasPrefix("spec.yaml:2:13: error: 'tuned_from' 'nowhere': no selection.csv at ") == true)
    let withCopy = spec(folder).replacingOccurrences(of: "name: lstm, cell: lstm", with: "name: gru, cell: gru")
    #expect(errors(withCopy, in: folder).contains { $0.hasSuffix("has no selection for task 'adding' × model 'gru'") })
    #expect(errors(spec(folder, tuned: "    tuned:\n      lsmt: {forget_bias: 2.0}"), in: folder)
      == ["spec.yaml:7:7: error: 'tuned' names model 'lsmt', which the spec does not have (did you mean 'lstm'?)"])
    #expect(errors(spec(folder, tuned: "    tuned:\n      rnn: {forget_bias: 2.0}"), in: folder)
      == ["spec.yaml:7:13: error: tuned 'forget_bias' does not apply to cell 'rnn' of model 'rnn'"])
    #expect(errors(spec(folder, tuned: "    tuned:\n      lstm: {hiden: 4}"), in: folder)
      == ["spec.yaml:7:14: error: unknown search path 'hiden' (did you mean 'hidden'?)"])
    let searched = spec(folder) + "search: {method: grid, space: {training.learning_rate: [0.1, 0.2]}}\n"
    #expect(errors(searched, in: folder).first == "spec.yaml:2:13: error: 'training.learning_rate' of model 'rnn' is both tuned and searched; drop one")
  }
}
