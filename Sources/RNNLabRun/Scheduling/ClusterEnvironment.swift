import Foundation
import RNNLabText

/// Picks the shard a run works on from the command line and, when the
/// command line does not name one, from the environment a cluster scheduler
/// gives each task: Slurm job arrays and Kubernetes Indexed Jobs.
///
/// Precedence: `--shard I/N` (always wins), then a Slurm job array
/// (`SLURM_ARRAY_TASK_ID`), then a Kubernetes Indexed Job
/// (`JOB_COMPLETION_INDEX`), else the whole plan.
///
/// - Slurm without `--shards`: the index is `SLURM_ARRAY_TASK_ID −
///   SLURM_ARRAY_TASK_MIN` (0 when MIN is unset) and the count is
///   `SLURM_ARRAY_TASK_COUNT`, or `MAX − MIN + 1` when COUNT is unset. A sparse
///   or stepped array (`--array=1,5,9`, `--array=0-15:4`) cannot be mapped to
///   shards safely, so it is refused rather than guessed at.
/// - Slurm with `--shards N`: the array index *is* the shard index (`--array=
///   0-(N-1)`), so re-submitting only some indexes (`sbatch --array=3,17`)
///   runs exactly those shards. The scripts `runner emit slurm` writes do this.
/// - Kubernetes exports only the index, never the completion count, so
///   `JOB_COMPLETION_INDEX` needs `--shards N`.
///
/// A pure function of its inputs, so every rule is unit-tested without a cluster.
public enum ClusterEnvironment {
  /// The shard of a run and where it came from.
  public struct Choice: Equatable, Sendable {
    public var shard: Shard
    /// The environment variables (and flags) it was derived from, e.g.
    /// `SLURM_ARRAY_TASK_ID=3, SLURM_ARRAY_TASK_COUNT=8`; nil when it was
    /// given with `--shard` or is the whole plan.
    public var source: String?

    public init(shard: Shard, source: String? = nil) {
      self.shard = shard
      self.source = source
    }
  }

  /// Slurm's array variables, in the order they are reported.
  static let slurmTaskID = "SLURM_ARRAY_TASK_ID"
  static let slurmCount = "SLURM_ARRAY_TASK_COUNT"
  static let slurmMin = "SLURM_ARRAY_TASK_MIN"
  static let slurmMax = "SLURM_ARRAY_TASK_MAX"
  static let slurmStep = "SLURM_ARRAY_TASK_STEP"
  /// Set by Kubernetes in every pod of an Indexed Job.
  static let kubernetesIndex = "JOB_COMPLETION_INDEX"

  /// The shard to run.
  /// - Parameters:
  ///   - explicit: the `--shard I/N` text, if given.
  ///   - shards: the `--shards N` value, if given.
  ///   - environment: the process environment.
  /// - Throws: `RunnerError` (exit 2) naming the flag or variable at fault.
  public static func shard(explicit: String?, shards: Int?, environment: [String: String]) throws(RunnerError)
    -> Choice
  {
    if let shards, shards < 1 {
      throw RunnerError(path: "--shards", message: "must be at least 1, got \(shards)")
    }
    if let explicit {
      let shard = try Shard(parsing: explicit)
      if let shards, shards != shard.count {
        throw RunnerError(path: "--shards", message: "\(shards) disagrees with --shard \(shard); give one of them")
      }
      return Choice(shard: shard)
    }
    if let taskID = value(slurmTaskID, in: environment) {
      return try slurmShard(taskID: taskID, shards: shards, environment: environment)
    }
    if let index = value(kubernetesIndex, in: environment) {
      guard let shards else {
        throw RunnerError(
          path: kubernetesIndex,
          message: "is set (a Kubernetes Indexed Job), but Kubernetes does not export the number of completions; "
            + "pass --shards N with the Job's completions")
      }
      let position = try integer(index, name: kubernetesIndex)
      return Choice(
        shard: try shard(position, of: shards, name: kubernetesIndex),
        source: "\(kubernetesIndex)=\(index), --shards \(shards)")
    }
    if let shards {
      throw RunnerError(
        path: "--shards",
        message: "\(shards) given, but neither \(slurmTaskID) (a Slurm job array) nor \(kubernetesIndex) "
          + "(a Kubernetes Indexed Job) is set; use --shard I/N to pick a shard by hand")
    }
    return Choice(shard: .whole)
  }

  private static func slurmShard(taskID: String, shards: Int?, environment: [String: String]) throws(RunnerError)
    -> Choice
  {
    let id = try integer(taskID, name: slurmTaskID)
    if let shards {
      return Choice(
        shard: try shard(id, of: shards, name: slurmTaskID), source: "\(slurmTaskID)=\(taskID), --shards \(shards)")
    }
    var used = ["\(slurmTaskID)=\(taskID)"]
    func read(_ name: String) throws(RunnerError) -> Int? {
      guard let text = value(name, in: environment) else { return nil }
      used.append("\(name)=\(text)")
      return try integer(text, name: name)
    }
    let count = try read(slurmCount)
    let low = try read(slurmMin)
    let high = try read(slurmMax)
    let step = try read(slurmStep) ?? 1
    let sparse = RunnerError(
      path: slurmTaskID,
      message: "cannot tell the shard from a sparse or stepped job array (\(used.joined(separator: ", "))); "
        + "submit --array=0-(N-1) with --shards N, or pass --shard I/N")
    let first = low ?? 0
    let span = high.map { $0 - first + 1 }
    guard let total = count ?? span else {
      throw RunnerError(
        path: slurmTaskID,
        message: "is set, but neither \(slurmCount) nor \(slurmMax) is; pass --shards N (the index is then "
          + "\(slurmTaskID)) or --shard I/N")
    }
    if step != 1 || (span != nil && span != total) { throw sparse }
    return Choice(shard: try shard(id - first, of: total, name: slurmTaskID), source: used.joined(separator: ", "))
  }

  /// A non-empty value of `name`, trimmed of spaces.
  private static func value(_ name: String, in environment: [String: String]) -> String? {
    guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
    return text
  }

  private static func integer(_ text: String, name: String) throws(RunnerError) -> Int {
    guard let number = Int(text) else {
      throw RunnerError(path: name, message: "expected a whole number, got '\(EchoedText.escaped(text))'")
    }
    return number
  }

  private static func shard(_ index: Int, of count: Int, name: String) throws(RunnerError) -> Shard {
    guard count >= 1, (0..<count).contains(index) else {
      throw RunnerError(
        path: name,
        message: "shard index \(index) is out of range for \(count) shard\(count == 1 ? "" : "s") "
          + "(expected 0...\(max(0, count - 1)))")
    }
    return try Shard(index: index, count: count)
  }
}
