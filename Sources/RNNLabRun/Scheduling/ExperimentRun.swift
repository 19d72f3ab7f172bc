import Foundation
import RNNLabBuildInfo
import RNNLabEngine
import RNNLabResults
import RNNLabSpec

/// `runner run`: trains the trials of a plan (or of one shard of it) that are
/// not done yet, into one results folder, and reports how it went.
///
/// In order: check the memory estimates (`--memory-limit`, before anything
/// is written); take the folder's lock; decide from the folder what is done
/// (resume); write `spec.yaml` and `manifest.json`; clear interrupted trial
/// folders; train the rest on `jobs` threads, Ctrl-C stopping at a step
/// boundary; write `summary.csv` and the report; say how it ended.
///
/// Trials, not matrix products, run in parallel: each trial trains on one
/// thread, with the kernels of `InstructionSet.active` (recorded as `isa`).
public struct ExperimentRun {
  /// What to run and how.
  public struct Options: Sendable {
    /// The results folder (`results/<name>` unless `--out`).
    public var folder: URL
    public var jobs: Int
    public var shard: Shard
    /// Where the shard came from when a cluster's environment chose it
    /// (`SLURM_ARRAY_TASK_ID=3, …`), for the opening line; nil otherwise.
    public var shardSource: String?
    /// Re-run finished trials whose configuration changed (`--force`).
    public var force: Bool
    public var progressMode: ProgressReporter.Mode
    /// Recorded in `manifest.json`.
    public var runnerVersion: String
    /// When set, only the trials with these plan indexes run (within the
    /// shard): `runner verify --sample` re-runs a few trials of a plan.
    public var only: Set<Int>?
    /// The spec file the plan was read from: never overwritten, even when it
    /// is the results folder's own `spec.yaml`.
    public var specFile: URL?
    /// Where halving trials take their rungs from instead of ranking them:
    /// `runner verify` replays each sampled trial's recorded rungs
    /// (`HalvingRounds.replay`), as its bracket is not re-run.
    public var rungsFrom: URL?
    /// Trials whose estimated peak memory exceeds this many bytes are refused
    /// before anything is written (`--memory-limit`); nil = no limit.
    public var memoryLimit: UInt64?

    public init(
      folder: URL, jobs: Int = TrialScheduler.defaultJobs, shard: Shard = .whole, shardSource: String? = nil,
      force: Bool = false, progressMode: ProgressReporter.Mode = .lines, runnerVersion: String,
      only: Set<Int>? = nil, specFile: URL? = nil, memoryLimit: UInt64? = nil, rungsFrom: URL? = nil
    ) {
      self.rungsFrom = rungsFrom
      self.specFile = specFile
      self.memoryLimit = memoryLimit
      self.folder = folder
      self.jobs = jobs
      self.shard = shard
      self.shardSource = shardSource
      self.force = force
      self.progressMode = progressMode
      self.runnerVersion = runnerVersion
      self.only = only
    }
  }

  public let plan: Plan
  public let options: Options
  /// Writes `summary.csv`, the report and plots for a results folder and
  /// returns the files written; nil leaves them to a later `runner report`
  /// (`--no-report`, for the shards of a cluster job).
  public let writeReport: (@Sendable (URL) throws -> [URL])?

  public init(plan: Plan, options: Options, writeReport: (@Sendable (URL) throws -> [URL])?) {
    self.plan = plan
    self.options = options
    self.writeReport = writeReport
  }

  /// Runs and returns the exit code; progress goes to stderr, the closing
  /// lines to stdout. Throws `RunnerError` for bad input found before any
  /// training (folder in use, changed trials without `--force`) and
  /// `AtomicFileError` when a file cannot be written.
  public func perform(printLine: @Sendable (String) -> Void = { print($0) }) throws -> RunExitCode {
    let started = ProgressReporter.monotonicSeconds()
    let store = ResultsStore(root: options.folder)
    let layout = store.layout
    let trials = options.shard.slice(plan.trials) { $0.index }
      .filter { options.only?.contains($0.index) ?? true }
    let keys = trials.map { ResumePlanner.TrialKey(id: $0.id, configHash: $0.configHash) }
    if let limit = options.memoryLimit {
      // Before the lock, so a refusal writes nothing (not even the folder or
      // `.lock`). Read without the lock, the folder may still change; the
      // trials not yet done (with `--force`'s re-runs) are a safe superset.
      let pending = (try? ResumePlanner.plan(keys, store: store, force: true).toRun) ?? Array(trials.indices)
      try MemoryEstimate.check(pending.map { trials[$0] }, limit: limit, jobs: options.jobs)
    }
    let lock = try ResultsLock.acquire(folder: options.folder, shard: options.shard)
    defer { lock.release() }
    let decision = try ResumePlanner.plan(keys, store: store, force: options.force)
    if try SpecFileGuard.mustWrite(plan.spec.resolvedYAML, to: layout.specURL, input: options.specFile) {
      try AtomicFile.write(plan.spec.resolvedYAML, to: layout.specURL)
    }
    try writeManifest(layout)
    try ResultsLock.createFolder(layout.trialsFolder)  // an empty shard still leaves a results folder
    try ResumePlanner.clearFolders(for: decision, store: store)
    if options.shard.isWhole { store.removeTemporaryFiles() }

    let toRun = decision.toRun.map { trials[$0] }
    var tally = RunTally(planned: trials.count, alreadyDone: decision.alreadyDone.count)
    tally.earlierDivergedOrFailed = decision.alreadyDone.filter { position in
      let status = ResultsStore.summaryString("status", in: layout.summaryURL(trial: trials[position].id))
      return status != TrialStatus.done.rawValue && status != TrialStatus.pruned.rawValue
    }.count
    let progress = ProgressReporter(
      mode: options.progressMode, totalTrials: toRun.count,
      totalWork: toRun.reduce(0) { $0 + TrialRunner.work(of: $1) })
    if let warning = lock.warning { progress.error(warning) }
    progress.note(announcement(trials: trials.count, decision: decision, running: toRun.count))
    let stop = StopFlag()
    let trap = SignalTrap(flag: stop) { _ in
      progress.note("stopping at the next step boundary (Ctrl-C again to quit at once)")
    }
    defer { withExtendedLifetime(trap) {} }  // a second Ctrl-C quits at once until the very end
    SignalPhase.training = true
    progress.start()
    let runner = TrialRunner(layout: layout, stop: stop, progress: progress, isa: InstructionSet.active.rawValue)
    // Trials of halving searches go rung by rung, each round decided from
    // the folder (`HalvingRounds`); every other trial runs in the first round.
    let rounds = HalvingRounds(plan: plan, store: store)
    let halvingSlice = Set(trials.filter { $0.search?.halving != nil }.map(\.index))
    var pending = toRun.filter { $0.search?.halving == nil }.map { HalvingRounds.Work(trial: $0, rung: nil) }
    var replays = options.rungsFrom.map { folder in
      toRun.filter { $0.search?.halving != nil }.map { ($0, HalvingRounds.replay($0, recordedIn: ResultsStore(root: folder))) }
    }
    var waiting = 0
    do {
      while !stop.isRaised {
        let next: (work: [HalvingRounds.Work], waiting: Int)
        if let queued = replays {
          next = (queued.compactMap { trial, rungs in rungs.first.map { HalvingRounds.Work(trial: trial, rung: $0) } }, 0)
          replays = queued.map { ($0, Array($1.dropFirst())) }
        } else {
          next = halvingSlice.isEmpty ? ([], 0) : rounds.next(slice: halvingSlice)
        }
        waiting = next.waiting
        let work = pending + next.work
        pending = []
        if work.isEmpty { break }
        let outcomes = try TrialScheduler(jobs: options.jobs).run(work, stop: stop) {
          try runner.run($0.trial, rung: $0.rung)
        }
        for case let outcome?? in outcomes { tally.count(outcome.status) }
      }
    } catch {
      SignalPhase.training = false
      progress.stop()
      throw error
    }
    SignalPhase.training = false  // from here a signal ends the process at once (atomic files)
    progress.stop()
    tally.interrupted = stop.reason != nil
    if waiting > 0 && !tally.interrupted {
      progress.note("\(waiting) trial\(waiting == 1 ? "" : "s") of halving searches wait for rungs that other shards train; run this shard again once they are done")
    }

    if !tally.interrupted {
      if let writeReport {
        let written = try writeReport(options.folder)
        let names = written.map(\.lastPathComponent).filter { !$0.hasSuffix(".svg") }
        let plots = written.count - names.count
        printLine("results: \(options.folder.path) (\((names + (plots > 0 ? ["\(plots) plots"] : [])).joined(separator: ", ")))")
      } else {
        printLine("results: \(options.folder.path) (no report: --no-report; write it with `runner report \(options.folder.path)`)")
      }
    }
    printLine(tally.closingLine(elapsedSeconds: ProgressReporter.monotonicSeconds() - started))
    return tally.exitCode
  }

  /// `manifest.json`, keeping `created` from an earlier run into the same folder.
  private func writeManifest(_ layout: ResultsLayout) throws {
    let created = (try? layout.readManifest())??.created ?? ISO8601DateFormatter().string(from: Date())
    try layout.write(
      Manifest(
        runnerVersion: options.runnerVersion, gitCommit: BuildInfo.commit, host: HostInfo.name,
        isa: InstructionSet.active.rawValue, created: created, platform: HostInfo.platform))
  }

  private func announcement(trials: Int, decision: ResumePlanner.Decision, running: Int) -> String {
    var parts = ["\(plan.summary)"]
    if !options.shard.isWhole {
      let source = options.shardSource.map { " (from \($0))" } ?? ""
      parts.append("shard \(options.shard)\(source): \(trials) trials")
    }
    if !decision.alreadyDone.isEmpty { parts.append("\(decision.alreadyDone.count) already done") }
    if !decision.interrupted.isEmpty { parts.append("\(decision.interrupted.count) interrupted, restarting") }
    if !decision.replaced.isEmpty { parts.append("\(decision.replaced.count) changed, re-running (--force)") }
    let jobs = min(options.jobs, running)
    parts.append(
      running == 0
        ? "nothing to run in \(options.folder.path)"
        : "running \(running) on \(jobs) job\(jobs == 1 ? "" : "s") into \(options.folder.path)")
    return parts.joined(separator: "; ")
  }
}
