import RNNLabResults

/// Two results folders side by side, per task × model × sequence length: each
/// headline metric in A, in B and the change (B − A). Cells present in only one
/// folder are listed as added (only in B) or removed (only in A).
///
/// A folder with a hyperparameter search is read as `runner report` reads it
/// (`SelectMode`, the same `Selection`): by default only the selected
/// configuration of each cell is compared; `none` pools every configuration.
///
/// Values are means over the finished seeds, as in the report; `trials`,
/// `done` and `solved` are counts. Differences in solved counts and in final
/// eval loss carry a p-value (`Significance`). Order: A's tasks and models (report order),
/// then those only in B; lengths ascending.
public struct Comparison: Sendable {
  /// One grid cell.
  public struct Key: Hashable, Sendable {
    public var task: String
    public var model: String
    public var seqLen: Int
  }

  /// One metric of a cell present in both folders.
  public struct Row: Equatable, Sendable {
    public var key: Key
    /// snake_case metric name (`final_eval_loss`, `solved`, …).
    public var metric: String
    public var a: Double?
    public var b: Double?
    /// Trials in the cell, for showing counts as "k/n".
    public var trialsA: Int
    public var trialsB: Int
    /// The p-value of the difference: Fisher's exact test for `solved`,
    /// Mann–Whitney U for `final_eval_loss`; nil for the other metrics.
    public var significance: Significance? = nil

    /// B − A when both exist.
    public var change: Double? {
      guard let a, let b else { return nil }
      return b - a
    }

    /// (B − A) / |A| when both exist and A is not 0.
    public var relativeChange: Double? {
      guard let a, let change, a != 0 else { return nil }
      return change / abs(a)
    }

    /// Whether A and B hold the same value (both missing, both NaN and equal
    /// infinities count as the same: −inf − −inf is NaN, not "changed").
    public var isUnchanged: Bool {
      switch (a, b) {
      case (nil, nil): return true
      case (let a?, let b?): return a == b || (a.isNaN && b.isNaN)
      default: return false
      }
    }

    /// Whether the metric is a count of seeds rather than a mean.
    public var isCount: Bool { Comparison.countMetrics.contains(metric) }
  }

  /// A cell present in one folder only, with its number of trials.
  public struct OneSided: Equatable, Sendable {
    public var key: Key
    public var trials: Int
  }

  /// How a side with a hyperparameter search was read.
  public struct Search: Equatable, Sendable {
    public var mode: SelectMode
    /// Configurations trained per task × length × model (fewest, most).
    public var configurationsPerCell: ClosedRange<Int>
    /// "12 configurations" or "2–12 configurations".
    public var configurationsText: String
    /// Finished trials compared: the selected ones (`best`) or all (`none`).
    public var trialsCompared: Int
  }

  /// The configuration compared on each side of one cell.
  public struct SelectedConfig: Equatable, Sendable {
    public var key: Key
    public var a: Int?
    public var b: Int?
  }

  /// How folder A and B are named in the output (usually the paths given).
  public var labelA: String
  public var labelB: String
  /// Finished trials each folder holds (every configuration of a search).
  public var trialCountA: Int
  public var trialCountB: Int
  /// The search of each side; nil for a folder without one.
  public var searchA: Search?
  public var searchB: Search?
  /// With `best` and a search on a side: the `config_index` compared in each
  /// cell both folders have (nil on a side without a search), in output order.
  public var selectedConfigs: [SelectedConfig] = []
  /// Metrics of the cells in both folders, in output order.
  public var rows: [Row]
  /// Cells only in B.
  public var added: [OneSided]
  /// Cells only in A.
  public var removed: [OneSided]
  /// Ids of the finished trials only in B, sorted (also those in cells both
  /// folders have, e.g. a seed added).
  public var addedTrials: [String]
  /// Ids of the finished trials only in A, sorted.
  public var removedTrials: [String]

  static let countMetrics: Set<String> = ["trials", "done", "solved"]

  /// Compares folder `a` with folder `b`; `select` says how a side with a search is read.
  public init(_ a: ResultsFolder, _ b: ResultsFolder, labelA: String, labelB: String, select: SelectMode = .best) {
    self.labelA = labelA
    self.labelB = labelB
    let (allA, allB) = (ResultsIndex(a.trials), ResultsIndex(b.trials))
    let (selectionA, selectionB) = (Selection(allA), Selection(allB))
    let (indexA, indexB) = (selectionA.used(from: allA, mode: select), selectionB.used(from: allB, mode: select))
    trialCountA = allA.trials.count
    trialCountB = allB.trials.count
    searchA = Self.search(selectionA, used: indexA, mode: select)
    searchB = Self.search(selectionB, used: indexB, mode: select)
    func union(_ first: [String], _ second: [String]) -> [String] { first + second.filter { !first.contains($0) } }
    let models = union(indexA.models.map(\.name), indexB.models.map(\.name))
    var rows: [Row] = []
    var selected: [SelectedConfig] = []
    var added: [OneSided] = []
    var removed: [OneSided] = []
    for task in union(indexA.tasks.map(\.name), indexB.tasks.map(\.name)) {
      let lengths = Set((indexA.tasks + indexB.tasks).filter { $0.name == task }.flatMap(\.seqLens)).sorted()
      for model in models {
        for seqLen in lengths {
          let key = Key(task: task, model: model, seqLen: seqLen)
          let groupA = indexA.group(task: task, model: model, seqLen: seqLen)
          let groupB = indexB.group(task: task, model: model, seqLen: seqLen)
          switch (groupA, groupB) {
          case (let groupA?, let groupB?):
            rows += Self.rows(key, groupA, groupB)
            if select == .best, selectionA.hasSearch || selectionB.hasSearch {
              selected.append(
                SelectedConfig(key: key, a: groupA.trials[0].summary.configIndex, b: groupB.trials[0].summary.configIndex))
            }
          case (nil, let groupB?): added.append(OneSided(key: key, trials: groupB.trials.count))
          case (let groupA?, nil): removed.append(OneSided(key: key, trials: groupA.trials.count))
          case (nil, nil): break
          }
        }
      }
    }
    self.rows = rows
    selectedConfigs = selected
    self.added = added
    self.removed = removed
    let (idsA, idsB) = (Set(a.trials.map(\.id)), Set(b.trials.map(\.id)))
    addedTrials = idsB.subtracting(idsA).sorted()
    removedTrials = idsA.subtracting(idsB).sorted()
  }

  private static func search(_ selection: Selection, used: ResultsIndex, mode: SelectMode) -> Search? {
    guard selection.hasSearch else { return nil }
    return Search(
      mode: mode, configurationsPerCell: selection.configurationsPerCell,
      configurationsText: selection.configurationsPerCellText, trialsCompared: used.trials.count)
  }

  /// The metrics compared, in output order.
  static let meanMetrics: [SummaryMetric] = [
    .finalEvalLoss, .finalEvalAccuracy, .stepsToSolve, .gradNormInit, .gradNormMean,
    .gradDecayInit, .gradDecayFinal, .gradDecayInitBackward, .gradDecayFinalBackward,
  ]

  static func rows(_ key: Key, _ a: TrialGroup, _ b: TrialGroup) -> [Row] {
    func row(_ metric: String, _ valueA: Double?, _ valueB: Double?) -> Row {
      Row(key: key, metric: metric, a: valueA, b: valueB, trialsA: a.trials.count, trialsB: b.trials.count)
    }
    var rows = [
      row("trials", Double(a.trials.count), Double(b.trials.count)),
      row("done", Double(a.done.count), Double(b.done.count)),
      row("solved", Double(a.solvedCount), Double(b.solvedCount)),
    ]
    rows[2].significance = .solved(a, b)
    for metric in meanMetrics {
      let (valueA, valueB) = (a.statistics(metric.value)?.mean, b.statistics(metric.value)?.mean)
      // A metric neither side has (accuracy on a regression task) is not a row.
      if valueA == nil && valueB == nil && !metric.applies(to: a.trials + b.trials) { continue }
      var next = row(metric.name, valueA, valueB)
      if metric.name == SummaryMetric.finalEvalLoss.name { next.significance = .finalLoss(a, b) }
      rows.append(next)
    }
    return rows
  }
}
