import ArgumentParser
import Foundation
import RNNLabReport

extension Runner {
  /// `runner report DIR`: rebuilds the report files of a results folder.
  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Rebuild summary.csv, aggregate.csv, report.md and plots/ of a results folder.",
      discussion: """
        The report is a pure function of the folder's trial results: shards copied \
        together, or a re-run, give the same files. Trials without summary.json \
        (still running or interrupted) are listed in report.md but not included.
        """)

    @Argument(help: "The results folder (results/<experiment>).")
    var folder: String

    @Option(
      name: .customLong("compare-to"),
      help: "Reference model for \"variants compared\" (default: report.compare_to in the folder's spec.yaml, else the first lstm/peephole/cifg model).")
    var compareTo: String?

    func run() throws {
      let url = URL(fileURLWithPath: folder)
      let written: [URL]
      do {
        written = try Reporter.write(folder: url, compareTo: compareTo)
      } catch {
        throw ResultsCommandError.exit(for: error)
      }
      let plots = written.filter { $0.pathExtension == "svg" }.count
      print("Wrote report.md, summary.csv, aggregate.csv and \(plots) plots to \(folder)")
    }
  }
}
