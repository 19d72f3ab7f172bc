/// Where the `adding` task puts its two markers.
public enum Placement: String, SpecName {
  /// One marker uniformly in each half (Arjovsky et al. 2016).
  case halves
  /// First in the first 10 steps, second in the first half (Hochreiter 1997).
  case hochreiter
  /// Both anywhere, distinct.
  case anywhere

  public static let noun = "placement"
}
