import Foundation
import Testing

/// `runner run` through the built binary: results, determinism across
/// `--jobs`, resume after kill -9 and Ctrl-C, divergence, the folder lock.
/// Serialized: the kill and signal tests watch timings, and two cores are
/// plenty busy with one training run at a time.
@Suite(.serialized) struct RunCommandEndToEndTests {
  /// Eight tiny trials (2 lengths × 2 models × 2 seeds).
  static let grid = """
    name: grid
    seeds: [1, 2]
    tasks: [{kind: adding, seq_len: [5, 8]}]
    models: [{name: rnn, cell: rnn, hidden: 6}, {name: lstm, cell: lstm, hidden: 6}]
    training: {steps: 12, batch_size: 4, learning_rate: 0.01, eval_every: 4, eval_size: 8, flow_every: 6}
    """

  /// Six trials of a few hundred milliseconds each in a debug build, so a
  /// process can be caught between trials.
  static let slow = """
    name: slow
    seeds: [1, 2, 3]
    tasks: [{kind: copy, seq_len: [8], copy_length: 3, symbols: 4}]
    models: [{name: lstm, cell: lstm, hidden: 8}, {name: gru, cell: gru, hidden: 8}]
    training: {steps: 40, batch_size: 8, eval_every: 20, eval_size: 16}
    """

  @Test func runIsTheDefaultCommandAndWritesTheResultsFolder() throws {
    let spec = try RunnerProcess.temporarySpec(Self.grid)
    let out = Scratch()
    defer { out.remove() }
    let result = try RunnerProcess.run([spec, "--out", out.path, "--jobs", "2"])
    #expect(result.status == 0)
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(lines.first == "8 trials (1 task × 2 lengths × 2 models × 2 seeds); running 8 on 2 jobs into \(out.path)")
    let trialLines = lines.dropFirst()
    #expect(trialLines.count == 8)
    #expect(trialLines.enumerated().allSatisfy { index, line in line.hasPrefix("[\(index + 1)/8] adding-T") })
    #expect(trialLines.allSatisfy { $0.contains(" done loss=") && $0.hasSuffix("s") })
    #expect(result.stdout.hasPrefix("results: \(out.path) (aggregate.csv, report.md, summary.csv, "))
    #expect(result.stdout.contains("\n8 trials: 8 done ("))
    for name in ["spec.yaml", "manifest.json", "summary.csv", "aggregate.csv", "report.md"] {
      #expect(FileManager.default.fileExists(atPath: "\(out.path)/\(name)"), "\(name)")
    }
    let summaryRows = try String(contentsOfFile: "\(out.path)/summary.csv", encoding: .utf8).split(separator: "\n")
    #expect(summaryRows.count == 9)
  }

  @Test func quietPrintsOnlyTheFinalSummary() throws {
    let spec = try RunnerProcess.temporarySpec(Self.grid)
    let out = Scratch()
    defer { out.remove() }
    let result = try RunnerProcess.run([spec, "--out", out.path, "--quiet", "--set", "seeds=[1]"])
    #expect(result.status == 0)
    #expect(result.stderr == "")
    #expect(result.stdout.split(separator: "\n").last?.hasPrefix("4 trials: 4 done (") == true)
    let again = try RunnerProcess.run(["run", spec, "--out", out.path, "--quiet", "--set", "seeds=[1]"])
    #expect(again.status == 0)
    #expect(again.stdout.split(separator: "\n").last?.hasPrefix("4 trials: 4 already done (") == true)
  }

  @Test func resultsAreBitIdenticalWhateverTheNumberOfJobs() throws {
    let spec = try RunnerProcess.temporarySpec(Self.grid)
    let one = Scratch(), two = Scratch()
    defer { one.remove(); two.remove() }
    #expect(try RunnerProcess.run([spec, "--out", one.path, "--jobs", "1", "--quiet"]).status == 0)
    #expect(try RunnerProcess.run([spec, "--out", two.path, "--jobs", "2", "--quiet"]).status == 0)
    let reference = try TrialFiles(one.path)
    #expect(reference.count == 8 * 5)
    #expect(try TrialFiles(two.path) == reference)
  }

  @Test func shardsRunAsSeparateProcessesAddUpToTheWholePlan() throws {
    let spec = try RunnerProcess.temporarySpec(Self.grid)
    let whole = Scratch(), shared = Scratch()
    defer { whole.remove(); shared.remove() }
    #expect(try RunnerProcess.run([spec, "--out", whole.path, "--quiet"]).status == 0)
    for index in 0..<3 {
      #expect(try RunnerProcess.run([spec, "--out", shared.path, "--shard", "\(index)/3", "--quiet"]).status == 0)
    }
    #expect(try TrialFiles(shared.path) == TrialFiles(whole.path))
    let bad = try RunnerProcess.run([spec, "--out", shared.path, "--shard", "3/3"])
    #expect(bad.status == 2)
    #expect(bad.stderr == "--shard: error: shard index 3 is out of range for 3 shards (expected 0...2; indexes are 0-based, like SLURM_ARRAY_TASK_ID)\n")
  }

  @Test func killedRunsResumeToExactlyTheUninterruptedResults() throws {
    let spec = try RunnerProcess.temporarySpec(Self.slow)
    let reference = Scratch(), killed = Scratch()
    defer { reference.remove(); killed.remove() }
    #expect(try RunnerProcess.run([spec, "--out", reference.path, "--jobs", "1", "--quiet"]).status == 0)
    // Kill -9 twice, each time right after one more trial has finished, then let it end.
    for finished in [1, 3] {
      let running = try BackgroundRunner([spec, "--out", killed.path, "--jobs", "1", "--quiet"])
      let caught = waitUntil(seconds: 60) { (try? TrialFiles.finishedCount(killed.path)) ?? 0 >= finished }
      running.kill(SIGKILL)
      let ended = running.wait()
      #expect(caught)
      #expect(ended.reason == .uncaughtSignal, "killed before the end, so there was something left to resume")
      #expect(try TrialFiles.finishedCount(killed.path) < 6)
    }
    let resumed = try RunnerProcess.run([spec, "--out", killed.path, "--jobs", "1"])
    #expect(resumed.status == 0)
    #expect(resumed.stderr.contains("already done"))
    #expect(try TrialFiles(killed.path) == TrialFiles(reference.path))
  }

  @Test func ctrlCStopsAtAStepBoundaryAndASecondRunnerIsRefusedMeanwhile() throws {
    let spec = try RunnerProcess.temporarySpec(Self.slow)
    let out = Scratch()
    defer { out.remove() }
    let first = try BackgroundRunner([spec, "--out", out.path, "--jobs", "1"])
    #expect(waitUntil(seconds: 60) { (try? TrialFiles.finishedCount(out.path)) ?? 0 >= 1 })

    let second = try RunnerProcess.run([spec, "--out", out.path])
    #expect(second.status == 2)
    let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? ""
    #expect(second.stderr.hasPrefix(
      "\(out.path): error: this results folder is in use by another runner (pid \(first.pid) on \(host)"))
    #expect(second.stderr.hasSuffix("; wait for it to finish or choose another --out\n"))
    #expect(second.stderr.split(separator: "\n").count == 1)

    first.kill(SIGINT)
    let stopped = first.wait()
    #expect(stopped.status == 130)
    #expect(stopped.stderr.contains("stopping at the next step boundary"))
    #expect(stopped.stdout.hasPrefix("interrupted: 6 trials: "))
    #expect(stopped.stdout.hasSuffix("; run the same command again to finish the rest\n"))
    // Nothing half-written: every trial folder that exists is complete.
    let trials = "\(out.path)/trials"
    for id in try FileManager.default.contentsOfDirectory(atPath: trials) {
      #expect(FileManager.default.fileExists(atPath: "\(trials)/\(id)/summary.json"), "\(id)")
    }
    let resumed = try RunnerProcess.run([spec, "--out", out.path, "--quiet"])
    #expect(resumed.status == 0)
    #expect(try TrialFiles.finishedCount(out.path) == 6)
  }

  @Test func divergedTrialsExitOneAndTheOthersFinish() throws {
    let spec = try RunnerProcess.temporarySpec("""
      name: div
      seeds: [1]
      tasks: [{kind: adding, seq_len: [6]}]
      models:
        - {name: wild, cell: rnn, hidden: 4, training: {learning_rate: 10000.0, optimizer: sgd, clip_norm: null}}
        - {name: calm, cell: lstm, hidden: 4}
      training: {steps: 20, batch_size: 4, eval_every: 5, eval_size: 8}
      """)
    let out = Scratch()
    defer { out.remove() }
    let result = try RunnerProcess.run([spec, "--out", out.path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("] adding-T6-wild-s1 diverged at step "))
    #expect(result.stderr.contains("] adding-T6-calm-s1 done loss="))
    #expect(result.stdout.contains("2 trials: 1 done, 1 diverged ("))
    let summary = try String(contentsOfFile: "\(out.path)/trials/adding-T6-wild-s1/summary.json", encoding: .utf8)
    #expect(summary.contains("\"status\" : \"diverged\""))
  }

  @Test func badFlagsAreOneLineErrorsWithExitTwo() throws {
    let spec = try RunnerProcess.temporarySpec(Self.grid)
    for (flags, message) in [
      (["--jobs", "0"], "--jobs: error: must be at least 1, got 0"),
      (["--shard", "x"], "--shard: error: expected I/N (the 0-based index I of N shards, e.g. 0/4), got 'x'"),
      (["--shard", "1/0"], "--shard: error: the number of shards must be at least 1, got 0"),
    ] {
      let result = try RunnerProcess.run([spec] + flags)
      #expect(result.status == 2, "\(flags)")
      #expect(result.stderr == message + "\n")
    }
  }
}

/// A temporary results folder path (not created: the runner creates it).
private struct Scratch {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("runner-e2e-results-\(UUID().uuidString)").path
  func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The files of every trial folder of a results folder, by `id/name`, with
/// the timing fields of `summary.json` removed (they are the only values that
/// may differ between two runs of the same trial).
private struct TrialFiles: Equatable {
  let files: [String: Data]
  var count: Int { files.count }

  init(_ folder: String) throws {
    let trials = "\(folder)/trials"
    var files: [String: Data] = [:]
    for id in try FileManager.default.contentsOfDirectory(atPath: trials) {
      for name in try FileManager.default.contentsOfDirectory(atPath: "\(trials)/\(id)") {
        var data = try Data(contentsOf: URL(fileURLWithPath: "\(trials)/\(id)/\(name)"))
        if name == "summary.json" {
          let kept = String(decoding: data, as: UTF8.self).split(separator: "\n")
            .filter { !$0.contains("\"wall_seconds\"") && !$0.contains("\"steps_per_second\"") }
          data = Data(kept.joined(separator: "\n").utf8)
        }
        files["\(id)/\(name)"] = data
      }
    }
    self.files = files
  }

  /// Trials with a `summary.json`, i.e. finished.
  static func finishedCount(_ folder: String) throws -> Int {
    let trials = "\(folder)/trials"
    guard FileManager.default.fileExists(atPath: trials) else { return 0 }
    return try FileManager.default.contentsOfDirectory(atPath: trials)
      .filter { FileManager.default.fileExists(atPath: "\(trials)/\($0)/summary.json") }.count
  }
}

/// `runner` started in the background, output to temporary files.
private final class BackgroundRunner {
  struct Ending {
    var status: Int32
    var reason: Process.TerminationReason
    var stdout: String
    var stderr: String
  }

  private let process = Process()
  private let folder: URL

  init(_ arguments: [String]) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("runner-e2e-bg-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data().write(to: folder.appendingPathComponent("stdout"))
    try Data().write(to: folder.appendingPathComponent("stderr"))
    process.executableURL = RunnerProcess.executable
    process.arguments = arguments
    process.currentDirectoryURL = RunnerProcess.packageRoot
    process.standardOutput = try FileHandle(forWritingTo: folder.appendingPathComponent("stdout"))
    process.standardError = try FileHandle(forWritingTo: folder.appendingPathComponent("stderr"))
    try process.run()
  }

  deinit {
    if process.isRunning { process.terminate() }
    try? FileManager.default.removeItem(at: folder)
  }

  var pid: Int32 { process.processIdentifier }

  func kill(_ signal: Int32) { _ = Foundation.kill(process.processIdentifier, signal) }

  func wait() -> Ending {
    process.waitUntilExit()
    func read(_ name: String) -> String {
      (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }
    return Ending(
      status: process.terminationStatus, reason: process.terminationReason, stdout: read("stdout"),
      stderr: read("stderr"))
  }
}

/// Polls `condition` every 2 ms until it holds (true) or `seconds` pass (false).
private func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
  let deadline = Date().addingTimeInterval(seconds)
  while Date() < deadline {
    if condition() { return true }
    usleep(2000)
  }
  return condition()
}
