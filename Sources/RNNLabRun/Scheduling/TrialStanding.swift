import Foundation
import RNNLabResults
import RNNLabSpec

/// Where one trial of a plan stands in a results folder: what `runner plan
/// --out DIR` shows, and what `runner run` would do with it.
public enum TrialStanding: String, CaseIterable, Sendable {
  /// Finished with this configuration; `run` skips it.
  case done
  /// Finished with this configuration, but the loss or gradient went non-finite.
  case diverged
  /// Finished with this configuration, but training could not run (see its summary).
  case failed
  /// Finished with another configuration: `run` refuses it, `run --force` re-runs it.
  case changed
  /// Started and stopped before its summary was written: `run` restarts it.
  case interrupted
  /// Has a `summary.json` but its weights are missing or unreadable: `run` trains it again.
  case incomplete
  /// Not started.
  case pending

  /// The standing of every trial of `plan` (in plan order) in the results
  /// folder `root`; all `pending` when the folder does not exist.
  public static func of(_ plan: Plan, in root: URL) throws(RunnerError) -> [TrialStanding] {
    let store = ResultsStore(root: root)
    var standings: [TrialStanding] = []
    for trial in plan.trials {
      switch try store.state(ofTrial: trial.id) {
      case .absent: standings.append(.pending)
      case .partial: standings.append(.interrupted)
      case .incomplete: standings.append(.incomplete)
      case .finished(let hash) where hash == trial.configHash:
        switch ResultsStore.summaryString("status", in: store.layout.summaryURL(trial: trial.id)) {
        case TrialStatus.diverged.rawValue: standings.append(.diverged)
        case TrialStatus.failed.rawValue: standings.append(.failed)
        default: standings.append(.done)  // what resuming counts it as
        }
      case .finished: standings.append(.changed)
      }
    }
    return standings
  }

  /// `260 done, 7 diverged, 3 pending`: the count of each standing present, in
  /// declaration order.
  public static func counts(_ standings: [TrialStanding]) -> String {
    allCases.compactMap { standing in
      let count = standings.filter { $0 == standing }.count
      return count == 0 ? nil : "\(count) \(standing.rawValue)"
    }.joined(separator: ", ")
  }
}
