import Foundation
import RNNLabText

/// The sbatch script `runner emit slurm` writes: a job array with one task
/// per shard (`#SBATCH --array=0-(N-1)`), each running `runner run SPEC
/// --shards N`, which reads its shard from `SLURM_ARRAY_TASK_ID`. Run as
/// `bash SCRIPT report` (the dependency job) it writes the report instead.
///
/// Long trials survive the scheduler: `--requeue` puts a preempted task back
/// in the queue (the runner, sent SIGTERM, saves a checkpoint of each running
/// trial first), and `--signal=B:USR1@90` warns the script 90 s before the
/// time limit, whereupon it stops the runner the same way and requeues the
/// task itself. Either way the task goes on from the checkpoints.
public struct SlurmScript: Equatable, Sendable {
  public var job: ClusterJob
  /// `#SBATCH --time`, e.g. `01:00:00` or `2-00:00:00`.
  public var time: String?
  /// `#SBATCH --partition`.
  public var partition: String?
  /// `#SBATCH --mem` (per shard), e.g. `2G`.
  public var memory: String?
  /// At most this many array tasks at once (`--array=0-(N-1)%P`).
  public var parallelism: Int?
  /// Where relative paths are resolved: the script `cd`s here first.
  public var workingDirectory: String
  /// How the user will call this file, for the instructions in its header.
  public var scriptName: String

  /// Checks the scheduler values; throws `ClusterOptionError` naming the flag.
  public init(
    job: ClusterJob, time: String? = nil, partition: String? = nil, memory: String? = nil, parallelism: Int? = nil,
    workingDirectory: String, scriptName: String
  ) throws(ClusterOptionError) {
    if let time, time.wholeMatch(of: /[0-9]+(-[0-9]+)?(:[0-9]+){0,2}/) == nil {
      throw ClusterOptionError(
        path: "--time",
        message: "expected a Slurm time limit like 30, 01:30:00 or 2-00:00:00, got '\(EchoedText.escaped(time))'")
    }
    if let partition, partition.wholeMatch(of: /[A-Za-z0-9_.,-]+/) == nil {
      throw ClusterOptionError(
        path: "--partition",
        message: "expected a partition name (letters, digits, '_', '.', '-', ','), got '\(EchoedText.escaped(partition))'")
    }
    if let memory, memory.wholeMatch(of: /[0-9]+[KMGT]?/) == nil {
      throw ClusterOptionError(
        path: "--mem", message: "expected a Slurm memory size like 2G or 500M, got '\(EchoedText.escaped(memory))'")
    }
    if let parallelism, parallelism < 1 {
      throw ClusterOptionError(path: "--parallelism", message: "must be at least 1, got \(parallelism)")
    }
    try ClusterJob.checkPrintable(workingDirectory, flag: "the working directory")
    // The name goes into the header's instructions (comment lines): a newline would end the comment.
    try ClusterJob.checkPrintable(scriptName, flag: "--output")
    self.job = job
    self.time = time
    self.partition = partition
    self.memory = memory
    self.parallelism = parallelism
    self.workingDirectory = workingDirectory
    self.scriptName = scriptName
  }

  /// The script.
  public var text: String {
    let name = job.experiment
    let script = ShellQuote.word(scriptName)
    var lines = [
      "#!/bin/bash",
      "# RNNLab experiment '\(name)': \(job.sizeText), one Slurm array task per shard.",
    ] + submitLines(script: script, name: name) + [
      "# Re-run some shards only (after a node failure, say): sbatch --array=3,17 \(script)",
      "# Finished trials are skipped, so re-submitting the whole array is safe too.",
      "#SBATCH --job-name=\(name)",
      "#SBATCH --array=0-\(job.shards - 1)" + (parallelism.map { "%\($0)" } ?? ""),
      "#SBATCH --cpus-per-task=\(job.cpus)",
      "#SBATCH --requeue",
      "#SBATCH --signal=B:USR1@90",
      "#SBATCH --open-mode=append",
    ]
    if let time { lines.append("#SBATCH --time=\(time)") }
    if let memory { lines.append("#SBATCH --mem=\(memory)") }
    if let partition { lines.append("#SBATCH --partition=\(partition)") }
    lines += [
      "",
      "set -u",
      "cd \(ShellQuote.word(workingDirectory)) || exit 2",
      "",
      "if [ \"${1:-}\" = report ]; then",
    ]
    lines += job.reportScript().map { "  " + $0 }
    lines += ["fi", ""]
    lines += shardLines
    return lines.joined(separator: "\n") + "\n"
  }

  /// How to submit: the array once (once per rung of a halving search, each
  /// array waiting for the one before), then the report job.
  private func submitLines(script: String, name: String) -> [String] {
    var lines = ["# Written by `runner emit slurm`. Submit it, then the report job, which waits for every shard:"]
    if job.rungs > 1 {
      lines = [
        "# Written by `runner emit slurm`. A halving search with \(job.rungs) rungs: submit the array once per rung,",
        "# each waiting for the one before (a rung is ranked over every shard's trials), then the report job:",
      ]
    }
    lines += ["#", "#   jobid=$(sbatch --parsable \(script))"]
    if job.rungs > 1 {
      lines.append(
        "#   for rung in $(seq 2 \(job.rungs)); do jobid=$(sbatch --parsable --dependency=afterok:$jobid \(script)); done")
    }
    return lines + [
      "#   sbatch --dependency=afterok:$jobid --job-name=\(name)-report --wrap \"bash \(script) report\"", "#",
    ]
  }

  /// The shard's run, in the background so that the shell can catch USR1
  /// (time limit near): it then asks the runner to stop (TERM: checkpoints are
  /// saved) and requeues the task. TERM from scancel or preemption reaches
  /// the runner directly; the shell only waits for it. Exit 1 (some trials
  /// diverged or failed) is a finished shard. A USR1 that comes before the
  /// runner's pid is known is passed on once it is (`stop` tells it once).
  private var shardLines: [String] {
    [
      "requeue=0 told=0 pid=",
      "stop() { if [ -n \"$pid\" ] && [ \"$told\" = 0 ]; then told=1; kill -TERM \"$pid\" 2>/dev/null; fi; }",
      "trap 'requeue=1; stop' USR1",
      "trap ':' TERM",
      job.runCommand(indexVariable: "SLURM_ARRAY_TASK_ID") + " &",
      "pid=$!",
      "if [ \"$requeue\" = 1 ]; then stop; fi",
      "while :; do wait \"$pid\"; status=$?; kill -0 \"$pid\" 2>/dev/null || break; done",
      "if [ \"$requeue\" = 1 ]; then exec scontrol requeue \"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"; fi",
      "if [ \"$status\" -eq 1 ]; then exit 0; fi  # some trials diverged or failed: still a finished shard",
      "exit \"$status\"",
    ]
  }
}
