import Foundation
import RNNLabEngine
import RNNLabResults

/// Whether one trial's re-run reproduced its committed files, and if not,
/// where it first differs.
public struct TrialVerdict: Equatable, Sendable {
  /// How one file of the trial compared.
  public enum FileState: String, Equatable, Sendable {
    /// Equal under the mode (or absent in both folders).
    case same
    case differs
    /// Not compared: the trial was missing or configured differently, or
    /// (weights only) the committed folder does not keep weights.
    case skipped = "-"
  }

  /// Why a trial was not re-run.
  public enum Skip: Equatable, Sendable {
    /// The committed folder has no finished trial of this id.
    case missing
    /// The committed trial ran with another configuration (hash).
    case configChanged(committed: String, spec: String)
  }

  public let trialID: String
  /// `summary.json`, `metrics.csv`, `gradient_flow.csv`, `weights.safetensors`, in that order.
  public let files: [(name: String, state: FileState)]
  /// The first difference, in file order; nil when everything matched.
  public let difference: TrialDifference?

  public var matched: Bool { difference == nil && !files.contains { $0.state == .differs } }

  /// Names of the compared files, in the order of `files`.
  public static let fileNames =
    [ResultsLayout.FileName.summary] + TrialFileComparison.csvFiles.map(\.name) + [ResultsLayout.FileName.weights]

  public static func == (a: TrialVerdict, b: TrialVerdict) -> Bool {
    a.trialID == b.trialID && a.difference == b.difference
      && a.files.map(\.name) == b.files.map(\.name) && a.files.map(\.state) == b.files.map(\.state)
  }

  /// A trial that could not be compared, with the reason as its difference.
  public init(trialID: String, skipped reason: Skip) {
    self.trialID = trialID
    files = Self.fileNames.map { ($0, .skipped) }
    switch reason {
    case .missing:
      difference = TrialDifference(
        file: ResultsLayout.FileName.summary, location: "trial", committed: "absent", rerun: "present")
    case .configChanged(let committed, let spec):
      difference = TrialDifference(
        file: ResultsLayout.FileName.summary, location: "config_hash", committed: committed, rerun: spec)
    }
  }

  /// Compares the trial's files in two results folders.
  /// - Throws: `ResultsError` when a file cannot be read or parsed.
  /// `weightsKept`: the committed folder keeps weights (some trial has them),
  /// so a trial without readable weights is a difference, not a skip.
  public init(
    trialID: String, committed: ResultsLayout, rerun: ResultsLayout, mode: VerificationMode, weightsKept: Bool = false
  ) throws {
    self.trialID = trialID
    var files: [(String, FileState)] = []
    var first: TrialDifference?
    func note(_ name: String, _ difference: TrialDifference?) {
      files.append((name, difference == nil ? .same : .differs))
      if first == nil { first = difference }
    }
    let summaryName = ResultsLayout.FileName.summary
    let oldSummary = committed.summaryURL(trial: trialID), newSummary = rerun.summaryURL(trial: trialID)
    note(
      summaryName,
      try Self.presence(summaryName, oldSummary, newSummary)
        ?? TrialFileComparison.compareSummary(
          committed: try Self.read(oldSummary), rerun: try Self.read(newSummary), mode: mode, path: oldSummary.path))
    for (name, keyColumns) in TrialFileComparison.csvFiles {
      let old = committed.trialFolder(trialID).appendingPathComponent(name)
      let new = rerun.trialFolder(trialID).appendingPathComponent(name)
      if !Self.exists(old) && !Self.exists(new) {
        note(name, nil)  // a failed trial writes neither
        continue
      }
      note(
        name,
        try Self.presence(name, old, new)
          ?? TrialFileComparison.compareCSV(
            file: name, keyColumns: keyColumns, committed: try Self.readText(old), rerun: try Self.readText(new),
            mode: mode, path: old.path))
    }
    // Weights are optional in a committed folder (they may be left out of
    // git); when they are there, the re-run's must match them.
    let weightsName = ResultsLayout.FileName.weights
    let oldWeights = committed.weightsURL(trial: trialID), newWeights = rerun.weightsURL(trial: trialID)
    if Self.exists(oldWeights) || (weightsKept && Self.exists(newWeights)) {
      var difference = Self.presence(weightsName, oldWeights, newWeights)
      if difference == nil {
        guard ResultsStore.weightsReadable(oldWeights), let old = try? Self.read(oldWeights),
          (try? SafeTensors.decode([UInt8](old))) != nil
        else {
          note(weightsName, TrialDifference(file: weightsName, location: "file", committed: "unreadable", rerun: "present"))
          self.files = files
          self.difference = first
          return
        }
        difference = try TrialFileComparison.compareWeights(
          committed: old, rerun: try Self.read(newWeights), mode: mode, path: oldWeights.path)
      }
      note(weightsName, difference)
    } else {
      files.append((weightsName, .skipped))
    }
    self.files = files
    difference = first
  }

  /// A difference when the file exists in only one folder, else nil.
  static func presence(_ name: String, _ old: URL, _ new: URL) -> TrialDifference? {
    switch (exists(old), exists(new)) {
    case (true, true): nil
    case (let a, let b):
      TrialDifference(file: name, location: "file", committed: a ? "present" : "absent", rerun: b ? "present" : "absent")
    }
  }

  static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

  static func read(_ url: URL) throws -> Data {
    do { return try Data(contentsOf: url) } catch { throw ResultsError(path: url.path, message: "cannot read file") }
  }

  static func readText(_ url: URL) throws -> String {
    guard let text = String(data: try read(url), encoding: .utf8) else {
      throw ResultsError(path: url.path, message: "not UTF-8 text")
    }
    return text
  }
}
