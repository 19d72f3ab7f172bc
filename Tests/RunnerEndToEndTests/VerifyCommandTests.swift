import Foundation
import Testing

/// `runner verify` through the built binary: a fresh run verifies (exit 0),
/// a tampered value does not (exit 1, the trial and value named), bad input exits 2.
@Suite(.serialized) struct VerifyCommandTests {
  static let spec = """
    name: tiny
    seeds: [1, 2]
    tasks: [{kind: adding, seq_len: [5, 8]}]
    models: [{name: rnn, cell: rnn, hidden: 6}, {name: lstm, cell: lstm, hidden: 6}]
    training: {steps: 10, batch_size: 4, learning_rate: 0.01, eval_every: 5, eval_size: 8}
    """

  @Test func aFreshRunVerifiesAndATamperedValueDoesNot() throws {
    let spec = try RunnerProcess.temporarySpec(Self.spec)
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("runner-e2e-verify-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: out) }
    #expect(try RunnerProcess.run([spec, "--out", out, "--quiet"]).status == 0)

    let ok = try RunnerProcess.run(["verify", spec, "--against", out, "--quiet"])
    #expect(ok.status == 0)
    let lines = ok.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("verify: same platform as the committed results (") == true)
    #expect(lines.first?.hasSuffix("); every value must be bit-identical") == true)
    #expect(lines[1].split(separator: " ", omittingEmptySubsequences: true)
      == ["trial", "summary.json", "metrics.csv", "gradient_flow.csv", "weights.safetensors", "result"])
    #expect(lines.count == 2 + 8 + 1)
    #expect(lines.dropFirst(2).prefix(8).allSatisfy { Self.words($0).suffix(5) == ["same", "same", "same", "same", "match"] })
    #expect(lines.last == "8 trials: 8 matched (bit-identical)")
    #expect(ok.stderr == "")
    let sample = try RunnerProcess.run(["verify", spec, "--against", out, "--quiet", "--sample", "2"])
    #expect(sample.status == 0)
    #expect(sample.stdout.contains("\nverify: sample of 2 of 8 trials (smallest id hashes)\n"))
    #expect(sample.stdout.hasSuffix("2 trials: 2 matched (bit-identical)\n"))

    // Change one evaluation loss in one trial's metrics.csv.
    let metrics = "\(out)/trials/adding-T8-lstm-s2/metrics.csv"
    var rows = try String(contentsOfFile: metrics, encoding: .utf8).split(separator: "\n").map(String.init)
    let index = try #require(rows.firstIndex { $0.hasPrefix("5,eval,loss,") })
    let value = try #require(Double(rows[index].split(separator: ",")[3]))
    rows[index] = "5,eval,loss,\(value + 0.5)"
    try (rows.joined(separator: "\n") + "\n").write(toFile: metrics, atomically: true, encoding: .utf8)

    let bad = try RunnerProcess.run(["verify", spec, "--against", out, "--quiet"])
    #expect(bad.status == 1)
    let mismatch = try #require(bad.stdout.split(separator: "\n").first { $0.hasPrefix("adding-T8-lstm-s2 ") })
    #expect(Self.words(mismatch).joined(separator: " ") == "adding-T8-lstm-s2 same differs same same MISMATCH: metrics.csv line \(index + 1) [step=5 split=eval metric=loss] value: committed \(value + 0.5), re-run \(value)")
    #expect(bad.stdout.hasSuffix("8 trials: 7 matched, 1 mismatched (bit-identical)\n"))

    // Within a loose enough tolerance the change passes.
    let loose = try RunnerProcess.run(["verify", spec, "--against", out, "--quiet", "--mode", "tolerance", "--tolerance", "10"])
    #expect(loose.status == 0)
    #expect(loose.stdout.hasPrefix("verify: mode forced by --mode; every value must be within relative tolerance 10.0\n"))
  }

  /// The words of a table row (columns are padded with spaces).
  static func words(_ line: some StringProtocol) -> [String] {
    String(line).split(separator: " ").map(String.init)
  }

  /// The build under test (a debug build, its engine optimised) reproduces
  /// the committed smoke results bit for bit, as the release build must.
  #if arch(x86_64)
    @Test func theCommittedSmokeResultsAreReproducedBitForBit() throws {
      let committed = try Scratch.copyOfCommittedResults("smoke")
      defer { committed.remove() }
      let result = try RunnerProcess.run(["verify", "experiments/smoke.yaml", "--against", committed.path, "--quiet"])
      #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
      #expect(result.stdout.hasSuffix("\n8 trials: 8 matched (bit-identical)\n"))
    }
  #endif

  @Test func badInputExits2() throws {
    let spec = try RunnerProcess.temporarySpec(Self.spec)
    let missing = try RunnerProcess.run(["verify", spec, "--against", "/nonexistent/results"])
    #expect(missing.status == 2)
    #expect(missing.stderr == "/nonexistent/results: error: not a results folder (no manifest.json)\n")
    let noFlag = try RunnerProcess.run(["verify", spec])
    #expect(noFlag.status == 2)
    let badSample = try RunnerProcess.run(["verify", spec, "--against", "/tmp", "--sample", "0"])
    #expect(badSample.status == 2)
    #expect(badSample.stderr == "--sample: error: must be at least 1, got 0\n")
    let badSpec = try RunnerProcess.run(["verify", "experiments/nope.yaml", "--against", "/tmp"])
    #expect(badSpec.status == 2)
  }
}
