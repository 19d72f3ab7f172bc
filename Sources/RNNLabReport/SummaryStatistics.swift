/// Count, mean, sample standard deviation, minimum and maximum of a few numbers
/// (the seeds of one task × model × length cell).
public struct SummaryStatistics: Equatable, Sendable {
  public var count: Int
  public var mean: Double
  /// Sample standard deviation (divisor n − 1); nil for fewer than two values.
  public var std: Double?
  public var min: Double
  public var max: Double

  /// Statistics of `values`, summed in the given order; nil when empty.
  public init?(_ values: [Double]) {
    guard let first = values.first else { return nil }
    count = values.count
    mean = values.reduce(0, +) / Double(values.count)
    if values.count > 1 {
      let mean = self.mean
      let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
      std = (squares / Double(values.count - 1)).squareRoot()
    } else {
      std = nil
    }
    min = values.reduce(first) { Swift.min($0, $1) }
    max = values.reduce(first) { Swift.max($0, $1) }
  }
}
