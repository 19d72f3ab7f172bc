import RNNLabResults

/// The configuration chosen for each task × length × model of a search, by
/// validation loss only (the test metrics never influence the choice).
///
/// Rank within a cell: configurations whose every trial has a finite
/// `final_val_loss` come first, by ascending mean over their seeds, a tie
/// going to the lower `config_index`. A configuration with any seed that
/// diverged, failed or has no (or a non-finite) validation loss cannot be
/// compared fairly with a mean over all seeds, so it ranks after every
/// finite one, by `config_index`; it is selected only when no configuration
/// of the cell is complete. A configuration a halving search pruned ranks
/// after every one it trained to the end. Without a search (no trial has a
/// `config_index`) each cell has one configuration and every trial is selected.
struct Selection {
  /// One configuration of one cell: its trials, one per seed.
  struct Candidate {
    var configIndex: Int?
    var searchValues: SearchValues?
    var trials: [TrialResult]

    /// Mean final validation loss over the seeds; nil when any seed lacks a finite one.
    var meanValLoss: Double? {
      let losses = trials.compactMap(\.summary.finalValLoss)
      guard losses.count == trials.count, losses.allSatisfy(\.isFinite), !losses.isEmpty else { return nil }
      return losses.reduce(0, +) / Double(losses.count)
    }

    /// Whether a halving search stopped it at a rung.
    var isPruned: Bool { trials.contains { $0.summary.status == .pruned } }

    /// True when `self` ranks before `other` (see `Selection`).
    func ranks(before other: Candidate) -> Bool {
      let (a, b) = (configIndex ?? -1, other.configIndex ?? -1)
      // Pruned configurations trained fewer steps: never above a finished one.
      if isPruned != other.isPruned { return other.isPruned }
      switch (meanValLoss, other.meanValLoss) {
      case (let x?, let y?): return x != y ? x < y : a < b
      case (.some, .none): return true
      case (.none, .some): return false
      case (.none, .none): return a < b
      }
    }
  }

  /// A task × length × model cell and its configurations, best first.
  struct Cell {
    var key: GroupKey
    var candidates: [Candidate]
    var selected: Candidate { candidates[0] }
  }

  /// Every cell in report order (task, model, length).
  let cells: [Cell]
  /// True when any trial belongs to a search configuration.
  let hasSearch: Bool
  private let selectedIDs: Set<String>

  /// Selects over every trial of `index` (all configurations).
  init(_ index: ResultsIndex) {
    var cells: [Cell] = []
    for group in index.groups {
      var byConfig: [Int: [TrialResult]] = [:]
      for trial in group.trials { byConfig[trial.summary.configIndex ?? -1, default: []].append(trial) }
      let candidates = byConfig.keys.sorted().map { config in
        let trials = byConfig[config]!
        return Candidate(
          configIndex: trials[0].summary.configIndex, searchValues: trials[0].summary.searchValues, trials: trials)
      }
      cells.append(Cell(key: group.key, candidates: candidates.sorted { $0.ranks(before: $1) }))
    }
    self.cells = cells
    hasSearch = index.trials.contains { $0.summary.configIndex != nil }
    selectedIDs = Set(cells.flatMap { $0.selected.trials.map(\.id) })
  }

  func isSelected(_ trial: TrialResult) -> Bool { selectedIDs.contains(trial.id) }
  func isSelected(_ summary: TrialSummary) -> Bool { selectedIDs.contains(summary.trialId) }

  /// The cells of one task.
  func cells(ofTask task: String) -> [Cell] { cells.filter { $0.key.task == task } }

  /// Whether any trial of `task` belongs to a search configuration.
  func hasSearch(task: String) -> Bool {
    cells(ofTask: task).contains { $0.candidates.contains { $0.configIndex != nil } }
  }
}
