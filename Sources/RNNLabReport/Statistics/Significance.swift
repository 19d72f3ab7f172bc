/// Whether two cells (task × model × length) differ: a p-value, or the reason
/// there is none. Solved counts are compared with Fisher's exact test, final
/// eval losses with the Mann–Whitney U test; both two-sided, and neither is
/// corrected for the many comparisons a report makes.
public enum Significance: Equatable, Sendable {
  case pValue(Double)
  /// A side has fewer than `minimumSeeds` seeds: any p-value would be uninformative.
  case tooFewSeeds

  /// Fewer seeds than this on either side get no p-value.
  public static let minimumSeeds = 3
  /// p below this is marked `*`.
  public static let level = 0.05

  public var isSignificant: Bool {
    if case .pValue(let p) = self { return p < Self.level }
    return false
  }

  /// "0.036 *", "0.50", "too few seeds".
  var text: String {
    guard case .pValue(let p) = self else { return "too few seeds" }
    return NumberText.significant(p, digits: 2) + (isSignificant ? " *" : "")
  }

  /// The legend line under a table with p-values.
  static let legend =
    "p: two-sided p-value of the difference, Fisher's exact test for solved counts and the Mann–Whitney U "
    + "test for the seeds' final eval losses (a diverged seed counts as the worst loss); `*` marks p < 0.05. "
    + "No correction for multiple comparisons is applied: where there is no real difference, about 1 test "
    + "in 20 is marked anyway. "
    + "\"too few seeds\": fewer than \(minimumSeeds) seeds on a side."

  /// Fisher's exact test of the solved counts (every seed counts, a diverged one as unsolved).
  static func solved(_ a: TrialGroup, _ b: TrialGroup) -> Significance {
    let (na, nb) = (a.trials.count, b.trials.count)
    guard min(na, nb) >= minimumSeeds else { return .tooFewSeeds }
    return .pValue(FisherExact.pValue(a.solvedCount, na - a.solvedCount, b.solvedCount, nb - b.solvedCount))
  }

  /// The Mann–Whitney U test of the final eval losses per seed.
  static func finalLoss(_ a: TrialGroup, _ b: TrialGroup) -> Significance {
    let (x, y) = (a.finalLossSample, b.finalLossSample)
    guard min(x.count, y.count) >= minimumSeeds, let p = MannWhitneyU.pValue(x, y) else { return .tooFewSeeds }
    return .pValue(p)
  }
}

extension TrialGroup {
  /// The final eval loss of every seed that trained: finished seeds with
  /// their loss (NaN or inf included), diverged seeds as +inf, the worst loss
  /// (`MannWhitneyU` ranks NaN and +inf above every finite value). Failed
  /// trials (an error, not a training outcome) and pruned ones (shorter) are left out.
  var finalLossSample: [Double] {
    trials.compactMap { trial in
      switch trial.summary.status {
      case .done: return trial.summary.finalEvalLoss
      case .diverged: return .infinity
      case .failed, .pruned: return nil
      }
    }
  }

  /// The solved count with its 95 % Wilson interval.
  var solvedInterval: WilsonInterval { WilsonInterval(successes: solvedCount, trials: trials.count) }
}
