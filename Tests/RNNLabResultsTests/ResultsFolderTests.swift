import Foundation
import Testing

@testable import RNNLabResults

/// Loading a whole results folder, and the one-line errors for broken ones.
@Suite struct ResultsFolderTests {
  /// A stand-in for the runner's config.json with only the plan index.
  func writeConfig(_ config: JSONValue, _ layout: ResultsLayout, trial: String) throws {
    try AtomicFile.write(ResultsJSON.encode(config), to: layout.configURL(trial: trial))
  }

  /// Writes a folder with two finished trials and one still running.
  func makeFolder() throws -> ResultsLayout {
    let layout = ResultsLayout(root: try TestData.temporaryFolder())
    try layout.write(
      Manifest(runnerVersion: "0.1.0", gitCommit: "abc", host: "h", isa: "avx512", created: "2025-01-01T00:00:00Z"))
    try AtomicFile.write("name: demo\n", to: layout.specURL)
    for (id, status) in [("adding-T100-lstm-s1", TrialStatus.done), ("adding-T100-lstm-s2", .diverged)] {
      try writeConfig(.object(["index": .number(id.hasSuffix("1") ? 0 : 1)]), layout, trial: id)
      try layout.write(metrics: [MetricPoint(step: 0, split: .eval, metric: .loss, value: 0.2)], trial: id)
      try layout.write(flow: [FlowPoint(step: 0, layer: 0, direction: .forward, timestep: 1, normDh: 1, normDc: 2)], trial: id)
      try layout.write(TestData.summary(id: id, status: status))
    }
    try writeConfig(.object(["index": .number(2)]), layout, trial: "adding-T100-lstm-s3")
    // A temporary file of an interrupted atomic write is not a trial.
    try FileManager.default.createDirectory(at: layout.trialFolder(".tmp-x"), withIntermediateDirectories: true)
    return layout
  }

  @Test func loadsFinishedTrialsAndListsUnfinishedOnes() throws {
    let layout = try makeFolder()
    defer { try? FileManager.default.removeItem(at: layout.root) }
    let folder = try ResultsFolder.load(layout.root)
    #expect(folder.trials.map(\.id) == ["adding-T100-lstm-s1", "adding-T100-lstm-s2"])
    #expect(folder.incompleteTrialIDs == ["adding-T100-lstm-s3"])
    #expect(folder.manifest?.gitCommit == "abc")
    #expect(folder.specText == "name: demo\n")
    let first = folder.trials[0]
    #expect(first.summary == TestData.summary(id: "adding-T100-lstm-s1"))
    #expect(first.planIndex == 0)
    #expect(first.metrics == [MetricPoint(step: 0, split: .eval, metric: .loss, value: 0.2)])
    #expect(first.flow.count == 1)
    #expect(folder.trials[1].summary.status == .diverged)
  }

  @Test func layoutPathsFollowTheContract() {
    let layout = ResultsLayout(root: URL(fileURLWithPath: "/r/exp"))
    #expect(layout.summaryURL(trial: "t").path == "/r/exp/trials/t/summary.json")
    #expect(layout.metricsURL(trial: "t").path == "/r/exp/trials/t/metrics.csv")
    #expect(layout.gradientFlowURL(trial: "t").path == "/r/exp/trials/t/gradient_flow.csv")
    #expect(layout.configURL(trial: "t").path == "/r/exp/trials/t/config.json")
    #expect(layout.weightsURL(trial: "t").path == "/r/exp/trials/t/weights.safetensors")
    #expect(layout.reportURL.path == "/r/exp/report.md")
    #expect(layout.plotsFolder.path == "/r/exp/plots")
    #expect(layout.manifestURL.path == "/r/exp/manifest.json")
    #expect(layout.specURL.path == "/r/exp/spec.yaml")
  }

  @Test func readSummaryIsNilUntilTheTrialFinishes() throws {
    let layout = try makeFolder()
    defer { try? FileManager.default.removeItem(at: layout.root) }
    #expect(try layout.readSummary(trial: "adding-T100-lstm-s3") == nil)
    #expect(try layout.readSummary(trial: "adding-T100-lstm-s1")?.configHash == "9f2c4e1ab03d77e5")
  }

  /// Each broken file gives one line naming it; none traps.
  @Test(arguments: [
    ("{\"trial_id\": 3,\n \"x\": ]", ":2:7: error: invalid JSON"),
    ("", ":1:1: error: invalid JSON: Unexpected end of file"),
    ("{}", ": error: missing key 'trial_id'"),
    ("{\"trial_id\": 3}", ": error: 'trial_id' has the wrong type, expected a string"),
  ])
  func malformedSummaryGivesOneLineError(content: String, expected: String) throws {
    let layout = try makeFolder()
    defer { try? FileManager.default.removeItem(at: layout.root) }
    let url = layout.summaryURL(trial: "adding-T100-lstm-s2")
    try AtomicFile.write(content, to: url)
    let error = try #require(throws: ResultsError.self) { try ResultsFolder.load(layout.root) }
    #expect(error.description.hasPrefix(url.path + expected))
    #expect(!error.description.contains("\n"))
  }

  @Test func badFieldValuesNameTheKey() throws {
    let layout = try makeFolder()
    defer { try? FileManager.default.removeItem(at: layout.root) }
    let url = layout.summaryURL(trial: "adding-T100-lstm-s1")
    let good = try String(contentsOf: url, encoding: .utf8)
    try AtomicFile.write(good.replacingOccurrences(of: "\"done\"", with: "\"finished\""), to: url)
    let error = try #require(throws: ResultsError.self) { try ResultsFolder.load(layout.root) }
    #expect(error.description == "\(url.path): error: 'status': unknown status 'finished' (expected one of: done, diverged, failed, pruned)")
    try AtomicFile.write(good.replacingOccurrences(of: "\"seq_len\" : 100,", with: ""), to: url)
    #expect(throws: ResultsError(path: url.path, message: "missing key 'seq_len'")) { try ResultsFolder.load(layout.root) }
  }

  @Test func trialIDMustMatchItsFolder() throws {
    let layout = try makeFolder()
    defer { try? FileManager.default.removeItem(at: layout.root) }
    try AtomicFile.write(ResultsJSON.encode(TestData.summary(id: "other")), to: layout.summaryURL(trial: "adding-T100-lstm-s1"))
    let error = try #require(throws: ResultsError.self) { try ResultsFolder.load(layout.root) }
    #expect(error.message == "trial_id 'other' does not match its folder name 'adding-T100-lstm-s1'")
  }

  @Test func malformedCSVNamesFileLineAndColumn() throws {
    let layout = try makeFolder()
    defer { try? FileManager.default.removeItem(at: layout.root) }
    let url = layout.metricsURL(trial: "adding-T100-lstm-s1")
    try AtomicFile.write("step,split,metric,value\n0,eval,loss,zero\n", to: url)
    #expect(throws: ResultsError(path: url.path, line: 2, column: 13, message: "value 'zero' is not a number")) {
      try ResultsFolder.load(layout.root)
    }
  }

  @Test func missingOrNonResultsFoldersAreErrors() throws {
    let empty = try TestData.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: empty) }
    #expect(throws: ResultsError(path: empty.path, message: "not a results folder (it has no trials/ folder)")) {
      try ResultsFolder.load(empty)
    }
    let missing = empty.appendingPathComponent("nope")
    #expect(throws: ResultsError(path: missing.path, message: "no such results folder")) {
      try ResultsFolder.load(missing)
    }
  }

  @Test func errorDescriptionsAreOneLine() {
    #expect(ResultsError(path: "a.csv", line: 3, column: 4, message: "bad").description == "a.csv:3:4: error: bad")
    #expect(ResultsError(path: "a.json", message: "first\nsecond").description == "a.json: error: first second")
  }
}
