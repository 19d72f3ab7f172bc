import Foundation
import RNNLabTestSupport
import Testing
@testable import RNNLabRun

@Suite struct ResumePlannerTests {
  typealias Key = ResumePlanner.TrialKey

  private func finish(_ id: String, hash: String?, in store: ResultsStore) throws {
    let summary: [String: Any] = hash.map { ["config_hash": $0, "status": "done"] } ?? ["status": "done"]
    let folder = try store.folder(forTrial: id)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try JSONSerialization.data(withJSONObject: summary).write(to: folder.appendingPathComponent("summary.json"))
    // A done trial has weights: an empty safetensors file (header `{}`).
    try Data([2, 0, 0, 0, 0, 0, 0, 0] + Array("{}".utf8)).write(to: folder.appendingPathComponent("weights.safetensors"))
  }

  @Test func aTrialWithoutReadableWeightsIsIncompleteAndRunsAgain() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let store = ResultsStore(root: folder.url)
    try finish("t", hash: "h", in: store)
    #expect(try store.state(ofTrial: "t") == .finished(configHash: "h"))
    let weights = store.layout.weightsURL(trial: "t")
    try Data([200, 0, 0, 0, 0, 0, 0, 0]).write(to: weights)  // a header longer than the file
    #expect(try store.state(ofTrial: "t") == .incomplete)
    try FileManager.default.removeItem(at: weights)
    #expect(try store.state(ofTrial: "t") == .incomplete)
    let decision = try ResumePlanner.plan([Key(id: "t", configHash: "h")], store: store, force: false)
    #expect(decision.toRun == [0] && decision.interrupted == ["t"])
  }

  private func startOnly(_ id: String, in store: ResultsStore) throws {
    let folder = try store.folder(forTrial: id)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data("step,split,metric,value\n0,train,loss,0.5\n".utf8).write(to: folder.appendingPathComponent("metrics.csv"))
  }

  @Test func skipsDoneTrialsAndRerunsInterruptedOnes() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let store = ResultsStore(root: folder.url)
    let keys = ["a", "b", "c", "d"].map { Key(id: "adding-T10-\($0)-s1", configHash: "hash-\($0)") }
    try finish(keys[0].id, hash: "hash-a", in: store)
    try startOnly(keys[2].id, in: store)
    try finish(keys[3].id, hash: "hash-d", in: store)

    let decision = try ResumePlanner.plan(keys, store: store, force: false)
    #expect(decision.alreadyDone == [0, 3])
    #expect(decision.toRun == [1, 2])
    #expect(decision.interrupted == [keys[2].id])
    #expect(decision.replaced.isEmpty)

    try ResumePlanner.clearFolders(for: decision, store: store)
    #expect(try store.state(ofTrial: keys[2].id) == .absent)
    #expect(try store.state(ofTrial: keys[0].id) == .finished(configHash: "hash-a"))
  }

  @Test func aChangedConfigurationIsAnErrorNamingTheTrial() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let store = ResultsStore(root: folder.url)
    let keys = [Key(id: "copy-T5-gru-s1", configHash: "new1"), Key(id: "copy-T5-gru-s2", configHash: "new2")]
    try finish(keys[0].id, hash: "old1", in: store)
    try finish(keys[1].id, hash: "old2", in: store)
    #expect {
      try ResumePlanner.plan(keys, store: store, force: false)
    } throws: { error in
      "\(error)" == "\(folder.url.path)/trials/copy-T5-gru-s1/summary.json: error: trial 'copy-T5-gru-s1' "
        + "was run with a different configuration (config hash old1; the spec now gives new1) "
        + "(and 1 more trial like it); use --force to re-run, or --out to write to another folder"
    }
    #expect(try store.state(ofTrial: keys[0].id) == .finished(configHash: "old1"), "nothing removed")
  }

  @Test func forceReplacesChangedTrials() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let store = ResultsStore(root: folder.url)
    let keys = [Key(id: "x-T5-rnn-s1", configHash: "new"), Key(id: "x-T5-rnn-s2", configHash: "same")]
    try finish(keys[0].id, hash: "old", in: store)
    try finish(keys[1].id, hash: "same", in: store)
    let decision = try ResumePlanner.plan(keys, store: store, force: true)
    #expect(decision.toRun == [0])
    #expect(decision.alreadyDone == [1])
    #expect(decision.replaced == [keys[0].id])
    try ResumePlanner.clearFolders(for: decision, store: store)
    #expect(try store.state(ofTrial: keys[0].id) == .absent)
  }

  @Test func anUnreadableSummaryNeedsForce() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let store = ResultsStore(root: folder.url)
    try finish("t", hash: nil, in: store)
    #expect {
      try ResumePlanner.plan([Key(id: "t", configHash: "h")], store: store, force: false)
    } throws: { error in
      "\(error)".contains("trial 't' has a summary.json without a readable config_hash; use --force")
    }
    #expect(try ResumePlanner.plan([Key(id: "t", configHash: "h")], store: store, force: true).replaced == ["t"])
  }
}
