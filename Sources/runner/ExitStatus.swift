/// The exit codes every `runner` command uses.
enum ExitStatus {
  static let success: Int32 = 0
  /// Some trials failed or diverged.
  static let trialsFailed: Int32 = 1
  /// Bad input: spec, flags, paths.
  static let badInput: Int32 = 2
  static let internalError: Int32 = 3

  /// The shared end of every "Exit codes:" line in `--help`, so code 3 and
  /// 130 read the same everywhere (and as in the docs).
  static let internalAndInterrupted =
    "3 internal error (a bug, or a file that could not be written), 130 interrupted (Ctrl-C or SIGTERM)"

  /// The exit codes as the top-level help states them.
  static let summary =
    "Exit codes: 0 ok, 1 some trials failed or diverged, 2 bad input (spec, flags, paths), \(internalAndInterrupted)."
}
