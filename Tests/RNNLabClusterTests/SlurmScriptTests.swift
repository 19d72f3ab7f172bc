import Foundation
import RNNLabTestSupport
import Testing
@testable import RNNLabCluster

@Suite struct SlurmScriptTests {
  static func job(perShard: Bool = false, overrides: [String] = ["seeds=[1, 2]", "training.steps=12"])
    throws -> ClusterJob
  {
    try ClusterJob(
      experiment: "grid", specPath: "specs/grid.yaml", overrides: overrides, resultsFolder: "results/it's here",
      shards: 4, trials: 8, perShardFolders: perShard, runner: "/opt/rnnlab/bin/runner", cpus: 2)
  }

  @Test func sharedFolderScript() throws {
    let script = try SlurmScript(
      job: Self.job(), time: "01:00:00", partition: "cpu", memory: "2G", parallelism: 2,
      workingDirectory: "/home/me/rnnlab", scriptName: "grid.sbatch")
    #expect(script.text == #"""
      #!/bin/bash
      # RNNLab experiment 'grid': 8 trials in 4 shards, one Slurm array task per shard.
      # Written by `runner emit slurm`. Submit it, then the report job, which waits for every shard:
      #
      #   jobid=$(sbatch --parsable grid.sbatch)
      #   sbatch --dependency=afterok:$jobid --job-name=grid-report --wrap "bash grid.sbatch report"
      #
      # Re-run some shards only (after a node failure, say): sbatch --array=3,17 grid.sbatch
      # Finished trials are skipped, so re-submitting the whole array is safe too.
      #SBATCH --job-name=grid
      #SBATCH --array=0-3%2
      #SBATCH --cpus-per-task=2
      #SBATCH --requeue
      #SBATCH --signal=B:USR1@90
      #SBATCH --open-mode=append
      #SBATCH --time=01:00:00
      #SBATCH --mem=2G
      #SBATCH --partition=cpu

      set -u
      cd /home/me/rnnlab || exit 2

      if [ "${1:-}" = report ]; then
        exec /opt/rnnlab/bin/runner report 'results/it'\''s here'
      fi

      requeue=0 told=0 pid=
      stop() { if [ -n "$pid" ] && [ "$told" = 0 ]; then told=1; kill -TERM "$pid" 2>/dev/null; fi; }
      trap 'requeue=1; stop' USR1
      trap ':' TERM
      /opt/rnnlab/bin/runner run specs/grid.yaml --out 'results/it'\''s here' --shards 4 --jobs 2 --no-report --set 'seeds=[1, 2]' --set training.steps=12 &
      pid=$!
      if [ "$requeue" = 1 ]; then stop; fi
      while :; do wait "$pid"; status=$?; kill -0 "$pid" 2>/dev/null || break; done
      if [ "$requeue" = 1 ]; then exec scontrol requeue "${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}"; fi
      if [ "$status" -eq 1 ]; then exit 0; fi  # some trials diverged or failed: still a finished shard
      exit "$status"

      """#)
    try expectBashAccepts(script.text)
  }

  @Test func perShardFoldersAreMergedBeforeTheReport() throws {
    let script = try SlurmScript(
      job: Self.job(perShard: true, overrides: []), workingDirectory: "/scratch/my lab", scriptName: "jobs/grid run.sh")
    #expect(script.text == #"""
      #!/bin/bash
      # RNNLab experiment 'grid': 8 trials in 4 shards, one Slurm array task per shard.
      # Written by `runner emit slurm`. Submit it, then the report job, which waits for every shard:
      #
      #   jobid=$(sbatch --parsable 'jobs/grid run.sh')
      #   sbatch --dependency=afterok:$jobid --job-name=grid-report --wrap "bash 'jobs/grid run.sh' report"
      #
      # Re-run some shards only (after a node failure, say): sbatch --array=3,17 'jobs/grid run.sh'
      # Finished trials are skipped, so re-submitting the whole array is safe too.
      #SBATCH --job-name=grid
      #SBATCH --array=0-3
      #SBATCH --cpus-per-task=2
      #SBATCH --requeue
      #SBATCH --signal=B:USR1@90
      #SBATCH --open-mode=append

      set -u
      cd '/scratch/my lab' || exit 2

      if [ "${1:-}" = report ]; then
        set -e
        mkdir -p 'results/it'\''s here/trials'
        for shard in 'results/it'\''s here'/shards/*/; do
          cp -R "${shard}trials/." 'results/it'\''s here/trials/'
          cp "${shard}spec.yaml" "${shard}manifest.json" 'results/it'\''s here/'
        done
        exec /opt/rnnlab/bin/runner report 'results/it'\''s here'
      fi

      requeue=0 told=0 pid=
      stop() { if [ -n "$pid" ] && [ "$told" = 0 ]; then told=1; kill -TERM "$pid" 2>/dev/null; fi; }
      trap 'requeue=1; stop' USR1
      trap ':' TERM
      /opt/rnnlab/bin/runner run specs/grid.yaml --out 'results/it'\''s here/shards/'"$SLURM_ARRAY_TASK_ID" --shards 4 --jobs 2 --no-report &
      pid=$!
      if [ "$requeue" = 1 ]; then stop; fi
      while :; do wait "$pid"; status=$?; kill -0 "$pid" 2>/dev/null || break; done
      if [ "$requeue" = 1 ]; then exec scontrol requeue "${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}"; fi
      if [ "$status" -eq 1 ]; then exit 0; fi  # some trials diverged or failed: still a finished shard
      exit "$status"

      """#)
    try expectBashAccepts(script.text)
  }

  /// The script runs for real under bash with a stand-in `runner` that prints
  /// its arguments and exits with a chosen code: the quoting reaches the
  /// program intact, the per-shard folder follows SLURM_ARRAY_TASK_ID, and exit
  /// 1 (trials diverged) becomes 0 while 3 stays 3.
  @Test func scriptPassesArgumentsIntactAndMapsExitCodes() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let fake = folder.url.appendingPathComponent("fake runner")
    try "#!/bin/sh\nfor a in \"$@\"; do printf '<%s>' \"$a\"; done; echo; exit ${FAKE_STATUS:-0}\n"
      .write(to: fake, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
    var job = try Self.job(perShard: true)
    job.runner = fake.path
    let script = try SlurmScript(job: job, workingDirectory: folder.url.path, scriptName: "x")
    let file = folder.url.appendingPathComponent("job.sbatch")
    try script.text.write(to: file, atomically: true, encoding: .utf8)
    for (status, expected) in [(0, 0), (1, 0), (3, 3)] {
      let result = try ExternalTool.run(
        "env", ["SLURM_ARRAY_TASK_ID=2", "FAKE_STATUS=\(status)", "bash", file.path])
      #expect(result.status == Int32(expected), "runner exit \(status)")
      #expect(result.stdout == "<run><specs/grid.yaml><--out><results/it's here/shards/2><--shards><4><--jobs><2><--no-report>"
        + "<--set><seeds=[1, 2]><--set><training.steps=12>\n")
    }
  }

  /// USR1 (Slurm's warning before the time limit) makes the script stop the
  /// runner with TERM (it then saves checkpoints) and requeue its own task;
  /// a plain TERM is left to the runner, and the script requeues nothing.
  /// `early`: the warning comes as the runner starts, before the shell may
  /// know its pid (the stand-in sends it to the shell itself).
  @Test(arguments: [(SIGUSR1, false), (SIGUSR1, true), (SIGTERM, false)])
  func timeLimitWarningStopsTheRunnerAndRequeuesTheTask(signal: Int32, early: Bool) throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let fake = folder.url.appendingPathComponent("runner")
    let log = folder.url.appendingPathComponent("log").path
    // The stand-in runner stops on TERM with 130, as the real one does (and
    // by itself after 30 s, should a failing script never tell it).
    let pidFile = folder.url.appendingPathComponent("pid").path
    try "#!/bin/bash\ntrap 'echo runner-term >> \(log); exit 130' TERM\necho $$ > \(pidFile)\necho started >> \(log)\n\(early ? "kill -USR1 $PPID\n" : "")for i in $(seq 600); do sleep 0.05; done\n"
      .write(to: fake, atomically: true, encoding: .utf8)
    try "#!/bin/sh\necho \"scontrol $*\" >> \(log)\n".write(
      to: folder.url.appendingPathComponent("scontrol"), atomically: true, encoding: .utf8)
    for name in ["runner", "scontrol"] {
      try FileManager.default.setAttributes(
        [.posixPermissions: 0o755], ofItemAtPath: folder.url.appendingPathComponent(name).path)
    }
    var job = try Self.job()
    job.runner = fake.path
    let file = folder.url.appendingPathComponent("job.sbatch")
    try SlurmScript(job: job, workingDirectory: folder.url.path, scriptName: "x").text
      .write(to: file, atomically: true, encoding: .utf8)
    // ChildProcess starts it with no signal blocked, as Slurm starts batch scripts.
    let process = try ChildProcess(
      "/usr/bin/env",
      ["PATH=\(folder.url.path):/usr/bin:/bin", "SLURM_ARRAY_JOB_ID=7", "SLURM_ARRAY_TASK_ID=2", "bash", file.path])
    #expect(waitUntil(seconds: 30) { (try? String(contentsOfFile: log, encoding: .utf8))?.contains("started") == true })
    // env execs bash, so the process is the batch shell; TERM from Slurm
    // would also reach the runner, which the TERM case does by hand.
    if !early { process.signal(signal) }
    if signal == SIGTERM {
      usleep(200_000)
      let runnerPID = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
      kill(try #require(Int32(runnerPID)), SIGTERM)
    }
    let ending = try process.wait()
    let lines = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n")
    if signal == SIGUSR1 {
      #expect(lines == ["started", "runner-term", "scontrol requeue 7_2"], "\(ending.stderr)")
      #expect(ending.status == 0)
    } else {
      #expect(lines == ["started", "runner-term"])
      #expect(ending.status == 130)
    }
  }

  @Test func badSchedulerValuesAreOneLineErrors() throws {
    let job = try Self.job()
    func message(time: String? = nil, partition: String? = nil, memory: String? = nil, parallelism: Int? = nil) -> String? {
      do {
        _ = try SlurmScript(
          job: job, time: time, partition: partition, memory: memory, parallelism: parallelism,
          workingDirectory: "/", scriptName: "x")
        return nil
      } catch { return error.description }
    }
    #expect(message(time: "1h") == "--time: error: expected a Slurm time limit like 30, 01:30:00 or 2-00:00:00, got '1h'")
    #expect(message(time: "2-00:00:00") == nil)
    #expect(message(time: "30") == nil)
    #expect(message(partition: "gpu; rm -rf /")?.hasPrefix("--partition: error: expected a partition name") == true)
    #expect(message(memory: "2GB") == "--mem: error: expected a Slurm memory size like 2G or 500M, got '2GB'")
    #expect(message(parallelism: 0) == "--parallelism: error: must be at least 1, got 0")
  }

  @Test func jobChecksShardsAndRefusesControlCharacters() {
    func message(shards: Int, cpus: Int = 1, overrides: [String] = []) -> String? {
      do {
        _ = try ClusterJob(
          experiment: "x", specPath: "x.yaml", overrides: overrides, resultsFolder: "r", shards: shards, trials: 6,
          runner: "runner", cpus: cpus)
        return nil
      } catch { return error.description }
    }
    #expect(message(shards: 6) == nil)
    #expect(message(shards: 7) == "--shards: error: must be between 1 and the number of trials (6), got 7")
    #expect(message(shards: 0) == "--shards: error: must be between 1 and the number of trials (6), got 0")
    #expect(message(shards: 2, cpus: 0) == "--cpus: error: must be at least 1, got 0")
    #expect(message(shards: 2, overrides: ["name=a\nb"]) == "--set: error: 'name=a\\nb' contains control characters")
  }

  @Test func shellQuotingSurvivesTheShell() throws {
    let words = ["plain/path-1.yaml", "", "it's", "$HOME", "a b", "`x`", "*", "seeds=[1,2]", "ünï", "\\n", "'"]
    let result = try ExternalTool.run("sh", ["-c", "for a in " + ShellQuote.words(words) + "; do printf '<%s>' \"$a\"; done"])
    #expect(result.stdout == words.map { "<\($0)>" }.joined())
    #expect(ShellQuote.word("plain/path-1.yaml") == "plain/path-1.yaml")
    #expect(ShellQuote.word("it's") == #"'it'\''s'"#)
  }

  private func expectBashAccepts(_ script: String) throws {
    let result = try ExternalTool.run("bash", ["-n"], input: script)
    #expect(result.status == 0, "bash -n: \(result.stderr)")
  }
}

/// A halving search's job: one array submission per rung, and one shared folder.
@Suite struct SlurmHalvingTests {
  @Test func theHeaderSubmitsTheArrayOncePerRungAndPerShardFoldersAreRefused() throws {
    let job = try ClusterJob(
      experiment: "tuning", specPath: "tuning.yaml", resultsFolder: "results/tuning", shards: 4, trials: 40,
      runner: "runner", rungs: 4)
    let text = try SlurmScript(job: job, workingDirectory: "/work", scriptName: "tuning.sbatch").text
    #expect(text.contains("# Written by `runner emit slurm`. A halving search with 4 rungs: submit the array once per rung,"))
    #expect(text.contains("#   for rung in $(seq 2 4); do jobid=$(sbatch --parsable --dependency=afterok:$jobid tuning.sbatch); done\n"))
    let plain = try SlurmScript(
      job: try ClusterJob(experiment: "t", specPath: "t.yaml", resultsFolder: "r", shards: 2, trials: 4, runner: "runner"),
      workingDirectory: "/work", scriptName: "t.sbatch").text
    #expect(!plain.contains("rung"))
    #expect(throws: ClusterOptionError.self) {
      try ClusterJob(
        experiment: "t", specPath: "t.yaml", resultsFolder: "r", shards: 2, trials: 4, perShardFolders: true,
        runner: "runner", rungs: 3)
    }
  }
}
