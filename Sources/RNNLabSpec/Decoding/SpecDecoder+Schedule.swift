/// Checks of the training keys that only make sense together (the
/// optimiser's and the learning-rate schedule's), on the settings as written.
extension SpecDecoder {
  /// Checks the settings each model trains with (the shared map with its
  /// overrides applied) against `ConfigurationRules.trainingProblems`. An
  /// error points at the key as written, in the model's map or else in the
  /// shared one; a shared key that is wrong for several models is reported
  /// once. A rule that reads a key the model's search sets is left to
  /// `checkConfigurations`: the value written is not what that model trains with.
  func checkTrainingRules(shared: DecodedTraining, models: [Named<ModelSpec>]) {
    let base = TrainingSpec().applying(shared.values)
    // A shared key wrong in the shared settings alone needs no model named.
    let sharedProblems = ConfigurationRules.trainingProblems(base)
    var reported = Set<String>()
    let maps: [(DecodedTraining?, ModelSpec?)] = models.isEmpty ? [(nil, nil)] : models.map { ($0.training, $0.value) }
    for (override, model) in maps {
      let effective = override.map { base.applying($0.values) } ?? base
      let searched = Set(model?.search?.space.map(\.path) ?? [])
      for problem in ConfigurationRules.trainingProblems(effective) where searched.isDisjoint(with: problem.paths) {
        // A key that was written but could not be read has been reported;
        // its default says nothing about the combination.
        let keys = [problem.key] + problem.related
        if keys.contains(where: { key in [shared, override].contains { $0.map { Self.unreadable(key, in: $0) } == true } }) {
          continue
        }
        guard let mark = override?.marks[problem.key] ?? shared.marks[problem.key] else { continue }
        let modelCaused = override?.marks[problem.key] == nil && !sharedProblems.contains(problem)
        let why = modelCaused ? model.map { " (model '\($0.name)')" } ?? "" : ""
        if reported.insert("\(mark) \(problem.message)").inserted { fail(mark, problem.message + why) }
      }
    }
  }

  private static func unreadable(_ key: String, in map: DecodedTraining) -> Bool {
    map.marks[key] != nil && !map.values.sets(key)
  }
}
