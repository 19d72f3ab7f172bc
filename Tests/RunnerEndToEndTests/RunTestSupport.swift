import Foundation
import RNNLabTestSupport

/// A temporary results folder path (not created: the runner creates it).
struct Scratch {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("runner-e2e-results-\(UUID().uuidString)").path
  func remove() { try? FileManager.default.removeItem(atPath: path) }

  /// A copy of the committed `results/<name>` folder, so that a test reads
  /// it as committed whatever a local run has since done to the working tree
  /// (it is `run`'s default output folder), and never writes into it.
  static func copyOfCommittedResults(_ name: String) throws -> Scratch {
    let scratch = Scratch()
    try FileManager.default.copyItem(
      at: RunnerProcess.packageRoot.appendingPathComponent("results/\(name)"), to: URL(fileURLWithPath: scratch.path))
    return scratch
  }
}

/// The files of every trial folder of a results folder, by `id/name`, with
/// the timing fields of `summary.json` removed (they are the only values that
/// may differ between two runs of the same trial).
struct TrialFiles: Equatable, CustomStringConvertible {
  let files: [String: Data]
  var count: Int { files.count }

  /// Each file's name, size and a hash, so a failed comparison shows which differ.
  var description: String {
    files.keys.sorted().map { name in
      let hash = files[name]!.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
      return "\(name) \(files[name]!.count) B \(String(hash, radix: 16))"
    }.joined(separator: "\n")
  }

  init(_ folder: String) throws {
    let trials = "\(folder)/trials"
    var files: [String: Data] = [:]
    for id in try FileManager.default.contentsOfDirectory(atPath: trials) {
      for name in try FileManager.default.contentsOfDirectory(atPath: "\(trials)/\(id)") {
        var data = try Data(contentsOf: URL(fileURLWithPath: "\(trials)/\(id)/\(name)"))
        if name == "summary.json" {
          let kept = String(decoding: data, as: UTF8.self).split(separator: "\n")
            .filter { !$0.contains("\"wall_seconds\"") && !$0.contains("\"steps_per_second\"") }
          data = Data(kept.joined(separator: "\n").utf8)
        }
        files["\(id)/\(name)"] = data
      }
    }
    self.files = files
  }

  /// Every entry under `folder` by relative path (not following links):
  /// a file's bytes, a folder as "folder", a link as "-> TARGET".
  static func snapshot(_ folder: String) throws -> [String: Data] {
    let fm = FileManager.default
    var entries: [String: Data] = [:]
    for path in try fm.subpathsOfDirectory(atPath: folder) {
      let full = "\(folder)/\(path)"
      if let target = try? fm.destinationOfSymbolicLink(atPath: full) {
        entries[path] = Data("-> \(target)".utf8)
      } else {
        var isFolder: ObjCBool = false
        _ = fm.fileExists(atPath: full, isDirectory: &isFolder)
        entries[path] = isFolder.boolValue ? Data("folder".utf8) : try Data(contentsOf: URL(fileURLWithPath: full))
      }
    }
    return entries
  }

  /// Trials with a `summary.json`, i.e. finished.
  static func finishedCount(_ folder: String) throws -> Int {
    let trials = "\(folder)/trials"
    guard FileManager.default.fileExists(atPath: trials) else { return 0 }
    return try FileManager.default.contentsOfDirectory(atPath: trials)
      .filter { FileManager.default.fileExists(atPath: "\(trials)/\($0)/summary.json") }.count
  }
}

/// The report files of a results folder (`report.md`, `plots/*.svg`,
/// `summary.csv`, `aggregate.csv`) with the values that measure time left
/// out: the `steps_per_second` and `wall_seconds` columns of `summary.csv` and
/// rows of `aggregate.csv`. Everything else must match byte for byte.
struct ReportFiles: Equatable {
  let files: [String: String]

  init(_ folder: String) throws {
    func read(_ name: String) throws -> String { try String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8) }
    var files = ["report.md": try read("report.md")]
    for name in try FileManager.default.contentsOfDirectory(atPath: "\(folder)/plots") {
      files["plots/\(name)"] = try read("plots/\(name)")
    }
    let timings: Set<String> = ["steps_per_second", "wall_seconds"]
    let summary = try read("summary.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    let keep = summary.first.map { header in header.indices.filter { !timings.contains(String(header[$0])) } } ?? []
    files["summary.csv"] = summary.map { row in keep.map { String(row[$0]) }.joined(separator: ",") }.joined(separator: "\n")
    files["aggregate.csv"] = try read("aggregate.csv").split(separator: "\n")
      .filter { row in !timings.contains { row.contains(",\($0),") } }.joined(separator: "\n")
    self.files = files
  }
}

/// Every hidden file under `folder` but the locks: leftovers of interrupted
/// writes (`.NAME.tmp-…` of `AtomicFile`, or anyone else's).
func temporaryFiles(under folder: String) -> [String] {
  let walker = FileManager.default.enumerator(atPath: folder)
  var found: [String] = []
  while let path = walker?.nextObject() as? String {
    let name = (path as NSString).lastPathComponent
    if name.hasPrefix(".") && !name.hasPrefix(".lock") { found.append(path) }
  }
  return found
}

/// `runner` started in the background (see `ChildProcess`).
final class BackgroundRunner {
  private let child: ChildProcess

  init(_ arguments: [String]) throws {
    child = try ChildProcess(
      RunnerProcess.executable.path, arguments, environment: RunnerProcess.environment(adding: [:]),
      directory: RunnerProcess.packageRoot.path)
  }

  var pid: Int32 { child.pid }

  func kill(_ signal: Int32) { child.signal(signal) }

  func wait() throws -> ChildProcess.Ending { try child.wait() }
}
