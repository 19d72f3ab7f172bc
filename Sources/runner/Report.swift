import ArgumentParser
import Foundation
import RNNLabReport
import RNNLabRun

extension Runner {
  /// `runner report DIR`: rebuilds the report files of a results folder.
  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Rebuild summary.csv, aggregate.csv, report.md and plots/ of a results folder.",
      discussion: """
        The report is a pure function of the folder's trial results: shards copied \
        together, or a re-run, give the same files. Trials without summary.json \
        (still running or interrupted) are listed in report.md but not included. It takes the \
        folder's lock, so it is refused while a runner writes the folder. Only the trials of the \
        folder's spec.yaml are reported: others (from an earlier spec version) are left out with \
        a warning (--prune deletes them), and a trial recorded with another configuration than \
        spec.yaml gives is refused. With a hyperparameter search it also writes selection.csv.
        """)

    @Argument(help: "The results folder (results/<experiment>).")
    var folder: String

    @Option(
      name: .customLong("compare-to"),
      help: "Reference model for \"variants compared\" (default: report.compare_to in the folder's spec.yaml, else the first lstm/peephole/cifg model).")
    var compareTo: String?

    @Option(
      help: "With a hyperparameter search: the tables and plots use each task × length × model's selected configuration (best, by mean validation loss) or pool all configurations (none).")
    var select: SelectMode = .best

    @Flag(help: "Delete the trials that are not in the folder's spec.yaml (from an earlier spec version) instead of only leaving them out.")
    var prune = false

    func run() throws {
      let url = URL(fileURLWithPath: folder)
      let written: [URL]
      do {
        // Exclusive: the report is written, so no runner may be writing trials.
        let lock = FileManager.default.fileExists(atPath: url.path) ? try ResultsLock.acquire(folder: url) : nil
        defer { lock?.release() }
        written = try ReportScope.write(folder: url, compareTo: compareTo, select: select, prune: prune)
      } catch let error as RunnerError {
        Terminal.printError(error.description)
        throw ExitCode(error.exitCode.rawValue)
      } catch {
        throw ResultsCommandError.exit(for: error)
      }
      let plots = written.filter { $0.pathExtension == "svg" }.count
      let selection = written.contains { $0.lastPathComponent == "selection.csv" } ? ", selection.csv" : ""
      print("Wrote report.md, summary.csv, aggregate.csv\(selection) and \(plots) plots to \(folder)")
    }
  }
}

extension SelectMode: ExpressibleByArgument {}
