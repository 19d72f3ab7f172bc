import RNNLabResults

/// Whether the headline numbers of a report or a comparison use the selected
/// configuration of each task × length × model (`best`) or pool every
/// configuration (`none`).
public enum SelectMode: String, CaseIterable, Sendable {
  case best, none
}

/// What `--select` does to a folder: `runner report` and `runner compare`
/// both read the trials through this, so they select the same ones.
extension Selection {
  /// The trials the tables use under `mode`: with a search and `best`, the
  /// selected configuration of each cell only; otherwise every trial of `all`
  /// (without a search every trial is selected anyway). `all` must be the
  /// index this selection was made from.
  func used(from all: ResultsIndex, mode: SelectMode) -> ResultsIndex {
    mode == .best && hasSearch ? ResultsIndex(all.trials.filter(isSelected)) : all
  }

  /// Configurations trained per task × length × model, over every cell.
  var configurationsPerCell: ClosedRange<Int> {
    let counts = cells.map(\.candidates.count)
    return (counts.min() ?? 0)...(counts.max() ?? 0)
  }

  /// Configurations trained in all, summed over the cells.
  var configurationCount: Int { cells.reduce(0) { $0 + $1.candidates.count } }

  /// Configurations per cell as "12", or "2–12" when the cells differ.
  var configurationsPerCellCount: String {
    let range = configurationsPerCell
    return range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound)"
  }

  /// "12 configurations" or "2–12 configurations" per cell.
  var configurationsPerCellText: String {
    "\(configurationsPerCellCount) configuration\(configurationsPerCell.upperBound == 1 ? "" : "s")"
  }
}
