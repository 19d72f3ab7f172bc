import ArgumentParser
import Foundation
import RNNLabReport
import RNNLabResults

/// Reports a failure of `runner report` or `runner compare` as one line on
/// standard error and picks the exit code: 2 for bad input (a missing or
/// malformed results folder, an unknown model), 3 for anything else.
enum ResultsCommandError {
  static func exit(for error: any Error) -> ExitCode {
    let (line, code): (String, Int32) =
      switch error {
      case let error as ResultsError: (error.description, 2)
      case let error as ReportError: (error.description, 2)
      case let error as AtomicFileError: (error.description, 3)
      default: ("error: internal error: \(error)", 3)
      }
    FileHandle.standardError.write(Data((line + "\n").utf8))
    return ExitCode(code)
  }
}
