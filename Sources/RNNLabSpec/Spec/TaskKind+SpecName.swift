import RNNLabTasks

// Task kinds and placements belong to RNNLabTasks; the spec spells them by
// name, with a did-you-mean suggestion when a name is unknown.

extension TaskKind: SpecName {
  public static let noun = "task kind"
}

extension AddingTask.Placement: SpecName {
  public static let noun = "placement"
}
