import Foundation
import RNNLabResults
import RNNLabSpec

/// What the trials of halving searches have to do next, worked out from the
/// results folder alone, so that every run, shard or resume after a kill
/// reaches the same decisions.
///
/// A bracket is one task × length × model with a halving search: its
/// configurations × seeds. Rung k (below the last) is decided once every
/// seed of every configuration still in the bracket has its validation loss
/// at the rung's step in `rungs.json`, or has finished without reaching it
/// (diverged or failed: last). Configurations rank by mean over their seeds,
/// any seed missing ranking last, ties to the lower configuration index; the
/// best ⌈n / eta⌉ go on, the others' trials are ended there (pruned).
struct HalvingRounds {
  let plan: Plan
  let store: ResultsStore

  /// One trial's next piece of work.
  struct Work: Sendable {
    var trial: Trial
    /// nil: train to the end (the last rung).
    var rung: Rung?
  }

  /// The work now possible for the trials of `slice` (plan indices), and
  /// how many of them wait for trials outside the slice (other shards).
  func next(slice: Set<Int>) -> (work: [Work], waiting: Int) {
    var work: [Work] = []
    var waiting = 0
    for bracket in brackets() {
      let (bracketWork, bracketWaiting) = walk(bracket)
      work += bracketWork.filter { slice.contains($0.trial.index) }
      waiting += bracketWaiting.filter { slice.contains($0) }.count
    }
    return (work.sorted { $0.trial.index < $1.trial.index }, waiting)
  }

  /// The plan's halving trials by task, length and model, each in
  /// configuration then seed order.
  func brackets() -> [[Trial]] {
    var order: [String] = []
    var groups: [String: [Trial]] = [:]
    for trial in plan.trials where trial.search?.halving != nil {
      let key = "\(trial.task.name)\u{1}\(trial.seqLen)\u{1}\(trial.model.name)"
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(trial)
    }
    return order.map { groups[$0]! }
  }

  /// Goes through the rungs of `bracket` as far as they are decided; returns
  /// the work of the first undecided rung (or of the last rung), with the
  /// pruning of the decided ones.
  private func walk(_ bracket: [Trial]) -> (work: [Work], waiting: [Int]) {
    guard let first = bracket.first, let halving = first.search?.halving else { return ([], []) }
    let rungs = halving.rungSteps(totalSteps: first.training.steps)
    let byConfig = Dictionary(grouping: bracket) { $0.search?.index ?? 0 }
    var active = byConfig.keys.sorted()
    var work: [Work] = []
    for (k, step) in rungs.enumerated().dropLast() {
      let states = active.map { config in byConfig[config]!.map { state(of: $0, atStep: step) } }
      let missing = zip(active, states).flatMap { config, seeds in
        zip(byConfig[config]!, seeds).filter { $0.1 == .unknown }.map(\.0)
      }
      if !missing.isEmpty {
        let unfinished = missing.filter { !isFinished($0) }
        return (work + unfinished.map { Work(trial: $0, rung: .pause(at: step)) }, unfinished.map(\.index))
      }
      let means = states.map { seeds -> Double? in
        let losses = seeds.compactMap { if case .reached(let loss?) = $0 { loss } else { nil } }
        return losses.count == seeds.count ? losses.reduce(0, +) / Double(losses.count) : nil
      }
      let ranked = zip(active, means).sorted { a, b in
        switch (a.1, b.1) {
        case (let x?, let y?): x != y ? x < y : a.0 < b.0
        case (.some, .none): true
        case (.none, .some): false
        case (.none, .none): a.0 < b.0
        }
      }
      let promoted = Set(ranked.prefix((active.count + halving.eta - 1) / halving.eta).map(\.0))
      for config in active where !promoted.contains(config) {
        work += byConfig[config]!.filter { !isFinished($0) }.map { Work(trial: $0, rung: .prune(at: step)) }
      }
      active = active.filter(promoted.contains)
    }
    let last = active.flatMap { byConfig[$0]! }.filter { !isFinished($0) }
    return (work + last.map { Work(trial: $0, rung: nil) }, [])
  }

  /// The rungs a halving trial went through in `recorded` (another results
  /// folder: `runner verify`'s committed one), in order: a pause at each rung
  /// in its `rungs.json`, then its end (`.prune` at the step a pruned trial
  /// stopped at; nil, the end of training, otherwise). Replaying them
  /// re-runs the trial exactly as the search did, without its bracket.
  static func replay(_ trial: Trial, recordedIn recorded: ResultsStore) -> [Rung?] {
    let folder = recorded.layout.trialFolder(trial.id)
    let pauses: [Rung?] = RungRecord.entries(in: folder).map { .pause(at: $0.step) }
    let summary = recorded.layout.summaryURL(trial: trial.id)
    guard ResultsStore.summaryString("status", in: summary) == TrialStatus.pruned.rawValue,
      let last = RungRecord.entries(in: folder).last
    else { return pauses + [nil] }
    return pauses + [.prune(at: last.step)]
  }

  private enum RungState: Equatable {
    /// Reached the rung, with its validation loss (nil: not finite).
    case reached(Double?)
    /// Finished without reaching it (diverged or failed): ranks last.
    case ended
    /// Not there yet.
    case unknown
  }

  private func state(of trial: Trial, atStep step: Int) -> RungState {
    let folder = store.layout.trialFolder(trial.id)
    if let entry = RungRecord.entries(in: folder).first(where: { $0.step == step }) { return .reached(entry.valLoss) }
    return isFinished(trial) ? .ended : .unknown
  }

  private func isFinished(_ trial: Trial) -> Bool {
    FileManager.default.fileExists(atPath: store.layout.summaryURL(trial: trial.id).path)
  }
}
