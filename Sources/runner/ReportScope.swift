import Foundation
import RNNLabReport
import RNNLabResults
import RNNLabRun
import RNNLabSpec

/// Which trials of a results folder its report may describe: those of the
/// plan of the folder's `spec.yaml` (the spec that last ran into it).
///
/// A trial of that plan recorded with another configuration hash means the
/// folder mixes two versions of one trial: refused (bad input), since an
/// average over them would be silently wrong. Trials the plan does not know
/// (other seeds, lengths or models of an earlier spec version) are left out
/// of the report with a warning; `runner report --prune` deletes them.
struct ReportScope {
  let folder: ResultsFolder
  /// Ids of trials left out, sorted.
  let stale: [String]

  /// Loads `url` and scopes it. A folder without a readable `spec.yaml`
  /// (hand-assembled, or from an older runner) is reported whole.
  static func load(_ url: URL) throws -> ReportScope {
    var folder = try ResultsFolder.load(url)
    let specURL = folder.layout.specURL
    guard FileManager.default.fileExists(atPath: specURL.path),
      let spec = try? ExperimentSpec.load(path: specURL.path)
    else { return ReportScope(folder: folder, stale: []) }
    var hashes: [String: String] = [:]
    for trial in Plan(spec: spec).trials { hashes[trial.id] = trial.configHash }
    var stale: [String] = []
    for trial in folder.trials {
      guard let expected = hashes[trial.id] else {
        stale.append(trial.id)
        continue
      }
      if trial.summary.configHash != expected {
        throw ResultsError(
          path: folder.layout.summaryURL(trial: trial.id).path,
          message: "trial '\(trial.id)' was run with config hash \(trial.summary.configHash), but the folder's "
            + "spec.yaml gives \(expected): the folder mixes two configurations of one trial; "
            + "re-run it with `runner run SPEC --force`, or move one version to another folder")
      }
    }
    folder.trials.removeAll { hashes[$0.id] == nil }
    let staleIncomplete = folder.incompleteTrialIDs.filter { hashes[$0] == nil }
    folder.incompleteTrialIDs.removeAll { hashes[$0] == nil }
    return ReportScope(folder: folder, stale: (stale + staleIncomplete).sorted())
  }

  /// The warning about stale trials, or nil.
  func warning(pruned: Bool) -> String? {
    guard let first = stale.first else { return nil }
    let count = stale.count == 1 ? "1 trial" : "\(stale.count) trials"
    let what = "\(count) (\(first)\(stale.count > 1 ? ", …" : "")) not in the folder's spec.yaml (an earlier spec version)"
    return pruned
      ? "\(folder.layout.root.path): warning: deleted \(what)"
      : "\(folder.layout.root.path): warning: \(what) left out of the report; `runner report --prune` deletes them"
  }

  /// Deletes the stale trial folders (a linked folder: the link only).
  func prune() throws {
    let store = ResultsStore(root: folder.layout.root)
    for id in stale { try store.removeFolder(ofTrial: id) }
  }

  /// Writes the report of the scoped folder, printing the warning first.
  static func write(
    folder url: URL, compareTo: String? = nil, select: SelectMode = .best, prune: Bool = false
  ) throws -> [URL] {
    let scope = try load(url)
    if prune { try scope.prune() }
    if let warning = scope.warning(pruned: prune) { Terminal.printError(warning) }
    return try Reporter(folder: scope.folder, compareTo: compareTo, select: select).write()
  }
}
