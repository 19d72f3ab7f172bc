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

/// Prompt stops: a signal sent while a trial is in a long evaluation, a
/// gradient-flow probe or a long training step ends the run within a few
/// seconds (before the polls, each phase ran to its end first: 48–295 s on a
/// large evaluation), and the resumed trial is bit-identical to an
/// uninterrupted one. The first checkpoint marks where the trial stands: it
/// appears just before the phases of the step it was taken before.
extension RunCommandEndToEndTests {
  /// Each phase takes several seconds here (debug build), far longer than the bound.
  static let slowPhases = [
    // step 1: evaluation of 2 × 3000 sequences, in batches of 8
    ("evaluation", SIGTERM, """
      tasks: [{kind: adding, seq_len: [100]}]
      models: [{name: m, cell: lstm, hidden: 16}]
      training: {steps: 2, batch_size: 8, eval_every: 1, eval_size: 3000, checkpoint_every: 1}
      """),
    // step 1: a short evaluation (recorded only with the probe), then the
    // float32 and the float64 probe over 1500 timesteps
    ("probe", SIGTERM, """
      tasks: [{kind: adding, seq_len: [1500]}]
      models: [{name: m, cell: lstm, hidden: 32}]
      training: {steps: 2, batch_size: 16, eval_every: 1, eval_size: 16, flow_every: 1, checkpoint_every: 1}
      """),
    // step 1: one training step over 64 sequences of 1500 timesteps
    ("training step", SIGUSR1, """
      tasks: [{kind: adding, seq_len: [1500]}]
      models: [{name: m, cell: lstm, hidden: 32}]
      training: {steps: 2, batch_size: 64, eval_every: 100, eval_size: 4, checkpoint_every: 1}
      """),
    // Checkpoint before step 2; step 2 is short (no probe), then step 3's
    // short evaluation and long probe: stopped there, the checkpoint written
    // at the stop (before step 3) must not hold step 3's evaluation already.
    ("probe after a checkpoint two steps back", SIGTERM, """
      tasks: [{kind: adding, seq_len: [1500]}]
      models: [{name: m, cell: lstm, hidden: 32}]
      training: {steps: 5, batch_size: 16, eval_every: 1, eval_size: 16, flow_every: 3, checkpoint_every: 2}
      """),
  ]

  @Test(arguments: slowPhases.indices) func aStopDuringALongPhaseEndsTheRunWithinSecondsAndResumesBitIdentical(
    phase: Int
  ) throws {
    let (name, signal, body) = Self.slowPhases[phase]
    let spec = try RunnerProcess.temporarySpec("name: slow\nseeds: [1]\n" + body)
    let out = Scratch(), reference = Scratch()
    defer { out.remove(); reference.remove() }
    let checkpoint = "\(out.path)/trials/adding-T\(name == "evaluation" ? 100 : 1500)-m-s1/checkpoint.bin"
    let running = try BackgroundRunner([spec, "--out", out.path, "--jobs", "1"])
    #expect(waitUntil(seconds: 300) { FileManager.default.fileExists(atPath: checkpoint) }, "\(name)")
    usleep(name.hasSuffix("two steps back") ? 3_500_000 : 1_500_000)  // well inside the phase
    let sent = Date()
    running.kill(signal)
    let ending = try running.wait()
    let seconds = Date().timeIntervalSince(sent)
    #expect(!ending.signaled && ending.status == 130, "\(name): \(ending.stderr)")
    #expect(seconds < 4, "\(name): the run took \(seconds) s to stop")
    #expect(try TrialFiles.finishedCount(out.path) == 0, "\(name)")

    let resumed = try RunnerProcess.run([spec, "--out", out.path, "--jobs", "1"])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stderr.contains("resuming from its checkpoint at step "), "\(name): \(resumed.stderr)")
    #expect(try RunnerProcess.run([spec, "--out", reference.path, "--jobs", "1", "--quiet"]).status == 0)
    #expect(try TrialFiles(out.path) == (try TrialFiles(reference.path)), "\(name)")
  }
}
