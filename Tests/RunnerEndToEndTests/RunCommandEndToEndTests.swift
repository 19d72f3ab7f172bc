import Foundation
import RNNLabRandom
import RNNLabTestSupport
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
    training: {steps: 200, batch_size: 8, eval_every: 100, eval_size: 16}
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
    #expect(trialLines.allSatisfy { $0.contains(" done eval_loss=") && $0.hasSuffix("s") })
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

  @Test func noReportLeavesTheReportToRunnerReport() throws {
    let spec = try RunnerProcess.temporarySpec(Self.grid)
    let out = Scratch()
    defer { out.remove() }
    let result = try RunnerProcess.run([spec, "--out", out.path, "--quiet", "--no-report", "--set", "seeds=[1]"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("(no report: --no-report; write it with `runner report \(out.path)`)"))
    let report = URL(fileURLWithPath: out.path).appendingPathComponent("report.md")
    #expect(!FileManager.default.fileExists(atPath: report.path))
    #expect(!FileManager.default.fileExists(atPath: out.path + "/summary.csv"))
    #expect(try TrialFiles(out.path).count == 4 * 5, "every trial is still written")
    #expect(try RunnerProcess.run(["report", out.path]).status == 0)
    #expect(FileManager.default.fileExists(atPath: report.path))
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

  /// kill -9 at seeded random moments, several times in a row (re-running in
  /// between), then one run to the end: the results equal an uninterrupted
  /// run's exactly. After every kill, each finished trial is already complete
  /// and final (no half-written file can hide behind a `summary.json`), and
  /// the lock the killed runner held is taken over by the next one.
  @Test func killedAtRandomMomentsRunsResumeToExactlyTheUninterruptedResults() throws {
    // Eight short trials: many trial ends (file writes) to land a kill on.
    let spec = try RunnerProcess.temporarySpec(Self.slow.replacingOccurrences(of: "[1, 2, 3]", with: "[1, 2, 3, 4]")
      .replacingOccurrences(of: "steps: 200", with: "steps: 50"))
    let reference = Scratch(), killed = Scratch()
    defer { reference.remove(); killed.remove() }
    let total = 8
    var started = Date()
    #expect(try RunnerProcess.run([spec, "--out", reference.path, "--jobs", "2", "--quiet"]).status == 0)
    let referenceSeconds = Date().timeIntervalSince(started)
    started = Date()
    #expect(try RunnerProcess.run([spec, "--out", reference.path, "--jobs", "2", "--quiet"]).status == 0)
    let overheadSeconds = Date().timeIntervalSince(started)  // start-up, resume checks, the report
    let expected = try TrialFiles(reference.path)
    #expect(expected.count == total * 5)

    var random = SeededGenerator(seed: 20_251_123, stream: "kill-moments")
    var kills = 0
    var runners: [Int32] = []
    for round in 0..<6 {
      let unfinished = total - ((try? TrialFiles.finishedCount(killed.path)) ?? 0)
      // A moment within what is left of the run: start-up, training, writing
      // trial files, or writing the report.
      let left = overheadSeconds + max(0, referenceSeconds - overheadSeconds) * Double(unfinished) / Double(total)
      let moment = random.nextDouble() * left
      let running = try BackgroundRunner([spec, "--out", killed.path, "--jobs", "2", "--quiet"])
      runners.append(running.pid)
      usleep(useconds_t(moment * 1_000_000))
      running.kill(SIGKILL)
      let ended = try running.wait()
      if ended.signaled {
        kills += 1
        // A runner killed before it wrote its record leaves an earlier one's.
        let lock = (try? String(contentsOfFile: "\(killed.path)/.lock", encoding: .utf8)) ?? ""
        #expect(lock.isEmpty || runners.contains { lock.contains("\"pid\":\($0),") }, "the stale lock names a killed runner")
      } else {
        #expect(ended.status == 0, "round \(round): \(ended.stderr)")
      }
      // Every trial with a summary.json has all its files, each final.
      func ofFinishedTrials(_ files: [String: Data]) -> [String: Data] {
        files.filter { file, _ in
          let id = file.split(separator: "/")[0]
          return FileManager.default.fileExists(atPath: "\(killed.path)/trials/\(id)/summary.json")
        }
      }
      let now = ofFinishedTrials((try? TrialFiles(killed.path))?.files ?? [:])
      #expect(now == ofFinishedTrials(expected.files), "round \(round)")
    }
    #expect(kills >= 4, "most moments fall inside the run")

    let resumed = try RunnerProcess.run([spec, "--out", killed.path, "--jobs", "2"])
    #expect(resumed.status == 0)
    #expect(try TrialFiles(killed.path) == expected)
    #expect(temporaryFiles(under: killed.path) == [])
    #expect(try ReportFiles(killed.path) == ReportFiles(reference.path))
    let rows = try String(contentsOfFile: "\(killed.path)/summary.csv", encoding: .utf8).split(separator: "\n").dropFirst()
    #expect(rows.count == total)
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
    let stopped = try first.wait()
    #expect(stopped.status == 130)
    #expect(stopped.stderr.contains("stopping at the next step boundary"))
    #expect(stopped.stdout.hasPrefix("interrupted: 6 trials: "))
    #expect(stopped.stdout.hasSuffix("; run the same command again to finish the rest\n"))
    // Nothing half-written: every trial folder that exists is complete, or
    // holds only the checkpoint the stopped trial saved.
    let trials = "\(out.path)/trials"
    for id in try FileManager.default.contentsOfDirectory(atPath: trials) {
      let names = try FileManager.default.contentsOfDirectory(atPath: "\(trials)/\(id)")
      #expect(names.contains("summary.json") || names == ["checkpoint.bin", "checkpoint.log"], "\(id): \(names)")
    }
    let resumed = try RunnerProcess.run([spec, "--out", out.path, "--quiet"])
    #expect(resumed.status == 0)
    #expect(try TrialFiles.finishedCount(out.path) == 6)
  }

  /// Learning rate 100 on the plain RNN: its trials end `diverged` at the
  /// step where the loss or a gradient stopped being finite, the report says
  /// so, the exit code is 1, and the other model's trials are exactly what
  /// they are in a run without the wild model.
  @Test func divergedTrialsExitOneShowInTheReportAndLeaveTheOthersUnaffected() throws {
    let calm = """
      name: div
      seeds: [1, 2]
      tasks: [{kind: adding, seq_len: [6]}]
      models:
        - {name: calm, cell: lstm, hidden: 4}
      training: {steps: 20, batch_size: 4, eval_every: 5, eval_size: 8}
      """
    // wild comes after calm, so the calm trials keep their plan indexes (recorded in config.json).
    let both = calm.replacingOccurrences(
      of: "hidden: 4}\n",
      with: "hidden: 4}\n  - {name: wild, cell: rnn, hidden: 4, training: {learning_rate: 100.0, optimizer: sgd, clip_norm: null}}\n")
    let out = Scratch(), alone = Scratch()
    defer { out.remove(); alone.remove() }
    let result = try RunnerProcess.run([try RunnerProcess.temporarySpec(both), "--out", out.path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("] adding-T6-wild-s1 diverged at step "))
    #expect(result.stderr.contains("] adding-T6-calm-s1 done eval_loss="))
    #expect(result.stdout.contains("4 trials: 2 done, 2 diverged ("))
    #expect(both.contains("  - {name: calm, cell: lstm, hidden: 4}\n  - {name: wild, "))
    for seed in [1, 2] {
      let summary = try String(contentsOfFile: "\(out.path)/trials/adding-T6-wild-s\(seed)/summary.json", encoding: .utf8)
      #expect(summary.contains("\"status\" : \"diverged\""))
      #expect(summary.contains("\"diverged_at_step\" : "))
      #expect(!summary.contains("\"diverged_at_step\" : null"))
    }

    let report = try String(contentsOfFile: "\(out.path)/report.md", encoding: .utf8)
    #expect(report.contains("4 trials (1 task, 2 models, seeds 1, 2): 2 done, 2 diverged."))
    #expect(report.contains("\n- `adding-T6-wild-s1` diverged at step "))
    #expect(report.contains("\n- `adding-T6-wild-s2` diverged at step "))
    #expect(report.contains("\n| `calm` | 0.") && report.contains("\n| `wild` | — (2 diverged) |\n"))
    let aggregate = try String(contentsOfFile: "\(out.path)/aggregate.csv", encoding: .utf8)
    #expect(aggregate.contains("\nadding,adding,wild,6,2,0,2,0,0,final_eval_loss,0,0,,,,\n"))
    #expect(aggregate.contains("\nadding,adding,calm,6,2,2,0,0,"))
    let rows = try String(contentsOfFile: "\(out.path)/summary.csv", encoding: .utf8).split(separator: "\n")
      .map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    let status = try #require(rows.first?.firstIndex(of: "status"))
    let statuses = rows.dropFirst().map { $0[status] }
    #expect(statuses.sorted() == ["diverged", "diverged", "done", "done"])

    // The calm trials are exactly those of a run without the wild model.
    #expect(try RunnerProcess.run([try RunnerProcess.temporarySpec(calm), "--out", alone.path, "--quiet"]).status == 0)
    let withWild = try TrialFiles(out.path).files.filter { $0.key.hasPrefix("adding-T6-calm-") }
    #expect(withWild.count == 10)
    #expect(withWild == (try TrialFiles(alone.path).files))
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
