import Foundation
import RNNLabTestSupport
import Testing

/// The hostile pass of issue 14, continued: writes outside the results folder
/// and the smaller problems, each through the built binary.
extension RunCommandEndToEndTests {
  @Test func lockFilesThatAreSymbolicLinksAreRefusedAndTheirTargetsUntouched() throws {
    let spec = try RunnerProcess.temporarySpec(Self.pair), out = Scratch(), victim = Scratch()
    defer { out.remove(); victim.remove() }
    try "precious\n".write(toFile: victim.path, atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(atPath: out.path, withIntermediateDirectories: true)
    for (name, flags) in [(".lock", [String]()), (".lock-shard-0-of-2", ["--shard", "0/2"])] {
      try? FileManager.default.removeItem(atPath: "\(out.path)/.lock")
      try FileManager.default.createSymbolicLink(atPath: "\(out.path)/\(name)", withDestinationPath: victim.path)
      let result = try RunnerProcess.run([spec, "--out", out.path] + flags)
      #expect(result.status == 2)
      #expect(result.stderr == "\(out.path)/\(name): error: the lock file is a symbolic link; refusing to follow it (remove it)\n")
      #expect(try String(contentsOfFile: victim.path, encoding: .utf8) == "precious\n")
      for command in [["report", out.path], ["compare", out.path, out.path]] where name == ".lock" {
        #expect(try RunnerProcess.run(command).status == 2)
      }
    }
  }

  @Test func runNeverReplacesTheSpecItWasGiven() throws {
    let out = Scratch()
    defer { out.remove() }
    try FileManager.default.createDirectory(atPath: out.path, withIntermediateDirectories: true)
    let mine = "# my notes\n" + Self.pair + "\n"
    try mine.write(toFile: "\(out.path)/spec.yaml", atomically: true, encoding: .utf8)
    let refused = try RunnerProcess.run(["\(out.path)/spec.yaml", "--out", out.path])
    #expect(refused.status == 2)
    #expect(refused.stderr.hasPrefix("\(out.path)/spec.yaml: error: the spec is the results folder's own spec.yaml"))
    #expect(try String(contentsOfFile: "\(out.path)/spec.yaml", encoding: .utf8) == mine)
    // The resolved spec a run wrote is the same text, so resuming from it is fine.
    let elsewhere = Scratch()
    defer { elsewhere.remove() }
    #expect(try RunnerProcess.run([try RunnerProcess.temporarySpec(Self.pair), "--out", elsewhere.path, "--quiet"]).status == 0)
    let resolved = try String(contentsOfFile: "\(elsewhere.path)/spec.yaml", encoding: .utf8)
    let resumed = try RunnerProcess.run(["\(elsewhere.path)/spec.yaml", "--out", elsewhere.path, "--quiet"])
    #expect(resumed.status == 0)
    #expect(try String(contentsOfFile: "\(elsewhere.path)/spec.yaml", encoding: .utf8) == resolved)
  }

  @Test func emitOutputRefusesToReplaceAFileWithoutForce() throws {
    let spec = try RunnerProcess.temporarySpec(Self.pair)
    let before = try String(contentsOfFile: spec, encoding: .utf8)
    for kind in [["slurm"], ["k8s", "--image", "rnnlab:1"]] {
      let refused = try RunnerProcess.run(["emit"] + kind + [spec, "--output", spec])
      #expect(refused.status == 2)
      #expect(refused.stderr == "\(spec): error: already exists; use --force to replace it\n")
      #expect(try String(contentsOfFile: spec, encoding: .utf8) == before)
    }
    let job = (spec as NSString).deletingLastPathComponent + "/job.sbatch"
    try "old".write(toFile: job, atomically: true, encoding: .utf8)
    #expect(try RunnerProcess.run(["emit", "slurm", spec, "--output", job, "--force"]).status == 0)
    #expect(try String(contentsOfFile: job, encoding: .utf8).hasPrefix("#!"))
  }

  @Test func anEmptyShardIntoANewFolderLeavesAResultsFolder() throws {
    let spec = try RunnerProcess.temporarySpec(Self.pair), out = Scratch()
    defer { out.remove() }
    let result = try RunnerProcess.run([spec, "--out", out.path, "--shard", "5/8"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("0 trials: nothing to do"))
    #expect(try RunnerProcess.run(["report", out.path]).status == 0)
  }

  @Test func garbageInATrialFileIsBadInputForRunAndReportAlike() throws {
    let spec = try RunnerProcess.temporarySpec(Self.pair), out = Scratch()
    defer { out.remove() }
    #expect(try RunnerProcess.run([spec, "--out", out.path, "--quiet"]).status == 0)
    let metrics = "\(out.path)/trials/adding-T5-small-s1/metrics.csv"
    try "step,split\nnot,a,metrics,file\n".write(toFile: metrics, atomically: true, encoding: .utf8)
    let run = try RunnerProcess.run([spec, "--out", out.path, "--quiet"])
    let report = try RunnerProcess.run(["report", out.path])
    #expect(run.status == 2 && report.status == 2)
    #expect(run.stderr.hasPrefix(metrics) && report.stderr.hasPrefix(metrics))
    #expect(run.stderr.split(separator: "\n").count == 1)
  }

  @Test func smallMistakesGetOneClearLine() throws {
    let spec = try RunnerProcess.temporarySpec(Self.pair)
    let folder = (spec as NSString).deletingLastPathComponent
    try "".write(toFile: "\(folder)/afile", atomically: true, encoding: .utf8)
    let sub = try RunnerProcess.run([spec, "--out", "\(folder)/afile/sub"])
    #expect(sub.status == 2)
    #expect(sub.stderr == "\(folder)/afile/sub: error: cannot create the results folder: '\(folder)/afile' is not a folder\n")
    let jobs = try RunnerProcess.run([spec, "--jobs", "-1"])
    #expect(jobs.status == 2 && jobs.stderr == "--jobs: error: must be at least 1, got -1\n")
    let typo = try RunnerProcess.run(["vaildate", spec])
    #expect(typo.status == 2)
    #expect(typo.stderr == "runner: error: unknown command 'vaildate'; did you mean 'validate'? (see 'runner help')\n")
    let hiden = try RunnerProcess.temporarySpec(Self.pair.replacingOccurrences(of: "hidden: 4", with: "hiden: 4"))
    let validate = try RunnerProcess.run(["validate", hiden])
    #expect(validate.status == 2)
    #expect(validate.stderr == "\(hiden):4:35: error: unknown key 'hiden' (did you mean 'hidden'?)\n")
  }

  @Test func aDescriptionWithQuotesAndNewlinesReachesTheReportIntact() throws {
    let spec = try RunnerProcess.temporarySpec(
      Self.pair.replacingOccurrences(of: "name: pair\n", with: "name: pair\ndescription: \"He said \\\"hi\\\" \\\\o/\\nand left\"\n"))
    let out = Scratch()
    defer { out.remove() }
    #expect(try RunnerProcess.run([spec, "--out", out.path, "--quiet"]).status == 0)
    let report = try String(contentsOfFile: "\(out.path)/report.md", encoding: .utf8)
    #expect(report.hasPrefix("# pair\n\nHe said \"hi\" \\o/\nand left\n\n"))
  }

  @Test func theManifestRecordsTheCommitTheRunnerWasBuiltFrom() throws {
    let head = try RunnerProcess.execute(
      URL(fileURLWithPath: "/usr/bin/git"), ["-C", RunnerProcess.packageRoot.path, "rev-parse", "HEAD"])
    try #require(head.status == 0)
    // Run from inside another git repository: its HEAD must not be recorded.
    let other = Scratch()
    defer { other.remove() }
    try FileManager.default.createDirectory(atPath: other.path, withIntermediateDirectories: true)
    let git = ["-C", other.path, "-c", "user.name=t", "-c", "user.email=t@t"]
    _ = try RunnerProcess.execute(URL(fileURLWithPath: "/usr/bin/git"), ["init", "-q", other.path])
    _ = try RunnerProcess.execute(URL(fileURLWithPath: "/usr/bin/git"), git + ["commit", "-q", "--allow-empty", "-m", "x"])
    let spec = try RunnerProcess.temporarySpec(Self.pair)
    let result = try RunnerProcess.execute(
      URL(fileURLWithPath: "/bin/sh"),
      ["-c", "cd \"$1\" && exec \"$2\" \"$3\" --out out --quiet", "sh", other.path, RunnerProcess.executable.path, spec])
    #expect(result.status == 0, "\(result.stderr)")
    let manifest = try String(contentsOfFile: "\(other.path)/out/manifest.json", encoding: .utf8)
    #expect(manifest.contains("\"git_commit\" : \"\(head.stdout.trimmingCharacters(in: .whitespacesAndNewlines))"))
  }

  @Test func sigtermAtTheStartOrDuringTheReportEndsWith130() throws {
    let spec = try RunnerProcess.temporarySpec(Self.pair), out = Scratch()
    defer { out.remove() }
    // As soon as the process catches SIGTERM at all (main's first act), long
    // before it has read the spec or taken the lock.
    let early = try BackgroundRunner([spec, "--out", out.path])
    #expect(waitUntil(seconds: 10) { Self.catchesSIGTERM(pid: early.pid) })
    early.kill(SIGTERM)
    let ending = try early.wait()
    #expect(!ending.signaled && ending.status == 130)
    #expect(!FileManager.default.fileExists(atPath: "\(out.path)/spec.yaml"), "caught before the run wrote anything")

    // Many flow rows make the report phase long enough to be caught in.
    let heavy = try RunnerProcess.temporarySpec(
      Self.pair.replacingOccurrences(of: "seq_len: [5]", with: "seq_len: [400]")
        .replacingOccurrences(of: "eval_size: 8}", with: "eval_size: 8, flow_every: 1}")
        .replacingOccurrences(of: "steps: 10", with: "steps: 60"))
    let heavyOut = Scratch()
    defer { heavyOut.remove() }
    let late = try BackgroundRunner([heavy, "--out", heavyOut.path])
    #expect(waitUntil(seconds: 60) { (try? TrialFiles.finishedCount(heavyOut.path)) == 2 })
    late.kill(SIGTERM)
    let lateEnding = try late.wait()
    #expect(!lateEnding.signaled && lateEnding.status == 130, "\(lateEnding.stdout)")
  }

  /// Whether process `pid` has a handler for SIGTERM (bit 15 of SigCgt in /proc).
  static func catchesSIGTERM(pid: Int32) -> Bool {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigCgt:") }),
      let mask = UInt64(line.dropFirst("SigCgt:".count).trimmingCharacters(in: .whitespaces), radix: 16)
    else { return false }
    return mask & (1 << (SIGTERM - 1)) != 0
  }
}
