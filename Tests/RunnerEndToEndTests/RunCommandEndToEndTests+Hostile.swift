import Foundation
import RNNLabTestSupport
import Testing

/// The hostile pass of issue 14, through the built binary: size bombs, reports
/// that could be silently wrong, writes that could escape the results folder.
/// Part of the serialized run suite.
extension RunCommandEndToEndTests {
  /// Two tiny trials that train in well under a second.
  static let pair = """
    name: pair
    seeds: [1, 2]
    tasks: [{kind: adding, seq_len: [5]}]
    models: [{name: small, cell: rnn, hidden: 4}]
    training: {steps: 10, batch_size: 4, eval_every: 5, eval_size: 8}
    """

  @Test func trialsOverTheMemoryLimitAreRefusedBeforeAnythingIsWritten() throws {
    let out = Scratch()
    defer { out.remove() }
    // At the documented maxima: one oversized model among small ones.
    let bomb = Self.pair.replacingOccurrences(
      of: "hidden: 4}]", with: "hidden: 4}, {name: huge, cell: lstm, hidden: 8192, layers: 64}]")
    let spec = try RunnerProcess.temporarySpec(bomb)
    #expect(try RunnerProcess.run(["validate", spec]).status == 0)
    let refused = try RunnerProcess.run([spec, "--out", out.path])
    #expect(refused.status == 2)
    let line = try #require(refused.stderr.split(separator: "\n").first.map(String.init))
    #expect(refused.stderr == line + "\n")
    #expect(line.hasPrefix("adding-T5-huge-s1: error: needs an estimated "))
    #expect(line.contains("iB of memory, over the limit of ") && line.contains("(and 1 more trial)"))
    #expect(!FileManager.default.fileExists(atPath: "\(out.path)/trials"))
    #expect(!FileManager.default.fileExists(atPath: "\(out.path)/spec.yaml"))

    // Long sequences or big batches with an explicit limit; plan shows the estimates.
    let long = try RunnerProcess.temporarySpec(
      Self.pair.replacingOccurrences(of: "seq_len: [5]", with: "seq_len: [1000000]"))
    let limited = try RunnerProcess.run([long, "--out", out.path, "--memory-limit", "256M"])
    #expect(limited.status == 2)
    #expect(limited.stderr.hasPrefix("adding-T1000000-small-s1: error: needs an estimated "))
    #expect(limited.stderr.contains("over the limit of 256 MiB (and 1 more trial)"))
    let plan = try RunnerProcess.run(["plan", long, "--format", "csv"])
    let row = plan.stdout.split(separator: "\n")[1].split(separator: ",")
    #expect(plan.stdout.hasPrefix("index,trial_id,") && plan.stdout.split(separator: "\n")[0].hasSuffix(",memory"))
    #expect(try #require(Double(String(row.last!))) > 256 * 1_048_576.0)
    let bad = try RunnerProcess.run([long, "--memory-limit", "lots"])
    #expect(bad.status == 2 && bad.stderr == "--memory-limit: error: expected a size above 0 such as 8G or 512M (K, M, G, T), got 'lots'\n")
    // Under the limit, the small spec runs.
    let small = try RunnerProcess.run([try RunnerProcess.temporarySpec(Self.pair), "--out", out.path, "--memory-limit", "1G", "--quiet"])
    #expect(small.status == 0, "\(small.stderr)")
  }

  @Test func aResumeOfAFolderWithDivergedTrialsStillExitsOne() throws {
    let wild = """
      name: wild
      seeds: [1]
      tasks: [{kind: adding, seq_len: [6]}]
      models:
        - {name: calm, cell: lstm, hidden: 4}
        - {name: wild, cell: rnn, hidden: 4, training: {learning_rate: 100.0, optimizer: sgd, clip_norm: null}}
      training: {steps: 20, batch_size: 4, eval_every: 5, eval_size: 8}
      """
    let spec = try RunnerProcess.temporarySpec(wild), out = Scratch()
    defer { out.remove() }
    #expect(try RunnerProcess.run([spec, "--out", out.path, "--quiet"]).status == 1)
    let again = try RunnerProcess.run([spec, "--out", out.path])
    #expect(again.status == 1)
    #expect(again.stdout.contains("2 trials: 2 already done (1 of them diverged or failed) ("))
  }

  @Test func aTrialWithoutReadableWeightsIsNotDone() throws {
    let spec = try RunnerProcess.temporarySpec(Self.pair), out = Scratch(), reference = Scratch()
    defer { out.remove(); reference.remove() }
    #expect(try RunnerProcess.run([spec, "--out", reference.path, "--quiet"]).status == 0)
    #expect(try RunnerProcess.run([spec, "--out", out.path, "--quiet"]).status == 0)
    let weights = "\(out.path)/trials/adding-T5-small-s2/weights.safetensors"
    try FileManager.default.removeItem(atPath: weights)
    let plan = try RunnerProcess.run(["plan", spec, "--out", out.path])
    #expect(plan.stdout.contains("adding-T5-small-s2") && plan.stdout.contains("incomplete\n"))
    #expect(plan.stdout.hasSuffix(": 1 done, 1 incomplete\n"))
    let verify = try RunnerProcess.run(["verify", spec, "--against", out.path, "--quiet"])
    #expect(verify.status == 1)
    #expect(verify.stdout.contains("weights.safetensors"), "\(verify.stdout)")
    // A truncated file is no better than a missing one.
    try Data([1, 2, 3]).write(to: URL(fileURLWithPath: weights))
    #expect(try RunnerProcess.run(["plan", spec, "--out", out.path]).stdout.contains("incomplete\n"))
    let run = try RunnerProcess.run([spec, "--out", out.path])
    #expect(run.status == 0)
    #expect(run.stderr.contains("1 already done; 1 interrupted, restarting; running 1 on 1 job"))
    #expect(try TrialFiles(out.path) == (try TrialFiles(reference.path)))
    #expect(try RunnerProcess.run(["verify", spec, "--against", out.path, "--quiet"]).status == 0)
  }

  @Test func reportCompareAndVerifyWaitForNoRunnerAndSayWhoHoldsTheFolder() throws {
    let spec = try RunnerProcess.temporarySpec(Self.slow), out = Scratch()
    defer { out.remove() }
    #expect(try RunnerProcess.run([try RunnerProcess.temporarySpec(Self.pair), "--out", out.path, "--quiet"]).status == 0)
    let running = try BackgroundRunner([spec, "--out", out.path, "--jobs", "1", "--quiet"])
    #expect(waitUntil(seconds: 20) {
      (try? String(contentsOfFile: "\(out.path)/.lock", encoding: .utf8))?.contains("\"pid\":\(running.pid)") == true
    })
    for command in [["report", out.path], ["compare", out.path, out.path]] {
      let refused = try RunnerProcess.run(command)
      #expect(refused.status == 2, "\(command)")
      #expect(refused.stderr.hasPrefix("\(out.path): error: this results folder is in use by another runner (pid \(running.pid) on "))
      #expect(refused.stderr.split(separator: "\n").count == 1)
    }
    running.kill(SIGKILL)
    _ = try running.wait()
    #expect(try RunnerProcess.run(["compare", out.path, out.path]).status == 0)
  }

  @Test func aFolderMixingSpecVersionsIsReportedByItsLastSpecOrRefused() throws {
    let spec = try RunnerProcess.temporarySpec(Self.pair), out = Scratch(), other = Scratch()
    defer { out.remove(); other.remove() }
    #expect(try RunnerProcess.run([spec, "--out", out.path, "--quiet"]).status == 0)
    // A second run with other settings and seeds into the same folder.
    let second = try RunnerProcess.run(
      [spec, "--out", out.path, "--set", "training.steps=20", "--set", "seeds=[3]"])
    #expect(second.status == 0)
    let warning = "\(out.path): warning: 2 trials (adding-T5-small-s1, …) not in the folder's spec.yaml (an earlier spec version) left out of the report; `runner report --prune` deletes them\n"
    #expect(second.stderr.contains(warning))
    let report = try String(contentsOfFile: "\(out.path)/report.md", encoding: .utf8)
    #expect(report.contains("1 trials (1 task, 1 model, seeds 3): 1 done."))
    #expect(try String(contentsOfFile: "\(out.path)/summary.csv", encoding: .utf8).split(separator: "\n").count == 2)
    let rebuilt = try RunnerProcess.run(["report", out.path])
    #expect(rebuilt.status == 0 && rebuilt.stderr == warning)
    let pruned = try RunnerProcess.run(["report", out.path, "--prune"])
    #expect(pruned.status == 0)
    #expect(pruned.stderr.contains("warning: deleted 2 trials"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: "\(out.path)/trials") == ["adding-T5-small-s3"])

    // One trial id with two configurations (a folder copied in by hand) is refused.
    #expect(try RunnerProcess.run([spec, "--out", other.path, "--set", "seeds=[3]", "--quiet"]).status == 0)
    try FileManager.default.removeItem(atPath: "\(out.path)/trials/adding-T5-small-s3")
    try FileManager.default.copyItem(atPath: "\(other.path)/trials/adding-T5-small-s3", toPath: "\(out.path)/trials/adding-T5-small-s3")
    let mixed = try RunnerProcess.run(["report", out.path])
    #expect(mixed.status == 2)
    #expect(mixed.stderr.hasPrefix("\(out.path)/trials/adding-T5-small-s3/summary.json: error: trial 'adding-T5-small-s3' was run with config hash "))
    #expect(mixed.stderr.contains("the folder mixes two configurations of one trial"))
  }
}
