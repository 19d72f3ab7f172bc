import Foundation
import RNNLabTestSupport
import Testing

/// The hostile pass of issue 26: a refused memory preflight writes nothing,
/// `--jobs` adds up the trials that run at once, and a stop is honoured
/// promptly in every phase of a trial. Part of the serialized run suite.
extension RunCommandEndToEndTests {
  @Test func aRefusedPreflightLeavesNoFolderAndNoLock() throws {
    let spec = try RunnerProcess.temporarySpec(Self.pair), parent = Scratch()
    defer { parent.remove() }
    let fresh = "\(parent.path)/fresh"
    let refused = try RunnerProcess.run([spec, "--out", fresh, "--memory-limit", "1M"])
    #expect(refused.status == 2)
    #expect(refused.stderr.hasPrefix("adding-T5-small-s1: error: needs an estimated "))
    #expect(refused.stderr.split(separator: "\n").count == 1)
    #expect(!FileManager.default.fileExists(atPath: parent.path), "nothing written, not even the parent folder")
    // An existing folder gets no `.lock` either.
    try FileManager.default.createDirectory(atPath: fresh, withIntermediateDirectories: true)
    #expect(try RunnerProcess.run([spec, "--out", fresh, "--memory-limit", "1M"]).status == 2)
    #expect(try FileManager.default.contentsOfDirectory(atPath: fresh) == [])
  }

  @Test func withJobsTheTrialsThatRunAtOnceMustFitTogether() throws {
    let spec = try RunnerProcess.temporarySpec(Self.pair), out = Scratch()
    defer { out.remove() }
    let plan = try RunnerProcess.run(["plan", spec, "--format", "csv"])
    let bytes = try plan.stdout.split(separator: "\n").dropFirst().map {
      try #require(UInt64(String($0.split(separator: ",").last!)))
    }
    #expect(bytes.count == 2)
    // Room for either trial alone, not for both (less one shared 32 MiB baseline).
    let limit = String(bytes.max()! + (bytes.min()! - (32 << 20)) / 2)
    let together = try RunnerProcess.run([spec, "--out", out.path, "--memory-limit", limit, "--jobs", "2"])
    #expect(together.status == 2)
    #expect(together.stderr.contains("error: with --jobs 2, 2 trials running at once"), "\(together.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out.path))
    let alone = try RunnerProcess.run([spec, "--out", out.path, "--memory-limit", limit, "--jobs", "1", "--quiet"])
    #expect(alone.status == 0, "\(alone.stderr)")
  }
}
