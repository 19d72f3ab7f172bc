/// Checks of the learning-rate schedule keys, which only make sense together.
extension SpecDecoder {
  /// Checks the schedule settings each model trains with (the shared map with
  /// its overrides applied). An error points at the key as written, in the
  /// model's map or else in the shared one; a shared key that is wrong for
  /// several models is reported once.
  func checkSchedules(shared: DecodedTraining, models: [Named<ModelSpec>]) {
    let base = TrainingSpec().applying(shared.values)
    // A shared key wrong in the shared settings alone needs no model named.
    let sharedProblems = Self.scheduleProblems(base)
    var reported = Set<String>()
    let maps: [(DecodedTraining?, ModelSpec?)] = models.isEmpty ? [(nil, nil)] : models.map { ($0.training, $0.value) }
    for (override, model) in maps {
      let effective = override.map { base.applying($0.values) } ?? base
      for problem in Self.scheduleProblems(effective) {
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

  /// One wrong combination: the key the error points at, the other keys it
  /// depends on, and the message.
  struct ScheduleProblem: Equatable {
    var key: String
    var related: [String]
    var message: String
  }

  /// Everything wrong with the schedule settings in `training`.
  static func scheduleProblems(_ training: TrainingSpec) -> [ScheduleProblem] {
    var problems: [ScheduleProblem] = []
    let schedule = training.lrSchedule
    if schedule == .step, training.lrStepEvery == nil {
      problems.append(.init(key: "lr_schedule", related: ["lr_step_every"],
                            message: "lr_schedule 'step' needs 'lr_step_every' (steps between decays)"))
    }
    if schedule != .step, training.lrStepEvery != nil {
      problems.append(.init(key: "lr_step_every", related: ["lr_schedule"],
                            message: "'lr_step_every' applies only to lr_schedule 'step', not '\(schedule.rawValue)'"))
    }
    if schedule != .step, training.lrStepFactor != TrainingSpec().lrStepFactor {
      problems.append(.init(key: "lr_step_factor", related: ["lr_schedule"],
                            message: "'lr_step_factor' applies only to lr_schedule 'step', not '\(schedule.rawValue)'"))
    }
    if schedule != .cosine, training.lrMin != 0 {
      problems.append(.init(key: "lr_min", related: ["lr_schedule"],
                            message: "'lr_min' applies only to lr_schedule 'cosine', not '\(schedule.rawValue)'"))
    }
    if schedule == .cosine, training.lrMin >= training.learningRate {
      problems.append(.init(key: "lr_min", related: ["learning_rate"],
                            message: "'lr_min' (\(format(training.lrMin))) must be below 'learning_rate' (\(format(training.learningRate)))"))
    }
    if training.warmupSteps >= training.steps {
      problems.append(.init(key: "warmup_steps", related: ["steps"],
                            message: "'warmup_steps' (\(training.warmupSteps)) must be fewer than 'steps' (\(training.steps))"))
    }
    return problems
  }

  private static func unreadable(_ key: String, in map: DecodedTraining) -> Bool {
    map.marks[key] != nil && !map.values.sets(key)
  }
}
