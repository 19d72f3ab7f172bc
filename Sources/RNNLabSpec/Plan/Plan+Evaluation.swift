/// What `runner plan` shows of the tasks' `evaluation` lengths: an
/// `eval_lengths` column and one line per task saying what runs after
/// training. Plans without them show none of it (their output is unchanged).
extension Plan {
  /// Whether any task tests its trials at other lengths.
  public var hasEvaluationLengths: Bool { spec.tasks.contains { !$0.evaluationLengths.isEmpty } }

  /// `eval_lengths`, the column the lengths add to the rows.
  var evaluationColumns: [String] { hasEvaluationLengths ? ["eval_lengths"] : [] }

  /// The trial's lengths, space-separated (`200 400 1000`); empty for a task without.
  func evaluationFields(_ trial: Trial) -> [String] {
    hasEvaluationLengths ? [trial.task.evaluationLengths.map(String.init).joined(separator: " ")] : []
  }

  /// `task adding: after training, every trial is also tested at T = 200, 400, 1000 (512 sequences each)`.
  public var evaluationListing: String {
    var output = ""
    for task in spec.tasks where !task.evaluationLengths.isEmpty {
      let sizes = Set(trials.filter { $0.task.name == task.name }.map(\.training.evalSize)).sorted()
      let each = sizes.count == 1 ? "\(sizes[0]) sequences each" : "eval_size sequences each"
      let lengths = task.evaluationLengths.map(String.init).joined(separator: ", ")
      output += "task \(task.name): after training, every trial is also tested at T = \(lengths) (\(each))\n"
    }
    return output
  }
}
