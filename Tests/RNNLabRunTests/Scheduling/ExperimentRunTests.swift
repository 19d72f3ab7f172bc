import Foundation
import RNNLabEngine
import RNNLabResults
import RNNLabSpec
import RNNLabTestSupport
import Testing
@testable import RNNLabRun

@Suite struct ExperimentRunTests {
  /// Runs `plan` into `folder` in-process; the "report" is a stub that lists the summaries found.
  @discardableResult
  private func run(
    _ plan: Plan, into folder: URL, jobs: Int = 1, shard: Shard = .whole, force: Bool = false,
    lines: Locked<[String]> = Locked([])
  ) throws -> RunExitCode {
    let options = ExperimentRun.Options(
      folder: folder, jobs: jobs, shard: shard, force: force, progressMode: .quiet, runnerVersion: "test")
    return try ExperimentRun(plan: plan, options: options) { root in
      let summary = root.appendingPathComponent("summary.csv")
      try AtomicFile.write("stub\n", to: summary)
      return [summary]
    }.perform { line in lines.mutate { $0.append(line) } }
  }

  /// Every file of every trial folder, timing fields of summary.json removed.
  private func trialFiles(_ folder: URL) throws -> [String: Data] {
    let trials = folder.appendingPathComponent("trials")
    var files: [String: Data] = [:]
    for id in try FileManager.default.contentsOfDirectory(atPath: trials.path) {
      for name in try FileManager.default.contentsOfDirectory(atPath: trials.appendingPathComponent(id).path) {
        var data = try Data(contentsOf: trials.appendingPathComponent(id).appendingPathComponent(name))
        if name == "summary.json" { data = Self.withoutTimings(data) }
        files["\(id)/\(name)"] = data
      }
    }
    return files
  }

  static func withoutTimings(_ data: Data) -> Data {
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
      .filter { !$0.contains("\"wall_seconds\"") && !$0.contains("\"steps_per_second\"") }
    return Data(lines.joined(separator: "\n").utf8)
  }

  @Test func resultsDoNotDependOnJobsOrShards() throws {
    let plan = try TinyPlans.plan(TinyPlans.grid)
    let one = TemporaryFolder(), two = TemporaryFolder(), sharded = TemporaryFolder()
    defer { [one, two, sharded].forEach { $0.remove() } }
    #expect(try run(plan, into: one.url, jobs: 1) == .ok)
    #expect(try run(plan, into: two.url, jobs: 2) == .ok)
    for index in 0..<3 { #expect(try run(plan, into: sharded.url, jobs: 2, shard: Shard(index: index, count: 3)) == .ok) }
    let reference = try trialFiles(one.url)
    #expect(reference.count == 8 * 5)
    #expect(try trialFiles(two.url) == reference)
    #expect(try trialFiles(sharded.url) == reference)
  }

  @Test func aShardRunsOnlyItsSliceAndSaysSo() throws {
    let plan = try TinyPlans.plan(TinyPlans.grid)
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let lines = Locked<[String]>([])
    #expect(try run(plan, into: folder.url, shard: Shard(index: 1, count: 3), lines: lines) == .ok)
    let ids = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("trials").path)
    #expect(Set(ids) == Set([1, 4, 7].map { plan.trials[$0].id }))
    #expect(lines.value.last?.hasPrefix("3 trials: 3 done (") == true)
  }

  @Test func aSecondRunSkipsWhatIsDoneAndRestartsWhatWasInterrupted() throws {
    let plan = try TinyPlans.plan(TinyPlans.grid)
    let folder = TemporaryFolder()
    defer { folder.remove() }
    try run(plan, into: folder.url, jobs: 2)
    let before = try trialFiles(folder.url)
    // Simulate a kill -9 in the middle of writing one trial, and a trial never started.
    let layout = ResultsLayout(root: folder.url)
    try FileManager.default.removeItem(at: layout.summaryURL(trial: plan.trials[2].id))
    try Data("half".utf8).write(to: layout.metricsURL(trial: plan.trials[2].id))
    try FileManager.default.removeItem(at: layout.trialFolder(plan.trials[5].id))
    let summaryOfOther = try Data(contentsOf: layout.summaryURL(trial: plan.trials[0].id))

    let lines = Locked<[String]>([])
    #expect(try run(plan, into: folder.url, jobs: 2, lines: lines) == .ok)
    #expect(lines.value.last?.hasPrefix("8 trials: 2 done, 6 already done (") == true)
    #expect(try trialFiles(folder.url) == before)
    #expect(try Data(contentsOf: layout.summaryURL(trial: plan.trials[0].id)) == summaryOfOther, "untouched")
  }

  @Test func aChangedConfigurationNeedsForce() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    try run(try TinyPlans.plan(TinyPlans.grid), into: folder.url)
    let changed = try TinyPlans.plan(TinyPlans.grid, overrides: ["models.gru.hidden=5"])
    #expect {
      try run(changed, into: folder.url)
    } throws: { error in
      "\(error)".contains("error: trial 'adding-T5-gru-s1' was run with a different configuration")
        && "\(error)".contains("(and 3 more trials like it); use --force")
    }
    let lines = Locked<[String]>([])
    #expect(try run(changed, into: folder.url, force: true, lines: lines) == .ok)
    #expect(lines.value.last?.hasPrefix("8 trials: 4 done, 4 already done") == true)
    let summary = try #require(try ResultsLayout(root: folder.url).readSummary(trial: "adding-T5-gru-s1"))
    #expect(summary.hidden == 5 && summary.configHash == changed.trials[2].configHash)
  }

  @Test func divergedTrialsMakeTheExitCodeOneAndLeaveTheOthersAlone() throws {
    let plan = try TinyPlans.plan("""
      name: div
      seeds: [1]
      tasks: [{kind: adding, seq_len: [6]}]
      models:
        - {name: wild, cell: rnn, hidden: 4, training: {learning_rate: 10000.0, optimizer: sgd, clip_norm: null}}
        - {name: calm, cell: lstm, hidden: 4}
      training: {steps: 20, batch_size: 4, eval_every: 5, eval_size: 8}
      """)
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let lines = Locked<[String]>([])
    #expect(try run(plan, into: folder.url, jobs: 2, lines: lines) == .trialsFailed)
    #expect(lines.value.last?.hasPrefix("2 trials: 1 done, 1 diverged (") == true)
    let layout = ResultsLayout(root: folder.url)
    #expect(try layout.readSummary(trial: "adding-T6-wild-s1")?.status == .diverged)
    #expect(try layout.readSummary(trial: "adding-T6-calm-s1")?.status == .done)
  }

  @Test func theRunWritesItsSpecManifestAndReport() throws {
    let plan = try TinyPlans.plan(TinyPlans.grid)
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let lines = Locked<[String]>([])
    try run(plan, into: folder.url, lines: lines)
    let layout = ResultsLayout(root: folder.url)
    #expect(try String(contentsOf: layout.specURL, encoding: .utf8) == plan.spec.resolvedYAML)
    let manifest = try #require(try layout.readManifest())
    #expect(manifest.runnerVersion == "test" && manifest.host == HostInfo.name && manifest.isa == InstructionSet.active.rawValue)
    #expect(lines.value.first == "results: \(folder.url.path) (summary.csv)")
    // A later run keeps the creation time.
    try run(plan, into: folder.url)
    #expect(try layout.readManifest()?.created == manifest.created)
  }

  @Test func aFolderInUseIsRefusedBeforeAnythingIsWritten() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let lock = try ResultsLock.acquire(folder: folder.url)
    #expect(throws: RunnerError.self) { try run(try TinyPlans.plan(TinyPlans.grid), into: folder.url) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == [".lock"])
    lock.release()
  }
}
