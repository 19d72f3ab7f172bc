/// A malformed or missing results file, reported like a compiler error:
/// `PATH:LINE:COL: error: MESSAGE`, or `PATH: error: MESSAGE` without a position.
public struct ResultsError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file or folder the problem is in.
  public var path: String
  /// 1-based line, when the problem has a position.
  public var line: Int?
  /// 1-based column (in bytes), when the problem has a position.
  public var column: Int?
  /// What is wrong, on one line.
  public var message: String

  public init(path: String, line: Int? = nil, column: Int? = nil, message: String) {
    self.path = path
    self.line = line
    self.column = column
    // Messages are printed as one line; a newline from an underlying error would break that.
    self.message = message.split(whereSeparator: \.isNewline).joined(separator: " ")
  }

  public var description: String {
    var location = path
    if let line {
      location += ":\(line)"
      if let column { location += ":\(column)" }
    }
    return "\(location): error: \(message)"
  }
}
