/// A task kind, sequence length or option the generators cannot honour.
///
/// The message is one line in the spec's vocabulary (`copy_length`, `seq_len`),
/// ready to follow `error: ` in a compiler-style diagnostic.
public struct TaskConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong, naming the task kind and the option.
  public let message: String

  /// An error with this message.
  public init(_ message: String) { self.message = message }

  public var description: String { message }

  /// Throws `error: kind: message` unless `condition` holds.
  static func require(
    _ condition: Bool, _ kind: String, _ message: @autoclosure () -> String
  ) throws(TaskConfigurationError) {
    if !condition { throw TaskConfigurationError("\(kind): \(message())") }
  }

  /// Throws unless `value` is within the range `TaskOptionKey.all` declares
  /// for the option `name` (the range the spec decoder checks too).
  static func requireOption(_ name: String, _ value: Int, kind: TaskKind) throws(TaskConfigurationError) {
    let range = TaskOptionKey.range(of: name)
    try requireAtLeast(range.lowerBound, name, value, kind: kind.rawValue)
    try require(value <= range.upperBound, kind.rawValue, "\(name) must be at most \(range.upperBound) (got \(value))")
  }

  /// Throws unless `value` is at least `minimum`.
  static func requireAtLeast(
    _ minimum: Int, _ name: String, _ value: Int, kind: String, because reason: String = ""
  ) throws(TaskConfigurationError) {
    let why = reason.isEmpty ? "" : " \(reason)"
    try require(value >= minimum, kind, "\(name) must be at least \(minimum)\(why) (got \(value))")
  }
}
