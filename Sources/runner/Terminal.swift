import Foundation

/// Output helpers: results go to stdout, diagnostics to stderr.
enum Terminal {
  /// Writes `text` and a newline to standard error.
  static func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }

  /// Writes `text` to standard output as is.
  static func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}
