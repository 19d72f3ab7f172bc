import Foundation
import RNNLabResults

/// What state each trial's folder is in, for resuming, and the one guard that
/// keeps trial folders inside the results folder. File locations come from
/// `ResultsLayout` (DESIGN.md, "Results layout").
public struct ResultsStore: Sendable {
  public let layout: ResultsLayout

  public init(root: URL) { layout = ResultsLayout(root: root.standardizedFileURL) }

  /// The results folder.
  public var root: URL { layout.root }

  /// The folder of one trial. The id becomes a single path component, so it is
  /// checked here (whatever the spec validator did) to keep every write inside
  /// the results folder: no `/`, no leading `.`, no control characters.
  public func folder(forTrial id: String) throws(RunnerError) -> URL {
    guard Self.isSafeFolderName(id) else {
      throw RunnerError(
        path: layout.trialsFolder.path,
        message: "trial id '\(id.debugDescription.dropFirst().dropLast())' cannot be a folder name "
          + "(it must not be empty, start with '.', or contain '/', '\\' or control characters)")
    }
    return layout.trialFolder(id)
  }

  /// What is on disk for one trial.
  public enum TrialState: Equatable, Sendable {
    /// No folder: never started.
    case absent
    /// A folder without `summary.json`: started and interrupted.
    case partial
    /// `summary.json` exists; its `config_hash`, or nil if it cannot be read.
    case finished(configHash: String?)
  }

  /// Inspects the folder of trial `id`.
  public func state(ofTrial id: String) throws(RunnerError) -> TrialState {
    let folder = try folder(forTrial: id)
    let summary = layout.summaryURL(trial: id)
    let fileManager = FileManager.default
    if fileManager.fileExists(atPath: summary.path) {
      return .finished(configHash: Self.configHash(inSummary: summary))
    }
    return fileManager.fileExists(atPath: folder.path) ? .partial : .absent
  }

  /// Deletes trial `id`'s folder, if any, so the trial can start from scratch.
  public func removeFolder(ofTrial id: String) throws(RunnerError) {
    let folder = try folder(forTrial: id)
    guard FileManager.default.fileExists(atPath: folder.path) else { return }
    do {
      try FileManager.default.removeItem(at: folder)
    } catch {
      throw RunnerError(
        path: folder.path, message: "cannot remove the trial folder: \(error.localizedDescription)")
    }
  }

  /// Deletes the temporary files (`.NAME.tmp-…`, see `AtomicFile`) that a
  /// killed run left in the results folder and its `plots/` folder. Call it
  /// only while holding the whole folder's lock: shards sharing the folder
  /// may be writing such files right now. Trial folders need no sweeping:
  /// an unfinished one is removed whole, and a finished one wrote its
  /// `summary.json` after every other file had been renamed into place.
  public func removeTemporaryFiles() {
    for folder in [layout.root, layout.plotsFolder] {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
      for name in names where Self.isTemporaryFileName(name) {
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
      }
    }
  }

  static func isTemporaryFileName(_ name: String) -> Bool {
    name.hasPrefix(".") && name.contains(".tmp-")
  }

  /// The `config_hash` recorded in a `summary.json`, or nil if it cannot be read.
  /// Only this key is read, so a summary from an older runner still resumes.
  static func configHash(inSummary url: URL) -> String? {
    guard let data = try? Data(contentsOf: url),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return nil }
    return object["config_hash"] as? String
  }

  static func isSafeFolderName(_ name: String) -> Bool {
    guard !name.isEmpty, name.utf8.count <= 255, !name.hasPrefix(".") else { return false }
    return !name.unicodeScalars.contains { scalar in
      scalar == "/" || scalar == "\\" || scalar.properties.generalCategory == .control
    }
  }
}
