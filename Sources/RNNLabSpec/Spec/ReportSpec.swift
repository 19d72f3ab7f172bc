/// Settings for the report written after a run.
public struct ReportSpec: Hashable, Sendable {
  /// The model the others are compared against; filled with the first
  /// LSTM-family model when the spec names none (nil if there is none).
  public var compareTo: String?

  public init(compareTo: String? = nil) {
    self.compareTo = compareTo
  }
}
