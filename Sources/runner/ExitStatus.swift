/// The exit codes every `runner` command uses.
enum ExitStatus {
  static let success: Int32 = 0
  /// Some trials failed or diverged.
  static let trialsFailed: Int32 = 1
  /// Bad input: spec, flags, paths.
  static let badInput: Int32 = 2
  static let internalError: Int32 = 3
}
