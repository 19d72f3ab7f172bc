import Foundation
import RNNLabTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The hostile pass of issue 26 (second pass), through the built binary:
/// negative numbers, huge malformed files, killed verifies, and readers
/// while a shard writes. `emit` has its own file (`+HostileEmit`).
extension RunCommandEndToEndTests {
  @Test func negativeNumbersGetTheirFlagAndRangeNotMissingValue() throws {
    let spec = try RunnerProcess.temporarySpec(Self.pair), out = Scratch()
    defer { out.remove() }
    let cases: [([String], String)] = [
      (["verify", spec, "--against", out.path, "--sample", "-1"], "--sample: error: must be at least 1, got -1"),
      (["verify", spec, "--against", out.path, "--jobs", "-2"], "--jobs: error: must be at least 1, got -2"),
      (
        ["verify", spec, "--against", out.path, "--tolerance", "-0.5"],
        "--tolerance: error: must be a finite number >= 0, got -0.5"
      ),
      (
        [spec, "--out", out.path, "--memory-limit", "-5"],
        "--memory-limit: error: expected a size above 0 such as 8G or 512M (K, M, G, T), got '-5'"
      ),
      ([spec, "--out", out.path, "--shards", "-3"], "--shards: error: must be at least 1, got -3"),
      (
        ["emit", "slurm", spec, "--shards", "-1"],
        "--shards: error: must be between 1 and the number of trials (2), got -1"
      ),
      (["emit", "slurm", spec, "--cpus", "-2"], "--cpus: error: must be at least 1, got -2"),
      (["emit", "slurm", spec, "--parallelism", "-3"], "--parallelism: error: must be at least 1, got -3"),
      (
        ["emit", "slurm", spec, "--mem", "-4G"],
        "--mem: error: expected a Slurm memory size like 2G or 500M, got '-4G'"
      ),
    ]
    for (arguments, message) in cases {
      let result = try RunnerProcess.run(arguments)
      #expect(result.status == 2, "\(arguments)")
      #expect(result.stderr == message + "\n", "\(arguments)")
    }
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test func aHugeMalformedCSVIsNotEchoedWhole() throws {
    let spec = try RunnerProcess.temporarySpec(Self.pair), out = Scratch()
    defer { out.remove() }
    #expect(try RunnerProcess.run([spec, "--out", out.path, "--quiet"]).status == 0)
    let metrics = "\(out.path)/trials/adding-T5-small-s1/metrics.csv"
    try (String(repeating: "h", count: 4_000_000) + "\n1,train,loss,1\n").write(
      toFile: metrics, atomically: true, encoding: .utf8)
    let report = try RunnerProcess.run(["report", out.path])
    #expect(report.status == 2)
    #expect(
      report.stderr == "\(metrics):1:1: error: expected the header 'step,split,metric,value', found '"
        + String(repeating: "h", count: 200) + "… (4000000 characters)'\n")
  }

  @Test func aKilledVerifysTemporaryFolderIsSweptByTheNextVerify() throws {
    let spec = try RunnerProcess.temporarySpec(Self.slow), out = Scratch(), temporary = Scratch()
    defer { out.remove(); temporary.remove() }
    let fm = FileManager.default
    try fm.createDirectory(atPath: temporary.path, withIntermediateDirectories: true)
    #expect(try RunnerProcess.run([spec, "--out", out.path, "--quiet"]).status == 0)
    let environment = RunnerProcess.environment(adding: ["TMPDIR": temporary.path])
    let verify = try ChildProcess(
      RunnerProcess.executable.path, ["verify", spec, "--against", out.path, "--quiet", "--jobs", "1"],
      environment: environment, directory: RunnerProcess.packageRoot.path)
    func verifyFolders() -> [String] {
      ((try? fm.contentsOfDirectory(atPath: temporary.path)) ?? []).filter { $0.hasPrefix("rnnlab-verify-") }.sorted()
    }
    #expect(waitUntil(seconds: 30) { fm.fileExists(atPath: "\(temporary.path)/\(verifyFolders().first ?? "-")/trials") })
    verify.signal(SIGKILL)
    _ = try verify.wait()
    let killed = verifyFolders()
    try #require(killed.count == 1 && killed[0].hasPrefix("rnnlab-verify-\(verify.pid)-"), "\(killed)")
    // The sweep leaves folders alone for a minute after their last change
    // (see VerificationScratch); this one is made to look older. A folder of a
    // live process (this test's) stays, however old.
    let live = "rnnlab-verify-\(getpid())-\(UUID().uuidString)"
    try fm.createDirectory(atPath: "\(temporary.path)/\(live)", withIntermediateDirectories: false)
    for name in killed + [live] {
      try fm.setAttributes([.modificationDate: Date().addingTimeInterval(-600)], ofItemAtPath: "\(temporary.path)/\(name)")
    }
    let next = try ChildProcess.run(
      RunnerProcess.executable.path, ["verify", spec, "--against", out.path, "--quiet", "--sample", "1"],
      environment: environment, directory: RunnerProcess.packageRoot.path)
    #expect(next.status == 0, "\(next.stderr)")
    #expect(verifyFolders() == [live])
  }

  @Test func compareAndVerifyAreRefusedWhileAShardWrites() throws {
    let pair = try RunnerProcess.temporarySpec(Self.pair), out = Scratch()
    defer { out.remove() }
    #expect(try RunnerProcess.run([pair, "--out", out.path, "--quiet"]).status == 0)
    // Long enough (2000 steps a trial) to be still running when the readers come.
    let shard = try BackgroundRunner([
      try RunnerProcess.temporarySpec(Self.slow), "--out", out.path, "--shard", "0/2", "--jobs", "1", "--quiet",
      "--set", "training.steps=2000",
    ])
    defer {
      shard.kill(SIGKILL)
      _ = try? shard.wait()
    }
    #expect(waitUntil(seconds: 20) {
      (try? String(contentsOfFile: "\(out.path)/.lock-shard-0-of-2", encoding: .utf8))?.contains("\"pid\":\(shard.pid)") == true
    })
    for command in [["compare", out.path, out.path], ["verify", pair, "--against", out.path, "--quiet"]] {
      let refused = try RunnerProcess.run(command)
      #expect(refused.status == 2, "\(command)")
      #expect(
        refused.stderr.hasPrefix("\(out.path): error: this results folder is in use by another runner (pid \(shard.pid) on "),
        "\(command): \(refused.stderr)")
      #expect(refused.stderr.split(separator: "\n").count == 1)
    }
  }
}
