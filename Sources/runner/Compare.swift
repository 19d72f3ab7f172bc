import ArgumentParser
import Foundation
import RNNLabReport
import RNNLabResults
import RNNLabRun

extension Runner {
  /// `runner compare DIR_A DIR_B`: two results folders side by side.
  struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Compare two results folders per task × model × sequence length.",
      discussion: """
        For every cell in both folders: each headline metric that changed, in A, in B and \
        the change (B − A); --all also lists the unchanged ones. Cells in only one folder \
        are listed as added (only in B) or removed (only in A), and so are trials (by id).
        Solved counts get a 95 % Wilson interval; a difference in solved counts gets a \
        Fisher exact p-value, one in final eval loss a Mann–Whitney U p-value (marked * \
        below 0.05, no multiple-comparison correction; "too few seeds" below 3 seeds a side).
        A folder with a hyperparameter search is read like `runner report` reads it: by \
        default (--select best) only the selected configuration of each task × length × model \
        is compared (a folder without a search is used as is); --select none pools every \
        configuration and says so.
        The CSV format always has every metric.
        """)

    /// Output formats of the comparison.
    enum Format: String, ExpressibleByArgument, CaseIterable {
      case markdown
      case csv
    }

    @Argument(help: "The first results folder (A).")
    var folderA: String

    @Argument(help: "The second results folder (B).")
    var folderB: String

    @Option(help: "Output format: markdown or csv.")
    var format: Format = .markdown

    @Option(
      help: "With a hyperparameter search: compare each task × length × model's selected configuration (best, by mean validation loss, as `runner report`) or pool all configurations (none).")
    var select: SelectMode = .best

    @Flag(help: "Markdown: list every metric, also the unchanged ones (default: only what changed).")
    var all = false

    func run() throws {
      let comparison: Comparison
      do {
        let locks = try [folderA, folderB].map { try ResultsLock.acquireForReading(folder: URL(fileURLWithPath: $0)) }
        defer { locks.forEach { $0?.release() } }
        comparison = Comparison(
          try ResultsFolder.load(URL(fileURLWithPath: folderA)),
          try ResultsFolder.load(URL(fileURLWithPath: folderB)),
          labelA: folderA, labelB: folderB, select: select)
      } catch let error as RunnerError {
        Terminal.printError(error.description)
        throw ExitCode(error.exitCode.rawValue)
      } catch {
        throw ResultsCommandError.exit(for: error)
      }
      // The CSV has no place for a note, so pooling is said on stderr (the Markdown says it itself).
      if format == .csv {
        for note in comparison.poolingNotes { Terminal.printError("runner compare: warning: \(note)") }
      }
      print(format == .csv ? comparison.csv : comparison.markdown(all: all), terminator: "")
    }
  }
}
