import Testing
@testable import RNNLabRun

@Suite struct ClusterEnvironmentTests {
  private func choose(
    _ environment: [String: String], shard: String? = nil, shards: Int? = nil
  ) throws(RunnerError) -> ClusterEnvironment.Choice {
    try ClusterEnvironment.shard(explicit: shard, shards: shards, environment: environment)
  }

  private func message(
    _ environment: [String: String], shard: String? = nil, shards: Int? = nil
  ) -> String? {
    do {
      _ = try choose(environment, shard: shard, shards: shards)
      return nil
    } catch {
      #expect(error.exitCode == .badInput)
      return error.description
    }
  }

  @Test func noFlagsAndNoSchedulerIsTheWholePlan() throws {
    let choice = try choose(["PATH": "/usr/bin", "SLURM_JOB_ID": "77"])  // a plain Slurm job, not an array
    #expect(choice == ClusterEnvironment.Choice(shard: .whole, source: nil))
  }

  @Test func explicitShardWinsOverTheEnvironment() throws {
    let environment = ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "8", "JOB_COMPLETION_INDEX": "1"]
    #expect(try choose(environment, shard: "1/2") == .init(shard: Shard(index: 1, count: 2)))
    #expect(try choose(environment, shard: "1/2", shards: 2).shard == Shard(index: 1, count: 2))
    #expect(message(environment, shard: "1/2", shards: 3) == "--shards: error: 3 disagrees with --shard 1/2; give one of them")
  }

  @Test func slurmArrayWithCount() throws {
    let choice = try choose(["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "8", "SLURM_ARRAY_TASK_MIN": "0",
                             "SLURM_ARRAY_TASK_MAX": "7"])
    #expect(choice.shard == (try Shard(index: 3, count: 8)))
    #expect(choice.source == "SLURM_ARRAY_TASK_ID=3, SLURM_ARRAY_TASK_COUNT=8, SLURM_ARRAY_TASK_MIN=0, SLURM_ARRAY_TASK_MAX=7")
    let countOnly = try choose(["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "1"])
    #expect(countOnly.shard == .whole)
    #expect(countOnly.source == "SLURM_ARRAY_TASK_ID=0, SLURM_ARRAY_TASK_COUNT=1")
  }

  @Test func slurmArrayNotStartingAtZeroIsCountedFromItsMinimum() throws {
    // sbatch --array=1-4 (older Slurm exports no COUNT): shards 0..3.
    let choice = try choose(["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "4"])
    #expect(choice.shard == (try Shard(index: 3, count: 4)))
    #expect(choice.source == "SLURM_ARRAY_TASK_ID=4, SLURM_ARRAY_TASK_MIN=1, SLURM_ARRAY_TASK_MAX=4")
    #expect(try choose(["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "4",
                        "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_STEP": "1"]).shard == Shard(index: 0, count: 4))
  }

  @Test func sparseOrSteppedSlurmArraysAreRefused() {
    let hint = "submit --array=0-(N-1) with --shards N, or pass --shard I/N"
    #expect(message(["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "1",
                     "SLURM_ARRAY_TASK_MAX": "9"])
      == "SLURM_ARRAY_TASK_ID: error: cannot tell the shard from a sparse or stepped job array (SLURM_ARRAY_TASK_ID=5, "
      + "SLURM_ARRAY_TASK_COUNT=3, SLURM_ARRAY_TASK_MIN=1, SLURM_ARRAY_TASK_MAX=9); \(hint)")
    #expect(message(["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "12",
                     "SLURM_ARRAY_TASK_STEP": "4"])?.hasSuffix(hint) == true)
    #expect(message(["SLURM_ARRAY_TASK_ID": "3"])
      == "SLURM_ARRAY_TASK_ID: error: is set, but neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX is; "
      + "pass --shards N (the index is then SLURM_ARRAY_TASK_ID) or --shard I/N")
  }

  @Test func slurmWithShardsUsesTheArrayIndexAsIs() throws {
    // Re-submitting two failed shards of eight: sbatch --array=2,5 (COUNT=2, MIN=2, MAX=5).
    let environment = ["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_COUNT": "2", "SLURM_ARRAY_TASK_MIN": "2",
                       "SLURM_ARRAY_TASK_MAX": "5"]
    let choice = try choose(environment, shards: 8)
    #expect(choice.shard == (try Shard(index: 5, count: 8)))
    #expect(choice.source == "SLURM_ARRAY_TASK_ID=5, --shards 8")
    #expect(message(environment, shards: 4)
      == "SLURM_ARRAY_TASK_ID: error: shard index 5 is out of range for 4 shards (expected 0...3)")
  }

  @Test func slurmOutOfRangeAndMalformedValues() {
    #expect(message(["SLURM_ARRAY_TASK_ID": "8", "SLURM_ARRAY_TASK_COUNT": "8"])
      == "SLURM_ARRAY_TASK_ID: error: shard index 8 is out of range for 8 shards (expected 0...7)")
    #expect(message(["SLURM_ARRAY_TASK_ID": "x"]) == "SLURM_ARRAY_TASK_ID: error: expected a whole number, got 'x'")
    #expect(message(["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "four"])
      == "SLURM_ARRAY_TASK_COUNT: error: expected a whole number, got 'four'")
  }

  @Test func kubernetesIndexedJobNeedsShards() throws {
    let choice = try choose(["JOB_COMPLETION_INDEX": "2"], shards: 4)
    #expect(choice.shard == (try Shard(index: 2, count: 4)))
    #expect(choice.source == "JOB_COMPLETION_INDEX=2, --shards 4")
    #expect(message(["JOB_COMPLETION_INDEX": "2"])
      == "JOB_COMPLETION_INDEX: error: is set (a Kubernetes Indexed Job), but Kubernetes does not export the number "
      + "of completions; pass --shards N with the Job's completions")
    #expect(message(["JOB_COMPLETION_INDEX": "4"], shards: 4)
      == "JOB_COMPLETION_INDEX: error: shard index 4 is out of range for 4 shards (expected 0...3)")
    #expect(message(["JOB_COMPLETION_INDEX": "-1"], shards: 4)?.hasPrefix("JOB_COMPLETION_INDEX: error: shard index -1") == true)
  }

  @Test func slurmComesBeforeKubernetes() throws {
    let choice = try choose(["JOB_COMPLETION_INDEX": "1", "SLURM_ARRAY_TASK_ID": "2"], shards: 3)
    #expect(choice.source == "SLURM_ARRAY_TASK_ID=2, --shards 3")
  }

  @Test func shardsWithoutAnIndexIsAnError() {
    #expect(message([:], shards: 4)
      == "--shards: error: 4 given, but neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX "
      + "(a Kubernetes Indexed Job) is set; use --shard I/N to pick a shard by hand")
    #expect(message(["JOB_COMPLETION_INDEX": "0"], shards: 0) == "--shards: error: must be at least 1, got 0")
    #expect(message(["SLURM_ARRAY_TASK_ID": " "], shards: 2)?.hasPrefix("--shards: error: 2 given, but neither") == true)
  }
}
