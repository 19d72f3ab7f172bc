import Foundation
import RNNLabEngine
import RNNLabRandom
import RNNLabResults
import RNNLabSpec
import RNNLabTestSupport
import Testing
@testable import RNNLabRun

/// `runner verify`'s comparison: modes, file comparisons, trial verdicts,
/// the sample, and a whole verification of a tiny plan in-process.
@Suite struct VerificationTests {
  // MARK: - Numbers

  @Test func exactModeComparesBits() {
    let mode = VerificationMode.exact
    #expect(mode.matches(0.25, 0.25))
    #expect(!mode.matches(0.25, 0.25.nextUp))
    #expect(!mode.matches(0.0, -0.0))
    #expect(mode.matches(.nan, .nan))
    #expect(!mode.matches(.nan, 1))
    #expect(mode.matches(text: "0.1", "0.1"))
    #expect(!mode.matches(text: "0.1", "0.10000000000000002"))
  }

  @Test func toleranceModeIsRelativeWithAFloorNearZero() {
    let mode = VerificationMode.tolerance(relative: 1e-3)
    #expect(mode.matches(1.0, 1.0009))
    #expect(!mode.matches(1.0, 1.002))
    #expect(mode.matches(-200, -200.1))
    #expect(mode.matches(1e-30, 3e-30))  // both far below the 1e-6 floor
    #expect(!mode.matches(1e-3, 2e-3))
    #expect(mode.matches(.infinity, .infinity))
    #expect(!mode.matches(.infinity, 1e308))
    #expect(mode.matches(text: "0.5", "0.50001"))
    #expect(!mode.matches(text: "eval", "train"))
  }

  // MARK: - Files

  static let summary = """
    {
      "blas" : "OpenBLAS SkylakeX",
      "final_eval_loss" : 0.125,
      "seq_len" : 10,
      "solved" : false,
      "status" : "done",
      "steps_per_second" : 900.5,
      "trial_id" : "adding-T10-rnn-s1",
      "wall_seconds" : 1.5
    }
    """

  @Test func identicalSummariesMatchWhateverTheirTimings() throws {
    let rerun = Self.summary.replacingOccurrences(of: "900.5", with: "12.25")
      .replacingOccurrences(of: "1.5\n", with: "99\n")
    #expect(try TrialFileComparison.compareSummary(committed: Data(Self.summary.utf8), rerun: Data(rerun.utf8), mode: .exact) == nil)
  }

  @Test func aChangedSummaryValueIsNamed() throws {
    let rerun = Self.summary.replacingOccurrences(of: "0.125", with: "0.12500001")
    let difference = try TrialFileComparison.compareSummary(
      committed: Data(Self.summary.utf8), rerun: Data(rerun.utf8), mode: .exact)
    #expect(difference == TrialDifference(file: "summary.json", location: "final_eval_loss", committed: "0.125", rerun: "0.12500001"))
    #expect(
      try TrialFileComparison.compareSummary(
        committed: Data(Self.summary.utf8), rerun: Data(rerun.utf8), mode: .tolerance(relative: 1e-3)) == nil)
  }

  @Test func theKernelPathIsNotAResult() throws {
    // An older folder names its BLAS; a re-run names its instruction-set path.
    let rerun = Self.summary.replacingOccurrences(of: "\"blas\" : \"OpenBLAS SkylakeX\"", with: "\"isa\" : \"avx2\"")
    #expect(rerun != Self.summary)
    for mode in [VerificationMode.exact, .tolerance(relative: 1e-3)] {
      #expect(
        try TrialFileComparison.compareSummary(
          committed: Data(Self.summary.utf8), rerun: Data(rerun.utf8), mode: mode) == nil)
    }
  }

  @Test func exactOnEveryX86CPUWithTheSameOSToleranceElsewhere() {
    let intel = "Linux x86_64; Intel(R) Xeon(R) Processor", amd = "Linux x86_64; AMD EPYC 9654 96-Core Processor"
    #expect(Verification.expectsIdenticalResults(committed: intel, current: amd))
    #expect(Verification.expectsIdenticalResults(committed: intel + "; OpenBLAS 0.3.21 SkylakeX", current: amd))
    #expect(!Verification.expectsIdenticalResults(committed: intel, current: "Darwin x86_64; Intel(R) Core(TM) i9"))
    #expect(!Verification.expectsIdenticalResults(committed: "Linux aarch64; CPU implementer 0x41 part 0xd0c", current: "Linux aarch64; CPU implementer 0x41 part 0xd40"))
    #expect(Verification.expectsIdenticalResults(committed: "Darwin arm64; Apple M2", current: "Darwin arm64; Apple M2"))
    #expect(!Verification.expectsIdenticalResults(committed: nil, current: intel))
  }

  /// A key added to summary.json later (null when unused) matches its absence
  /// in a folder recorded before; a value where the other has none does not.
  @Test func anAddedNullKeyMatchesItsAbsence() throws {
    let withNull = Self.summary.replacingOccurrences(of: "  \"seq_len\" : 10,\n", with: "  \"config_index\" : null,\n  \"seq_len\" : 10,\n")
    #expect(withNull != Self.summary)
    for (a, b) in [(Self.summary, withNull), (withNull, Self.summary)] {
      #expect(try TrialFileComparison.compareSummary(committed: Data(a.utf8), rerun: Data(b.utf8), mode: .exact) == nil)
    }
    let withValue = withNull.replacingOccurrences(of: "\"config_index\" : null", with: "\"config_index\" : 3")
    let difference = try TrialFileComparison.compareSummary(
      committed: Data(Self.summary.utf8), rerun: Data(withValue.utf8), mode: .exact)
    #expect(difference == TrialDifference(file: "summary.json", location: "config_index", committed: "absent", rerun: "3"))
  }

  @Test func aMissingKeyAndAChangedFlagAreDifferences() throws {
    let noSeqLen = Self.summary.replacingOccurrences(of: "  \"seq_len\" : 10,\n", with: "")
    let missing = try TrialFileComparison.compareSummary(
      committed: Data(Self.summary.utf8), rerun: Data(noSeqLen.utf8), mode: .tolerance(relative: 1))
    #expect(missing == TrialDifference(file: "summary.json", location: "seq_len", committed: "10", rerun: "absent"))
    let solved = Self.summary.replacingOccurrences(of: "false", with: "true")
    let flag = try TrialFileComparison.compareSummary(
      committed: Data(Self.summary.utf8), rerun: Data(solved.utf8), mode: .tolerance(relative: 1))
    #expect(flag?.location == "solved")
  }

  @Test func aKeyAddedLaterAsNullIsNoDifferenceButAValueIs() throws {
    // Folders recorded before `config_index` existed have no such key; a re-run without search writes null.
    let withNull = Self.summary.replacingOccurrences(of: "  \"seq_len\" : 10,\n", with: "  \"config_index\" : null,\n  \"seq_len\" : 10,\n")
    #expect(withNull != Self.summary)
    #expect(try TrialFileComparison.compareSummary(
      committed: Data(Self.summary.utf8), rerun: Data(withNull.utf8), mode: .exact) == nil)
    let withValue = withNull.replacingOccurrences(of: "\"config_index\" : null", with: "\"config_index\" : 3")
    #expect(try TrialFileComparison.compareSummary(
      committed: Data(Self.summary.utf8), rerun: Data(withValue.utf8), mode: .exact)
      == TrialDifference(file: "summary.json", location: "config_index", committed: "absent", rerun: "3"))
  }

  static let metrics = "step,split,metric,value\n0,train,loss,0.5\n0,eval,loss,0.25\n10,eval,loss,0.125\n"

  @Test func csvDifferencesNameTheLineRowAndColumn() throws {
    #expect(
      try TrialFileComparison.compareCSV(
        file: "metrics.csv", keyColumns: 3, committed: Self.metrics, rerun: Self.metrics, mode: .exact) == nil)
    let changed = Self.metrics.replacingOccurrences(of: "0.125", with: "0.1250001")
    let difference = try TrialFileComparison.compareCSV(
      file: "metrics.csv", keyColumns: 3, committed: Self.metrics, rerun: changed, mode: .exact)
    #expect(difference?.description == "metrics.csv line 4 [step=10 split=eval metric=loss] value: committed 0.125, re-run 0.1250001")
    #expect(
      try TrialFileComparison.compareCSV(
        file: "metrics.csv", keyColumns: 3, committed: Self.metrics, rerun: changed, mode: .tolerance(relative: 1e-3)) == nil)
    #expect(
      try TrialFileComparison.compareCSV(
        file: "metrics.csv", keyColumns: 3, committed: Self.metrics, rerun: changed, mode: .tolerance(relative: 1e-7)) != nil)
  }

  @Test func csvRowCountAndTextDifferencesAreFound() throws {
    let shorter = String(Self.metrics.split(separator: "\n").dropLast().joined(separator: "\n") + "\n")
    let rows = try TrialFileComparison.compareCSV(
      file: "metrics.csv", keyColumns: 3, committed: Self.metrics, rerun: shorter, mode: .exact)
    #expect(rows == TrialDifference(file: "metrics.csv", location: "rows", committed: "3 rows", rerun: "2 rows"))
    let split = Self.metrics.replacingOccurrences(of: "0,eval", with: "0,train")
    let text = try TrialFileComparison.compareCSV(
      file: "metrics.csv", keyColumns: 3, committed: Self.metrics, rerun: split, mode: .tolerance(relative: 1))
    #expect(text?.location == "line 3 [step=0 split=eval metric=loss] split")
  }

  // MARK: - Trials and whole runs

  @Test func trialVerdictsFromFoldersNameTheTrialAndField() throws {
    let (committed, rerun, id) = try twoRunsOfOneTrial()
    defer { committed.remove(); rerun.remove() }
    let old = ResultsLayout(root: committed.url), new = ResultsLayout(root: rerun.url)
    let same = try TrialVerdict(trialID: id, committed: old, rerun: new, mode: .exact)
    #expect(same.matched)
    #expect(same.files.map(\.state) == [.same, .same, .same, .same])

    let url = old.metricsURL(trial: id)
    var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    let row = lines.firstIndex { $0.hasPrefix("3,train,grad_norm,") }!
    let original = lines[row].split(separator: ",").last!
    lines[row] = "3,train,grad_norm,\(Double(original)! * 1.5)"
    try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    let changed = try TrialVerdict(trialID: id, committed: old, rerun: new, mode: .exact)
    #expect(!changed.matched)
    #expect(changed.trialID == "adding-T5-rnn-s1")
    #expect(changed.files.map(\.state) == [.same, .differs, .same, .same])
    #expect(changed.difference?.file == "metrics.csv")
    #expect(changed.difference?.location == "line \(row + 1) [step=3 split=train metric=grad_norm] value")
    #expect(changed.difference?.rerun == String(original))
  }

  @Test func weightsAreComparedElementByElementWhenTheCommittedFolderKeepsThem() throws {
    let (committed, rerun, id) = try twoRunsOfOneTrial()
    defer { committed.remove(); rerun.remove() }
    let old = ResultsLayout(root: committed.url), new = ResultsLayout(root: rerun.url)
    let url = old.weightsURL(trial: id)
    var tensors = try SafeTensors.read(from: url)
    let tensor = try #require(tensors.firstIndex { $0.name == "rnn.weight_hh_l0" })
    let original = tensors[tensor].values[2]
    tensors[tensor].values[2] = original.nextUp
    try SafeTensors.write(tensors, to: url)
    let exact = try TrialVerdict(trialID: id, committed: old, rerun: new, mode: .exact)
    #expect(exact.files.map(\.state) == [.same, .same, .same, .differs])
    #expect(exact.difference == TrialDifference(
      file: "weights.safetensors", location: "rnn.weight_hh_l0[2]",
      committed: CSV.number(Double(original.nextUp)), rerun: CSV.number(Double(original))))
    #expect(try TrialVerdict(trialID: id, committed: old, rerun: new, mode: .tolerance(relative: 1e-3)).matched)

    // Results committed without weights (e.g. kept out of git) still verify.
    try FileManager.default.removeItem(at: url)
    let withoutWeights = try TrialVerdict(trialID: id, committed: old, rerun: new, mode: .exact)
    #expect(withoutWeights.matched)
    #expect(withoutWeights.files.map(\.state) == [.same, .same, .same, .skipped])

    // A damaged committed file is a difference, not a crash; and when the
    // committed folder keeps weights, a missing file is one too.
    try Data("not safetensors".utf8).write(to: url)
    let damaged = try TrialVerdict(trialID: id, committed: old, rerun: new, mode: .exact)
    #expect(damaged.difference == TrialDifference(
      file: "weights.safetensors", location: "file", committed: "unreadable", rerun: "present"))
    try FileManager.default.removeItem(at: url)
    let missing = try TrialVerdict(trialID: id, committed: old, rerun: new, mode: .exact, weightsKept: true)
    #expect(missing.difference == TrialDifference(
      file: "weights.safetensors", location: "file", committed: "absent", rerun: "present"))
  }

  @Test func verificationMatchesItsOwnRunAndFindsTampering() throws {
    let plan = try TinyPlans.plan(TinyPlans.grid)
    let committed = TemporaryFolder()
    defer { committed.remove() }
    try runQuietly(plan, into: committed.url)
    let verification = Verification(
      plan: plan, options: .init(committed: committed.url, jobs: 2, progressMode: .quiet, runnerVersion: "test"))
    let setting = try verification.setting()
    #expect(setting.mode == .exact)  // recorded on this machine a moment ago
    #expect(setting.committedPlatform == HostInfo.platform)
    let report = try verification.perform()
    #expect(report.allMatched)
    #expect(report.verdicts.map(\.trialID) == plan.trials.map(\.id))
    #expect(report.table.hasSuffix("8 trials: 8 matched (bit-identical)\n"))

    // Another platform (as the manifest says) switches to the tolerance.
    let layout = ResultsLayout(root: committed.url)
    var manifest = try #require(try layout.readManifest())
    manifest.platform = "Darwin arm64; Apple M9"
    try layout.write(manifest)
    #expect(try verification.setting().mode == .tolerance(relative: VerificationMode.defaultRelativeTolerance))

    // A missing trial and a tampered one are mismatches; the rest still match.
    try FileManager.default.removeItem(at: layout.trialFolder(plan.trials[1].id))
    let flow = layout.gradientFlowURL(trial: plan.trials[5].id)
    let text = try String(contentsOf: flow, encoding: .utf8)
    let lines = text.split(separator: "\n")
    var fields = lines[1].split(separator: ",").map(String.init)
    fields[4] = String(Double(fields[4])! * 2)
    let tampered = ([lines[0], Substring(fields.joined(separator: ","))] + lines.dropFirst(2)).joined(separator: "\n") + "\n"
    try tampered.write(to: flow, atomically: true, encoding: .utf8)
    let second = try verification.perform()
    #expect(!second.allMatched)
    #expect(second.mismatchedCount == 2)
    let missing = second.verdicts[1], changed = second.verdicts[5]
    #expect(missing.difference?.location == "trial" && missing.files.allSatisfy { $0.state == .skipped })
    #expect(changed.difference?.file == "gradient_flow.csv")
    #expect(changed.difference?.location.hasPrefix("line 2 [step=0 layer=0 direction=forward timestep=1] norm_dh") == true)
    #expect(second.table.contains("\(plan.trials[5].id)  same"))
    #expect(second.table.hasSuffix("8 trials: 6 matched, 2 mismatched (within relative tolerance 0.001)\n"))
  }

  @Test func aChangedConfigurationIsReportedWithoutRunning() throws {
    let plan = try TinyPlans.plan(TinyPlans.grid, overrides: ["seeds=[1]", "tasks.adding.seq_len=[5]"])
    let committed = TemporaryFolder()
    defer { committed.remove() }
    try runQuietly(plan, into: committed.url)
    let changed = try TinyPlans.plan(
      TinyPlans.grid, overrides: ["seeds=[1]", "tasks.adding.seq_len=[5]", "models.gru.hidden=5"])
    let report = try Verification(
      plan: changed, options: .init(committed: committed.url, jobs: 1, progressMode: .quiet, runnerVersion: "test")
    ).perform()
    #expect(report.verdicts.map(\.matched) == [true, false])
    #expect(report.verdicts[1].difference?.location == "config_hash")
  }

  @Test func aFolderWithoutManifestIsBadInput() throws {
    let plan = try TinyPlans.plan(TinyPlans.grid)
    let empty = TemporaryFolder()
    defer { empty.remove() }
    let verification = Verification(
      plan: plan, options: .init(committed: empty.url, progressMode: .quiet, runnerVersion: "test"))
    #expect(throws: RunnerError.self) { try verification.perform() }
  }

  @Test func theSampleIsDeterministicScatteredAndInPlanOrder() throws {
    let plan = try TinyPlans.plan(TinyPlans.grid)
    let sample = VerificationSample.trials(of: plan, size: 3)
    #expect(sample.count == 3)
    #expect(sample.map(\.index) == sample.map(\.index).sorted())
    #expect(VerificationSample.trials(of: plan, size: 3) == sample)
    let byKey = plan.trials.sorted { StableHash.combine(fnv1a($0.id), 0) < StableHash.combine(fnv1a($1.id), 0) }
    #expect(Set(sample.map(\.id)) == Set(byKey.prefix(3).map(\.id)))
    // Seeds of one grid point are not picked as a block (as plain FNV-1a would do).
    let long = try TinyPlans.plan(TinyPlans.grid, overrides: ["seeds=[1, 2, 3, 4, 5, 6, 7, 8]"])
    let picked = VerificationSample.trials(of: long, size: 8)
    #expect(Set(picked.map { "\($0.seqLen)-\($0.model.name)" }).count >= 3)
    #expect(VerificationSample.trials(of: plan, size: nil) == plan.trials)
    #expect(VerificationSample.trials(of: plan, size: 100) == plan.trials)
  }

  @Test func platformNamesOSArchitectureAndCPU() {
    let platform = HostInfo.platform
    #expect(platform.hasPrefix("\(HostInfo.operatingSystem) \(HostInfo.architecture); "))
    #expect(platform.split(separator: ";").count == 2)
    #expect(!HostInfo.operatingSystem.isEmpty && !HostInfo.architecture.isEmpty)
    let cpuinfo = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Gold 6148\n\nprocessor\t: 1\nmodel name\t: Other\n"
    #expect(HostInfo.cpuModel(inCPUInfo: cpuinfo) == "Intel(R) Xeon(R) Gold 6148")
    let arm = "processor\t: 0\nCPU implementer\t: 0x41\nCPU part\t: 0xd0c\n"
    #expect(HostInfo.cpuModel(inCPUInfo: arm) == "CPU implementer 0x41 part 0xd0c")
  }

  /// The first trial of a tiny plan, run into two folders.
  private func twoRunsOfOneTrial() throws -> (committed: TemporaryFolder, rerun: TemporaryFolder, id: String) {
    let plan = try TinyPlans.plan(TinyPlans.grid, overrides: ["seeds=[1]", "tasks.adding.seq_len=[5]"])
    let committed = TemporaryFolder(), rerun = TemporaryFolder()
    try runQuietly(plan, into: committed.url)
    try runQuietly(plan, into: rerun.url)
    return (committed, rerun, plan.trials[0].id)
  }

  private func runQuietly(_ plan: Plan, into folder: URL) throws {
    let options = ExperimentRun.Options(folder: folder, jobs: 2, progressMode: .quiet, runnerVersion: "test")
    #expect(try ExperimentRun(plan: plan, options: options) { _ in [] }.perform { _ in } == .ok)
  }
}

/// FNV-1a 64, written out here so the test does not just call the code under test.
private func fnv1a(_ text: String) -> UInt64 {
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for byte in text.utf8 {
    hash ^= UInt64(byte)
    hash &*= 0x0000_0100_0000_01b3
  }
  return hash
}
