/// A bad value for one of `runner emit`'s flags: printed as one line,
/// `FLAG: error: MESSAGE`, with exit code 2 (bad input).
public struct ClusterOptionError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The flag the value came from, e.g. `--mem`.
  public let path: String?
  /// What is wrong with the value.
  public let message: String

  public init(path: String?, message: String) {
    self.path = path
    self.message = message
  }

  public var description: String {
    if let path { return "\(path): error: \(message)" }
    return "error: \(message)"
  }
}
