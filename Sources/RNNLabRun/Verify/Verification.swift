import Foundation
import RNNLabResults
import RNNLabSpec

/// `runner verify`: re-runs a spec (or a sample of its trials) into a
/// temporary folder and compares every trial with a committed results folder.
///
/// On x86-64 with the OS the committed folder was recorded on (its
/// manifest's `platform` starts with this machine's `OS x86_64`), whatever the
/// CPU, the re-run must be bit-identical; elsewhere (arm64, another OS) every
/// number must agree within a relative tolerance. Trials the
/// committed folder lacks, or ran with another configuration, are reported
/// as mismatches without being run.
public struct Verification {
  /// How to verify.
  public struct Options: Sendable {
    /// The committed results folder.
    public var committed: URL
    /// Re-run only this many trials (see `VerificationSample`); nil = all.
    public var sample: Int?
    /// Force a mode; nil decides from the manifests' platforms.
    public var mode: VerificationMode?
    /// The relative tolerance used when the platforms differ.
    public var tolerance: Double
    public var jobs: Int
    public var progressMode: ProgressReporter.Mode
    public var runnerVersion: String
    /// Where to re-run; nil = a fresh temporary folder, removed afterwards.
    public var scratch: URL?

    public init(
      committed: URL, sample: Int? = nil, mode: VerificationMode? = nil,
      tolerance: Double = VerificationMode.defaultRelativeTolerance, jobs: Int = TrialScheduler.defaultJobs,
      progressMode: ProgressReporter.Mode = .lines, runnerVersion: String, scratch: URL? = nil
    ) {
      self.committed = committed
      self.sample = sample
      self.mode = mode
      self.tolerance = tolerance
      self.jobs = jobs
      self.progressMode = progressMode
      self.runnerVersion = runnerVersion
      self.scratch = scratch
    }
  }

  public let plan: Plan
  public let options: Options

  public init(plan: Plan, options: Options) {
    self.plan = plan
    self.options = options
  }

  /// The platform check done before any training: which mode applies and why.
  public struct Setting: Equatable, Sendable {
    public var mode: VerificationMode
    /// The committed manifest's platform (nil when it records none).
    public var committedPlatform: String?
    public var currentPlatform: String
    /// Whether `mode` was forced rather than decided from the platforms.
    public var forced: Bool
  }

  /// Reads the committed manifest and decides the mode.
  /// - Throws: `RunnerError` (bad input) when the folder has no readable manifest.
  public func setting(currentPlatform: String = HostInfo.platform) throws(RunnerError) -> Setting {
    let layout = ResultsLayout(root: options.committed)
    let manifest: Manifest?
    do {
      manifest = try layout.readManifest()
    } catch {
      throw RunnerError(path: layout.manifestURL.path, message: "\(error)")
    }
    guard let manifest else {
      throw RunnerError(path: options.committed.path, message: "not a results folder (no manifest.json)")
    }
    let exact = Self.expectsIdenticalResults(committed: manifest.platform, current: currentPlatform)
    let mode = options.mode ?? (exact ? .exact : .tolerance(relative: options.tolerance))
    return Setting(
      mode: mode, committedPlatform: manifest.platform, currentPlatform: currentPlatform, forced: options.mode != nil)
  }

  /// Whether results recorded on the `committed` platform must come out
  /// bit-identical on `current`: the same platform string, or the same OS on
  /// x86-64 with any CPU (the kernels fix every summation order and give the
  /// same bits on each instruction-set path). Across OSes the C library's
  /// `log`/`cos`/`pow` may round differently; other architectures run other
  /// instructions (arm64 NEON has FMA but another compiler's code for the
  /// elementwise math), so they get the tolerance.
  public static func expectsIdenticalResults(committed: String?, current: String) -> Bool {
    guard let committed else { return false }
    if committed == current { return true }
    let machine = { (platform: String) in platform.split(separator: ";").first.map(String.init) }
    guard let system = machine(committed), system == machine(current) else { return false }
    return system.hasSuffix(" x86_64")
  }

  /// Runs and compares. `announce` receives the setting before training starts.
  /// - Throws: `RunnerError` for bad input, `ResultsError` when a committed
  ///   file is malformed, `AtomicFileError` when the scratch folder cannot be written.
  public func perform(announce: (Setting, [Trial]) -> Void = { _, _ in }) throws -> VerificationReport {
    let setting = try setting()
    let chosen = VerificationSample.trials(of: plan, size: options.sample)
    announce(setting, chosen)
    let committed = ResultsStore(root: options.committed)
    var skipped: [String: TrialVerdict.Skip] = [:]
    for trial in chosen {
      switch try committed.state(ofTrial: trial.id) {
      case .finished(let hash) where hash == trial.configHash: break
      case .finished(let hash): skipped[trial.id] = .configChanged(committed: hash ?? "unreadable", spec: trial.configHash)
      case .incomplete: break  // re-run: its missing or unreadable weights are the difference
      case .absent, .partial: skipped[trial.id] = .missing
      }
    }
    let toRun = chosen.filter { skipped[$0.id] == nil }
    if options.scratch == nil { VerificationScratch.sweep() }  // folders of verifies that were killed
    let scratch = options.scratch ?? VerificationScratch.newFolder()
    defer { if options.scratch == nil { try? FileManager.default.removeItem(at: scratch) } }
    var runStatus = RunExitCode.ok
    if !toRun.isEmpty {
      let run = ExperimentRun(
        plan: plan,
        options: ExperimentRun.Options(
          folder: scratch, jobs: options.jobs, progressMode: options.progressMode,
          runnerVersion: options.runnerVersion, only: Set(toRun.map(\.index)), rungsFrom: options.committed)
      ) { _ in [] }
      runStatus = try run.perform(printLine: { _ in })
    }
    if runStatus == .interrupted { return VerificationReport(setting: setting, verdicts: [], interrupted: true) }
    let rerun = ResultsLayout(root: scratch)
    let weightsKept = Self.keepsWeights(committed.layout)
    let verdicts = try chosen.map { trial in
      if let reason = skipped[trial.id] { return TrialVerdict(trialID: trial.id, skipped: reason) }
      return try TrialVerdict(
        trialID: trial.id, committed: committed.layout, rerun: rerun, mode: setting.mode, weightsKept: weightsKept)
    }
    return VerificationReport(setting: setting, verdicts: verdicts, interrupted: false)
  }

  /// Whether any trial of the committed folder has `weights.safetensors`: then
  /// weights are part of what is verified, and a trial without them differs.
  static func keepsWeights(_ layout: ResultsLayout) -> Bool {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: layout.trialsFolder.path)) ?? []
    return names.contains { ResultsStore.entryExists(layout.weightsURL(trial: $0)) }
  }

}
