/// Comparing with a reference value at a relative tolerance (scipy's results
/// are hard-coded in the statistics tests).
func isClose(_ actual: Double?, _ expected: Double, relative: Double = 1e-12) -> Bool {
  guard let actual else { return false }
  if expected == 0 { return actual == 0 }
  return abs(actual - expected) <= relative * abs(expected)
}
