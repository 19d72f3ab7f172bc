import Foundation
import RNNLabTestSupport
import Testing

/// Mid-trial checkpoints through the built binary: a trial killed with
/// SIGKILL or stopped with SIGTERM resumes from its last checkpoint and ends
/// bit-identical to an uninterrupted run. Part of the serialized run suite.
extension RunCommandEndToEndTests {
  /// One trial of about 2 s, checkpointed every 20
  /// steps; it keeps its best-validation parameters and follows a warm-up and
  /// cosine schedule, so a checkpoint must carry the kept state too.
  static let long = """
    name: long
    seeds: [1]
    tasks: [{kind: adding, seq_len: [20]}]
    models: [{name: lstm, cell: lstm, hidden: 8}]
    training: {steps: 400, batch_size: 8, eval_every: 40, eval_size: 16, flow_every: 60, checkpoint_every: 20,
               keep: best_val, val_size: 12, lr_schedule: cosine, warmup_steps: 30}
    """

  static func hasCheckpoint(_ folder: String) -> Bool {
    FileManager.default.fileExists(atPath: "\(folder)/trials/adding-T20-lstm-s1/checkpoint.bin")
  }

  @Test(arguments: [SIGKILL, SIGTERM]) func aStoppedTrialResumesFromItsCheckpointBitIdentical(signal: Int32) throws {
    let spec = try RunnerProcess.temporarySpec(Self.long), out = Scratch(), reference = Scratch()
    defer { out.remove(); reference.remove() }
    #expect(try RunnerProcess.run([spec, "--out", reference.path, "--quiet"]).status == 0)
    let expected = try TrialFiles(reference.path)
    #expect(expected.files.keys.allSatisfy { !$0.hasSuffix("checkpoint.bin") }, "a finished trial keeps no checkpoint")

    let running = try BackgroundRunner([spec, "--out", out.path, "--jobs", "1"])
    #expect(waitUntil(seconds: 60) { Self.hasCheckpoint(out.path) })
    usleep(50_000)  // somewhere between two checkpoints
    running.kill(signal)
    let ending = try running.wait()
    #expect(signal == SIGKILL ? ending.signaled : !ending.signaled && ending.status == 130)
    #expect(try TrialFiles.finishedCount(out.path) == 0, "stopped mid-trial")

    let resumed = try RunnerProcess.run([spec, "--out", out.path, "--jobs", "1"])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    let note = try #require(resumed.stderr.split(separator: "\n").first { $0.contains("resuming from its checkpoint at step ") })
    let step = try #require(Int(note.split(separator: " ").last!))
    #expect(step > 0 && step < 400)
    if signal == SIGKILL { #expect(step % 20 == 0) }  // SIGTERM checkpoints at the step it stopped at
    #expect(try TrialFiles(out.path) == expected)
    #expect(temporaryFiles(under: out.path) == [])
  }

  @Test func checkpointEveryChangesNoConfigHashAndAnUnusableCheckpointIsIgnored() throws {
    let spec = try RunnerProcess.temporarySpec(Self.long)
    let plain = try RunnerProcess.temporarySpec(Self.long.replacingOccurrences(of: ", checkpoint_every: 20", with: ""))
    let hashes = try [[spec], [plain], [spec, "--set", "training.checkpoint_every=3"]].map {
      try RunnerProcess.run(["plan", "--format", "csv"] + $0).stdout.split(separator: "\n")[1].split(separator: ",")[11]
    }
    #expect(Set(hashes).count == 1, "\(hashes)")

    let out = Scratch(), reference = Scratch()
    defer { out.remove(); reference.remove() }
    let short = ["--set", "training.steps=40"]
    #expect(try RunnerProcess.run([plain, "--out", reference.path, "--quiet"] + short).status == 0)
    let folder = "\(out.path)/trials/adding-T20-lstm-s1"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try Data("RNNLAB-CHECKPOINT-2\ngarbage".utf8).write(to: URL(fileURLWithPath: "\(folder)/checkpoint.bin"))
    let run = try RunnerProcess.run([spec, "--out", out.path] + short)
    #expect(run.status == 0)
    #expect(run.stderr.contains(
      "adding-T20-lstm-s1: ignoring its checkpoint (not a checkpoint of this runner's format, or cut short), starting from step 0"))
    #expect(try TrialFiles(out.path) == (try TrialFiles(reference.path)))
  }
}
