/// How strictly `runner verify` compares a re-run with committed results.
public enum VerificationMode: Equatable, Sendable {
  /// x86-64 with the recording OS (any CPU): every number must have the same
  /// bits (the files' text is equal), every text field the same text.
  case exact
  /// Another platform: numbers may differ by `relative`, measured as
  /// `|a − b| ≤ relative · max(|a|, |b|, 1e-6)` (below 1e-6 in magnitude the
  /// bound becomes absolute, so vanishing gradients near 0 do not count as
  /// different); text fields must still be equal.
  case tolerance(relative: Double)

  /// The tolerance `runner verify` uses across platforms unless told otherwise.
  public static let defaultRelativeTolerance = 1e-3
  /// Magnitudes below this are compared with an absolute bound (see `tolerance`).
  public static let magnitudeFloor = 1e-6

  /// Whether two numbers count as equal. NaN equals NaN, and infinities
  /// equal only themselves.
  public func matches(_ a: Double, _ b: Double) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    switch self {
    case .exact:
      return a.bitPattern == b.bitPattern
    case .tolerance(let relative):
      if a.isInfinite || b.isInfinite { return a == b }
      return abs(a - b) <= relative * Swift.max(abs(a), abs(b), Self.magnitudeFloor)
    }
  }

  /// Whether two textual fields (CSV cells, JSON strings) count as equal:
  /// equal text, or, in tolerance mode, two numbers that `matches`.
  public func matches(text a: String, _ b: String) -> Bool {
    if a == b { return true }
    guard case .tolerance = self, let x = Double(a), let y = Double(b) else { return false }
    return matches(x, y)
  }

  /// One phrase for the output: `bit-identical` or `within relative tolerance 0.001`.
  public var phrase: String {
    switch self {
    case .exact: "bit-identical"
    case .tolerance(let relative): "within relative tolerance \(relative)"
    }
  }
}
