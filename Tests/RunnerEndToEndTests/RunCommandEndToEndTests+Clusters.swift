import Foundation
import Testing

/// Beyond one machine, through the built binary: shards as separate processes
/// merged by copying, shards picked from a scheduler's environment, and the
/// job scripts of `runner emit`, run as the scheduler would run them.
extension RunCommandEndToEndTests {
  /// Four shards, four processes at once, four folders; their trial folders
  /// (plus one shard's spec.yaml and manifest.json, the same in every shard)
  /// copied into one folder; `runner report` there gives exactly the report
  /// of a single-machine run, timings aside.
  @Test func fourShardsInSeparateFoldersMergeIntoTheSingleMachineReport() throws {
    let spec = try RunnerProcess.temporarySpec(Self.grid)
    let whole = Scratch(), merged = Scratch()
    let shards = (0..<4).map { _ in Scratch() }
    defer { ([whole, merged] + shards).forEach { $0.remove() } }
    #expect(try RunnerProcess.run([spec, "--out", whole.path, "--jobs", "1", "--quiet"]).status == 0)
    let running = try shards.indices.map { index in
      try BackgroundRunner([spec, "--out", shards[index].path, "--shard", "\(index)/4", "--jobs", "1", "--quiet"])
    }
    for process in running { #expect(try process.wait().status == 0) }

    let fm = FileManager.default
    try fm.createDirectory(atPath: "\(merged.path)/trials", withIntermediateDirectories: true)
    for shard in shards {
      #expect(try TrialFiles.finishedCount(shard.path) == 2)
      #expect(try Data(contentsOf: URL(fileURLWithPath: "\(shard.path)/spec.yaml"))
        == Data(contentsOf: URL(fileURLWithPath: "\(whole.path)/spec.yaml")))
      for id in try fm.contentsOfDirectory(atPath: "\(shard.path)/trials") {
        try fm.copyItem(atPath: "\(shard.path)/trials/\(id)", toPath: "\(merged.path)/trials/\(id)")
      }
    }
    for name in ["spec.yaml", "manifest.json"] {
      try fm.copyItem(atPath: "\(shards[3].path)/\(name)", toPath: "\(merged.path)/\(name)")
    }
    let report = try RunnerProcess.run(["report", merged.path])
    #expect(report.status == 0, "\(report.stderr)")
    #expect(try TrialFiles(merged.path) == TrialFiles(whole.path))
    let mergedReport = try ReportFiles(merged.path)
    #expect(mergedReport == (try ReportFiles(whole.path)))
    #expect(mergedReport.files.keys.filter { $0.hasPrefix("plots/") }.count == 7)
  }

  @Test func runTakesItsShardFromSlurmOrKubernetesAndSaysSo() throws {
    let spec = try RunnerProcess.temporarySpec(Self.grid)
    let out = Scratch()
    defer { out.remove() }
    let slurm = try RunnerProcess.run(
      [spec, "--out", out.path], environment: ["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "4",
                                               "SLURM_ARRAY_TASK_MAX": "7"])
    #expect(slurm.status == 0)
    #expect(slurm.stderr.hasPrefix("8 trials (1 task × 2 lengths × 2 models × 2 seeds); shard 1/4 (from "
      + "SLURM_ARRAY_TASK_ID=5, SLURM_ARRAY_TASK_MIN=4, SLURM_ARRAY_TASK_MAX=7): 2 trials; running 2 on "))
    #expect(try FileManager.default.contentsOfDirectory(atPath: "\(out.path)/trials").sorted()
      == ["adding-T5-rnn-s2", "adding-T8-rnn-s2"])

    let kubernetes = try RunnerProcess.run([spec, "--out", out.path, "--shards", "4"], environment: ["JOB_COMPLETION_INDEX": "2"])
    #expect(kubernetes.status == 0)
    #expect(kubernetes.stderr.contains("; shard 2/4 (from JOB_COMPLETION_INDEX=2, --shards 4): 2 trials; "))
    let explicit = try RunnerProcess.run(
      [spec, "--out", out.path, "--shard", "0/4", "--quiet"], environment: ["JOB_COMPLETION_INDEX": "3"])
    #expect(explicit.status == 0)
    #expect(try TrialFiles.finishedCount(out.path) == 6)

    let missingCount = try RunnerProcess.run([spec, "--out", out.path], environment: ["JOB_COMPLETION_INDEX": "3"])
    #expect(missingCount.status == 2)
    #expect(missingCount.stderr == "JOB_COMPLETION_INDEX: error: is set (a Kubernetes Indexed Job), but Kubernetes "
      + "does not export the number of completions; pass --shards N with the Job's completions\n")
    let noIndex = try RunnerProcess.run([spec, "--out", out.path, "--shards", "4"])
    #expect(noIndex.status == 2)
    #expect(noIndex.stderr.hasPrefix("--shards: error: 4 given, but neither SLURM_ARRAY_TASK_ID"))
  }

  /// `runner emit slurm`, then the script run the way Slurm would: once per
  /// array index with SLURM_ARRAY_TASK_ID set, then as the report job. Both
  /// layouts (one shared folder; per-shard folders merged by the report job)
  /// end with the single-machine results and report.
  @Test(arguments: [false, true]) func emittedSlurmScriptRunsEveryShardAndTheReport(perShardFolders: Bool) throws {
    let spec = try RunnerProcess.temporarySpec(Self.grid)
    let whole = Scratch(), out = Scratch(), script = Scratch()
    defer { whole.remove(); out.remove(); script.remove() }
    #expect(try RunnerProcess.run([spec, "--out", whole.path, "--quiet", "--set", "training.steps=10"]).status == 0)
    let emitted = try RunnerProcess.run(
      ["emit", "slurm", spec, "--out", out.path, "--shards", "3", "--set", "training.steps=10", "--output", script.path,
       "--time", "00:05:00"] + (perShardFolders ? ["--per-shard-folders"] : []))
    #expect(emitted.status == 0, "\(emitted.stderr)")
    #expect(emitted.stderr == "wrote \(script.path) (sbatch script, 8 trials in 3 shards)\n")
    let text = try String(contentsOfFile: script.path, encoding: .utf8)
    for line in ["#SBATCH --array=0-2", "#SBATCH --cpus-per-task=1", "#SBATCH --requeue", "#SBATCH --time=00:05:00"] {
      #expect(text.contains("\n\(line)\n"))
    }
    #expect(text.contains("\(RunnerProcess.executable.resolvingSymlinksInPath().path) run "))
    #expect(try RunnerProcess.execute(URL(fileURLWithPath: "/bin/bash"), ["-n", script.path]).status == 0)

    for index in 0..<3 {
      let task = try RunnerProcess.execute(
        URL(fileURLWithPath: "/bin/bash"), [script.path],
        environment: ["SLURM_ARRAY_TASK_ID": "\(index)", "SLURM_ARRAY_TASK_COUNT": "3"])
      #expect(task.status == 0, "\(task.stderr)")
      #expect(task.stderr.contains("shard \(index)/3 (from SLURM_ARRAY_TASK_ID=\(index), --shards 3)"))
    }
    let report = try RunnerProcess.execute(URL(fileURLWithPath: "/bin/bash"), [script.path, "report"])
    #expect(report.status == 0, "\(report.stderr)")
    #expect(try TrialFiles(out.path) == TrialFiles(whole.path))
    #expect(try ReportFiles(out.path) == ReportFiles(whole.path))
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
  func emittedKubernetesManifestIsAnIndexedJobWithTheSpec() throws {
    let specText = Self.grid + "\n"
    let spec = try RunnerProcess.temporarySpec(specText)
    let result = try RunnerProcess.run(
      ["emit", "k8s", spec, "--image", "ghcr.io/lab/rnnlab:0.1", "--shards", "4", "--cpus", "2", "--mem", "1Gi",
       "--set", "training.steps=10"])
    #expect(result.status == 0, "\(result.stderr)")
    let check = """
      import sys, yaml
      config, job = yaml.safe_load_all(sys.stdin)
      assert config["data"]["spec.yaml"] == open(sys.argv[1]).read(), "spec"
      s = job["spec"]
      c = s["template"]["spec"]["containers"][0]
      print(s["completionMode"], s["completions"], s["parallelism"], c["resources"]["requests"]["cpu"])
      print(c["command"][2].splitlines()[0])
      """
    let parsed = try RunnerProcess.execute(
      URL(fileURLWithPath: "/usr/bin/python3"), ["-c", check + "\n", spec], input: result.stdout)
    #expect(parsed.status == 0, "\(parsed.stderr)")
    #expect(parsed.stdout == """
      Indexed 4 4 2
      runner run /etc/rnnlab/spec.yaml --out /results/grid --shards 4 --jobs 2 --no-report --set training.steps=10

      """)

    let noImage = try RunnerProcess.run(["emit", "k8s", spec])
    #expect(noImage.status == 2)
    #expect(noImage.stderr.hasPrefix("runner: error: Missing expected argument '--image <image>'"))
    let tooMany = try RunnerProcess.run(["emit", "slurm", spec, "--shards", "9"])
    #expect(tooMany.status == 2)
    #expect(tooMany.stderr == "--shards: error: must be between 1 and the number of trials (8), got 9\n")
    let badSpec = try RunnerProcess.run(["emit", "slurm", spec, "--set", "training.stepz=1"])
    #expect(badSpec.status == 2)
    #expect(badSpec.stderr == "--set training.stepz=1: error: unknown key 'stepz' (did you mean 'steps'?)\n")
  }
}
