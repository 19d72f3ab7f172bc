import Foundation
import RNNLabTestSupport
import Testing

/// A checkpoint damaged on disk is ignored with one warning, and the trial
/// trains again from step 0 to the same bits (before, one changed byte at
/// offset 70 resumed "from step 9750" and finished with other weights).
extension RunCommandEndToEndTests {
  @Test(arguments: [70, -30]) func aDamagedCheckpointIsIgnoredAndTheTrialRestartsBitIdentical(offset: Int) throws {
    let spec = try RunnerProcess.temporarySpec(Self.long), out = Scratch(), reference = Scratch()
    defer { out.remove(); reference.remove() }
    #expect(try RunnerProcess.run([spec, "--out", reference.path, "--quiet"]).status == 0)
    let running = try BackgroundRunner([spec, "--out", out.path, "--jobs", "1"])
    #expect(waitUntil(seconds: 60) { Self.hasCheckpoint(out.path) })
    running.kill(SIGKILL)
    _ = try running.wait()
    let url = URL(fileURLWithPath: "\(out.path)/trials/adding-T20-lstm-s1/checkpoint.bin")
    var bytes = [UInt8](try Data(contentsOf: url))
    bytes[offset >= 0 ? offset : bytes.count + offset] ^= 0x10
    try Data(bytes).write(to: url)

    let resumed = try RunnerProcess.run([spec, "--out", out.path, "--jobs", "1"])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    let warnings = resumed.stderr.split(separator: "\n").filter { $0.contains("ignoring its checkpoint") }
    #expect(warnings == [
      "adding-T20-lstm-s1: ignoring its checkpoint (its checksum does not match its contents), starting from step 0"
    ], "\(resumed.stderr)")
    #expect(!resumed.stderr.contains("resuming from its checkpoint"))
    #expect(try TrialFiles(out.path) == (try TrialFiles(reference.path)))
  }
}
