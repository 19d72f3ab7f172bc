/// The exit codes of `runner run`, as documented in docs/running.md.
public enum RunExitCode: Int32, Sendable {
  /// Every trial of the plan (or shard) finished with status `done`.
  case ok = 0
  /// At least one trial diverged or failed; the others are intact.
  case trialsFailed = 1
  /// Bad input: spec, flags, paths, a results folder in use or with conflicting trials.
  case badInput = 2
  /// A bug or an environment failure the user cannot fix by changing the input.
  case internalError = 3
  /// Stopped by SIGINT or SIGTERM at a step boundary (128 + SIGINT, as shells do).
  case interrupted = 130
}

/// An error meant for the user: printed as one line, `PATH: error: MESSAGE`
/// (or `error: MESSAGE` without a path), never with a stack trace.
public struct RunnerError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file, folder or flag the error is about, when there is one.
  public let path: String?
  /// What went wrong and, where possible, what to do about it.
  public let message: String
  /// The process exit code this error leads to.
  public let exitCode: RunExitCode

  public init(path: String?, message: String, exitCode: RunExitCode = .badInput) {
    self.path = path
    self.message = message
    self.exitCode = exitCode
  }

  public var description: String {
    if let path { return "\(path): error: \(message)" }
    return "error: \(message)"
  }
}
