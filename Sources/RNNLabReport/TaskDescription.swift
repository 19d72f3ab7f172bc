/// One sentence per task kind for the report: what the task asks and what its
/// trivial baseline does. Kept here (not taken from the tasks module) so the
/// reporter depends on nothing but the results.
enum TaskDescription {
  static func text(kind: String) -> (task: String, baseline: String) {
    switch kind {
    case "adding":
      ("Adding problem: every step carries a random value and a marker, exactly two steps are marked, "
        + "and the model outputs the sum of the two marked values at the end (mean squared error).",
       "always predicting 1")
    case "copy":
      ("Copy memory: a string of symbols, T blanks and a delimiter, after which the model reproduces "
        + "the string (cross-entropy over all steps).",
       "blanks, then uniform guesses for the symbols")
    case "first_symbol":
      ("Remember the first symbol: a class symbol followed by T − 1 distractors, classified at the "
        + "last step (cross-entropy).",
       "uniform guess of the class")
    case "temporal_order":
      ("Temporal order: two relevant symbols hidden among distractors, classified by their order at "
        + "the end (4 classes, cross-entropy).",
       "uniform guess of the order")
    case "lookahead":
      ("Lookahead: the target at each step depends on an input that comes later in the sequence, so "
        + "only a model that also reads the sequence backwards can solve it (cross-entropy).",
       "uniform guess")
    default:
      ("Task of kind `\(kind)`.", "the task's trivial predictor")
    }
  }

  /// The description plus the baseline loss at each length, e.g.
  /// "… Trivial baseline (always predicting 1): loss 0.167."
  static func paragraph(for task: ResultsIndex.Task) -> String {
    let (what, how) = text(kind: task.kind)
    let values = task.seqLens.compactMap { seqLen in task.baselines[seqLen].map { (seqLen, $0) } }
    let distinct = Set(values.map { NumberText.significant($0.1) })
    let loss: String
    if distinct.count == 1, let only = distinct.first {
      loss = only
    } else {
      let parts = values.map { "\(NumberText.significant($0.1)) at T = \($0.0)" }
      loss = parts.count <= 2
        ? parts.joined(separator: " and ") : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
    }
    return "\(what) Trivial baseline (\(how)): loss \(loss)."
  }
}
