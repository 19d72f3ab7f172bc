import Foundation
import RNNLabResults

/// Turns a results folder into `summary.csv`, `aggregate.csv`, `report.md` and
/// `plots/*.svg`.
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

  public init(folder: ResultsFolder, compareTo: String? = nil) {
    self.folder = folder
    self.compareTo = compareTo
  }

  /// Loads the folder at `url`, writes the report into it and returns the files written.
  /// - Throws: `ResultsError` for a missing or malformed folder, `ReportError`
  ///   for an unknown `compareTo`, `AtomicFileError` when a file cannot be written.
  @discardableResult
  public static func write(folder url: URL, compareTo: String? = nil) throws -> [URL] {
    try Reporter(folder: ResultsFolder.load(url), compareTo: compareTo).write()
  }

  /// Every output file: its path relative to the folder and its contents, sorted by path.
  public func render() throws -> [ReportFile] {
    let index = ResultsIndex(folder.trials)
    let spec = SpecScan(yaml: folder.specText ?? "")
    let reference = try ReferenceModel.choose(explicit: compareTo, fromSpec: spec.compareTo, index: index)
    var plots: [String: [PlotFile]] = [:]
    for task in index.tasks { plots[task.name] = ReportPlots(index: index, task: task).files }
    let report = MarkdownReport(index: index, folder: folder, spec: spec, reference: reference, plots: plots)
    var files = [
      ReportFile(path: ResultsLayout.FileName.summaryCSV, contents: TrialSummary.csv(index.trials.map(\.summary))),
      ReportFile(path: ResultsLayout.FileName.aggregateCSV, contents: AggregateTable.csv(index)),
      ReportFile(path: ResultsLayout.FileName.report, contents: report.text),
    ]
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
