import Foundation
import RNNLabText

/// A whole results folder, loaded: the manifest, the spec text and every
/// finished trial (one with a `summary.json`).
public struct ResultsFolder: Sendable {
  public var layout: ResultsLayout
  /// `manifest.json`, when present.
  public var manifest: Manifest?
  /// `spec.yaml` as text, when present (the reporter scans it for a few keys).
  public var specText: String?
  /// Finished trials, sorted by trial id.
  public var trials: [TrialResult]
  /// Trial folders without a `summary.json` (still running or interrupted), sorted.
  public var incompleteTrialIDs: [String]

  public init(
    layout: ResultsLayout, manifest: Manifest?, specText: String?, trials: [TrialResult],
    incompleteTrialIDs: [String]
  ) {
    self.layout = layout
    self.manifest = manifest
    self.specText = specText
    self.trials = trials
    self.incompleteTrialIDs = incompleteTrialIDs
  }

  /// Loads the results folder at `url`.
  ///
  /// Hidden entries (temporary files of atomic writes) are ignored.
  /// - Throws: `ResultsError` naming the file when the folder is missing, is not
  ///   a results folder, or any file in it is malformed. Never traps.
  public static func load(_ url: URL) throws -> ResultsFolder {
    let layout = ResultsLayout(root: url)
    let fm = FileManager.default
    var isFolder: ObjCBool = false
    guard fm.fileExists(atPath: url.path, isDirectory: &isFolder) else {
      throw ResultsError(path: url.path, message: "no such results folder")
    }
    guard isFolder.boolValue else {
      throw ResultsError(path: url.path, message: "not a folder (expected a results folder with a trials/ folder)")
    }
    guard fm.fileExists(atPath: layout.trialsFolder.path, isDirectory: &isFolder), isFolder.boolValue else {
      throw ResultsError(path: url.path, message: "not a results folder (it has no trials/ folder)")
    }
    let names: [String]
    do {
      names = try fm.contentsOfDirectory(atPath: layout.trialsFolder.path).filter { !$0.hasPrefix(".") }.sorted()
    } catch {
      throw ResultsError(path: layout.trialsFolder.path, message: "cannot list folder")
    }
    var trials: [TrialResult] = []
    var incomplete: [String] = []
    for name in names {
      guard fm.fileExists(atPath: layout.trialFolder(name).path, isDirectory: &isFolder), isFolder.boolValue else {
        continue
      }
      guard let trial = try loadTrial(name, layout: layout) else {
        incomplete.append(name)
        continue
      }
      trials.append(trial)
    }
    return ResultsFolder(
      layout: layout, manifest: try layout.readManifest(),
      specText: try layout.readTextIfPresent(layout.specURL),
      trials: trials, incompleteTrialIDs: incomplete)
  }

  /// Loads one trial folder; nil when it has no `summary.json` yet.
  static func loadTrial(_ id: String, layout: ResultsLayout) throws -> TrialResult? {
    guard let summary = try layout.readSummary(trial: id) else { return nil }
    guard summary.trialId == id else {
      throw ResultsError(
        path: layout.summaryURL(trial: id).path,
        message: "trial_id '\(EchoedText.escaped(summary.trialId))' does not match its folder name '\(id)'")
    }
    return TrialResult(
      id: id, config: try layout.readConfig(trial: id), summary: summary,
      metrics: try layout.readMetrics(trial: id),
      flow: try FlowSnapshots.read(layout.gradientFlowURL(trial: id), seqLen: summary.seqLen))
  }
}
