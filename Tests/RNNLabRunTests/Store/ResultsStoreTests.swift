import Foundation
import RNNLabTestSupport
import Testing
@testable import RNNLabRun

@Suite struct ResultsStoreTests {
  @Test func trialFoldersFollowTheDesign() throws {
    let store = ResultsStore(root: URL(fileURLWithPath: "/r/./exp/"))
    #expect(store.root.path == "/r/exp")
    #expect(try store.folder(forTrial: "adding-T100-lstm-s1").path == "/r/exp/trials/adding-T100-lstm-s1")
  }

  @Test(arguments: ["", ".", "..", "../escape", "a/b", "a\\b", ".hidden", "tab\there", "nul\0x",
                    String(repeating: "x", count: 256)])
  func idsThatCouldEscapeTheFolderAreRefused(id: String) {
    let store = ResultsStore(root: URL(fileURLWithPath: "/r/exp"))
    #expect(throws: RunnerError.self) { try store.folder(forTrial: id) }
  }

  @Test func temporaryFilesOfAKilledRunAreSwept() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let store = ResultsStore(root: folder.url)
    try FileManager.default.createDirectory(at: store.layout.plotsFolder, withIntermediateDirectories: true)
    let kept = ["report.md", "spec.yaml", ".lock", "plots/adding-loss.svg"]
    let swept = [".report.md.tmp-123-abcdef12", "plots/.adding-loss.svg.tmp-9-00000000"]
    for name in kept + swept { try Data("x".utf8).write(to: folder.url.appendingPathComponent(name)) }
    store.removeTemporaryFiles()
    for name in kept { #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(name).path)) }
    for name in swept { #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(name).path)) }
  }

  @Test func ordinaryIdsAreAccepted() throws {
    let store = ResultsStore(root: URL(fileURLWithPath: "/r/exp"))
    for id in ["adding-T100-lstm-s1", "copy-T5-gru_2-s-3", "temporal_order-T1000-peephole-s42", "ü-T1-m-s0"] {
      #expect(try store.folder(forTrial: id).lastPathComponent == id)
    }
  }
}

@Suite struct ResultsStoreSymlinkTests {
  /// A trial folder that is a symbolic link: finished targets are read,
  /// anything else loses the link, and the target is never touched.
  @Test func linkedTrialFoldersAreReadOrUnlinkedButNeverWrittenThrough() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let fm = FileManager.default
    let store = ResultsStore(root: folder.url.appendingPathComponent("results"))
    let outside = folder.url.appendingPathComponent("outside")
    let finished = outside.appendingPathComponent("finished")
    let unfinished = outside.appendingPathComponent("unfinished")
    for target in [finished, unfinished] { try fm.createDirectory(at: target, withIntermediateDirectories: true) }
    try Data(#"{"config_hash": "abc"}"#.utf8).write(to: finished.appendingPathComponent("summary.json"))
    try Data([2, 0, 0, 0, 0, 0, 0, 0] + Array("{}".utf8)).write(to: finished.appendingPathComponent("weights.safetensors"))
    try Data("sentinel".utf8).write(to: unfinished.appendingPathComponent("config.json"))
    try fm.createDirectory(at: store.layout.trialsFolder, withIntermediateDirectories: true)
    for (id, target) in [("done", finished), ("half", unfinished), ("dangling", outside.appendingPathComponent("none"))] {
      try fm.createSymbolicLink(at: store.layout.trialFolder(id), withDestinationURL: target)
    }

    #expect(try store.state(ofTrial: "done") == .finished(configHash: "abc"))
    #expect(try store.state(ofTrial: "half") == .partial)
    #expect(try store.state(ofTrial: "dangling") == .partial)
    #expect(try store.state(ofTrial: "absent") == .absent)
    for id in ["done", "half", "dangling"] {
      try store.removeFolder(ofTrial: id)
      #expect(!ResultsStore.entryExists(store.layout.trialFolder(id)), "\(id)")
    }
    #expect(try fm.contentsOfDirectory(atPath: finished.path).sorted() == ["summary.json", "weights.safetensors"])
    #expect(try String(contentsOf: unfinished.appendingPathComponent("config.json"), encoding: .utf8) == "sentinel")
    #expect(!fm.fileExists(atPath: outside.appendingPathComponent("none").path))
  }
}
