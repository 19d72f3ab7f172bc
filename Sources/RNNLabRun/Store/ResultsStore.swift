import Foundation
import RNNLabResults
import RNNLabText

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(Musl)
  import Musl
#endif

/// What state each trial's folder is in, for resuming, and the one guard that
/// keeps trial folders inside the results folder. File locations come from
/// `ResultsLayout` (docs/reports.md, the results folder).
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
        message: "trial id '\(EchoedText.escaped(id))' cannot be a folder name "
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
    /// `summary.json` exists but the trial's weights are missing or unreadable
    /// (deleted, truncated): not done, so it is cleared and trained again.
    case incomplete
  }

  /// Inspects the folder of trial `id`.
  ///
  /// The folder may be a symbolic link (trial folders merged by linking rather
  /// than copying): one whose target holds a `summary.json` is a finished trial,
  /// read but never written; any other link, dangling or not, is `partial`, so
  /// the link itself is removed and the trial trains into a real folder. A run
  /// therefore never writes through a link into a folder outside the results.
  public func state(ofTrial id: String) throws(RunnerError) -> TrialState {
    let folder = try folder(forTrial: id)
    let summary = layout.summaryURL(trial: id)
    if FileManager.default.fileExists(atPath: summary.path) {
      // A failed trial never trained, so it has no weights to check.
      if Self.summaryString("status", in: summary) != TrialStatus.failed.rawValue,
        !Self.weightsReadable(layout.weightsURL(trial: id))
      {
        return .incomplete
      }
      return .finished(configHash: Self.summaryString("config_hash", in: summary))
    }
    return Self.entryExists(folder) ? .partial : .absent
  }

  /// Deletes trial `id`'s folder, if any, so the trial can start from scratch.
  /// A symbolic link is removed itself; what it points to is left alone.
  public func removeFolder(ofTrial id: String) throws(RunnerError) {
    let folder = try folder(forTrial: id)
    guard Self.entryExists(folder) else { return }
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

  /// Whether trial `id` has a real folder (not a link) holding `checkpoint.bin`.
  public func hasCheckpoint(trial id: String) -> Bool {
    let folder = layout.trialFolder(id)
    var info = stat()
    guard lstat(folder.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return false }
    return Self.entryExists(folder.appendingPathComponent(CheckpointFiles.stateName))
  }

  /// Deletes the temporary files a killed write left in trial `id`'s folder.
  public func removeTemporaryFiles(inTrial id: String) {
    let folder = layout.trialFolder(id)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names where Self.isTemporaryFileName(name) {
      try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
    }
  }

  static func isTemporaryFileName(_ name: String) -> Bool {
    name.hasPrefix(".") && name.contains(".tmp-")
  }

  /// One string of a `summary.json` (e.g. `config_hash`), or nil if it cannot
  /// be read. Only this key is read, so a summary from an older runner still resumes.
  static func summaryString(_ key: String, in url: URL) -> String? {
    guard let data = try? Data(contentsOf: url),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return nil }
    return object[key] as? String
  }

  /// Whether `url` opens and starts with a plausible safetensors header: an
  /// 8-byte little-endian length that fits in the file.
  public static func weightsReadable(_ url: URL) -> Bool {
    guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
    defer { try? handle.close() }
    guard let size = try? handle.seekToEnd(), size >= 8, (try? handle.seek(toOffset: 0)) != nil,
      let head = try? handle.read(upToCount: 8), head.count == 8
    else { return false }
    let length = head.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    return length <= size - 8
  }

  /// Whether anything (a folder, a file, a link even if dangling) is at `url`,
  /// without following a final symbolic link.
  public static func entryExists(_ url: URL) -> Bool {
    var info = stat()
    return lstat(url.path, &info) == 0
  }

  static func isSafeFolderName(_ name: String) -> Bool {
    guard !name.isEmpty, name.utf8.count <= 255, !name.hasPrefix(".") else { return false }
    return !name.unicodeScalars.contains { scalar in
      scalar == "/" || scalar == "\\" || scalar.properties.generalCategory == .control
    }
  }
}
