import Foundation
import RNNLabResults

/// Turns a results folder into `summary.csv`, `aggregate.csv`, `report.md`,
/// `plots/*.svg` and, with a hyperparameter search, `selection.csv`.
///
/// The output is a pure function of the folder's trial results (plus the
/// `report.compare_to`, name and description keys of its spec.yaml, and the
/// runner version and kernels of its manifest): the same folder gives the same
/// bytes however it was produced, sharded or merged, and in whatever order the
/// trial folders are listed.
public struct Reporter {
  public let folder: ResultsFolder
  /// Reference model for "variants compared"; nil = `report.compare_to` from
  /// spec.yaml, else the first LSTM-family model.
  public let compareTo: String?
  /// With a search: whether the tables and plots use each cell's selected configuration or all.
  public let select: SelectMode

  public init(folder: ResultsFolder, compareTo: String? = nil, select: SelectMode = .best) {
    self.folder = folder
    self.compareTo = compareTo
    self.select = select
  }

  /// Loads the folder at `url`, writes the report into it and returns the files written.
  /// - Throws: `ResultsError` for a missing or malformed folder, `ReportError`
  ///   for an unknown `compareTo`, `AtomicFileError` when a file cannot be written.
  @discardableResult
  public static func write(folder url: URL, compareTo: String? = nil, select: SelectMode = .best) throws -> [URL] {
    try Reporter(folder: ResultsFolder.load(url), compareTo: compareTo, select: select).write()
  }

  /// Every output file: its path relative to the folder and its contents, sorted by path.
  /// `selection.csv` is written only for a folder with a search.
  public func render() throws -> [ReportFile] {
    let all = ResultsIndex(folder.trials)
    let selection = Selection(all)
    let index = selection.used(from: all, mode: select)
    let spec = SpecScan(yaml: folder.specText ?? "")
    let reference = try ReferenceModel.choose(explicit: compareTo, fromSpec: spec.compareTo, index: index)
    var plots: [String: [PlotFile]] = [:]
    for task in index.tasks {
      let search = SearchPlots(all: all, selection: selection, task: task)
      plots[task.name] = ReportPlots(index: index, task: task).files + [search.lossVersusLearningRate].compactMap { $0 }
    }
    let report = MarkdownReport(
      index: index, all: all, selection: selection, select: select, folder: folder, spec: spec, reference: reference,
      plots: plots)
    let summaries = all.trials.map(\.summary)
    var files = [
      ReportFile(
        path: ResultsLayout.FileName.summaryCSV, contents: TrialSummary.csv(summaries, selected: selection.isSelected)),
      ReportFile(path: ResultsLayout.FileName.aggregateCSV, contents: AggregateTable.csv(index)),
      ReportFile(path: ResultsLayout.FileName.report, contents: report.text),
    ]
    if selection.hasSearch {
      let keys = TrialSummary.searchKeys(summaries)
      files.append(ReportFile(path: ResultsLayout.FileName.selectionCSV, contents: selection.csv(searchKeys: keys)))
    }
    for task in index.tasks {
      for plot in plots[task.name] ?? [] {
        files.append(ReportFile(path: "\(ResultsLayout.FileName.plots)/\(plot.name)", contents: plot.svg))
      }
    }
    return files.sorted { $0.path < $1.path }
  }

  /// Writes every output file atomically and removes SVGs in `plots/` that this
  /// report no longer produces (left from an earlier report of other results).
  @discardableResult
  public func write() throws -> [URL] {
    let root = folder.layout.root
    let files = try render()
    var written: [URL] = []
    for file in files {
      let url = root.appendingPathComponent(file.path)
      try AtomicFile.write(file.contents, to: url)
      written.append(url)
    }
    // A folder re-reported without its search keeps no stale selection.csv.
    if !files.contains(where: { $0.path == ResultsLayout.FileName.selectionCSV }) {
      try? FileManager.default.removeItem(at: root.appendingPathComponent(ResultsLayout.FileName.selectionCSV))
    }
    let plotsFolder = folder.layout.plotsFolder
    let current = Set(files.map(\.path))
    let existing = (try? FileManager.default.contentsOfDirectory(atPath: plotsFolder.path)) ?? []
    for name in existing where name.hasSuffix(".svg") && !current.contains("\(ResultsLayout.FileName.plots)/\(name)") {
      try? FileManager.default.removeItem(at: plotsFolder.appendingPathComponent(name))
    }
    return written
  }
}

/// One file of the report, relative to the results folder.
public struct ReportFile: Equatable, Sendable {
  /// E.g. `report.md` or `plots/adding-loss.svg`.
  public var path: String
  public var contents: String
}
