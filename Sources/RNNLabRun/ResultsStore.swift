import Foundation

/// Where a run's files live inside its results folder, and what state a
/// trial's folder is in (see DESIGN.md, "Results layout").
///
///     <root>/spec.yaml  manifest.json  summary.csv  report.md  plots/
///     <root>/trials/<trial-id>/config.json metrics.csv gradient_flow.csv
///                               weights.safetensors summary.json
public struct ResultsStore: Sendable {
  /// File names inside a trial folder.
  public enum TrialFile {
    public static let config = "config.json"
    public static let metrics = "metrics.csv"
    public static let gradientFlow = "gradient_flow.csv"
    public static let weights = "weights.safetensors"
    /// Written last: its presence is what makes a trial done.
    public static let summary = "summary.json"
  }

  /// The results folder (`results/<experiment>` or `--out`).
  public let root: URL

  public init(root: URL) { self.root = root.standardizedFileURL }

  public var trialsFolder: URL { root.appendingPathComponent("trials", isDirectory: true) }
  public var specFile: URL { root.appendingPathComponent("spec.yaml") }
  public var manifestFile: URL { root.appendingPathComponent("manifest.json") }
  public var summaryTable: URL { root.appendingPathComponent("summary.csv") }

  /// The folder of one trial. The id becomes a single path component, so it is
  /// checked here (whatever the spec validator did) to keep every write inside
  /// the results folder: no `/`, no leading `.`, no control characters.
  public func folder(forTrial id: String) throws(RunnerError) -> URL {
    guard Self.isSafeFolderName(id) else {
      throw RunnerError(
        path: trialsFolder.path,
        message: "trial id '\(id.debugDescription.dropFirst().dropLast())' cannot be a folder name "
          + "(it must not be empty, start with '.', or contain '/', '\\' or control characters)")
    }
    return trialsFolder.appendingPathComponent(id, isDirectory: true)
  }

  /// A file inside a trial's folder.
  public func file(_ name: String, ofTrial id: String) throws(RunnerError) -> URL {
    try folder(forTrial: id).appendingPathComponent(name)
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
    let summary = folder.appendingPathComponent(TrialFile.summary)
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

  /// The `config_hash` recorded in a `summary.json`, or nil if it cannot be read.
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
