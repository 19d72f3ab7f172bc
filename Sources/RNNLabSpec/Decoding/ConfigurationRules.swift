/// The rules that tie several keys of one model configuration together: a
/// model with its training settings resolved. They are declared once, here,
/// and check both the models as written (errors at the keys, see
/// `SpecDecoder.checkModelRules` and `checkTrainingRules`) and every
/// configuration of a search (`SpecDecoder.checkConfigurations`), so that no
/// combination validation could refuse ever reaches a trial.
enum ConfigurationRules {
  /// Everything wrong with `model` trained with `training` on `tasks`.
  static func problems(model: ModelSpec, training: TrainingSpec, tasks: [TaskSpec]) -> [ConfigurationProblem] {
    modelProblems(model, tasks: tasks) + trainingProblems(training)
  }

  /// Rules among a model's own keys (and the tasks it trains on).
  static func modelProblems(_ model: ModelSpec, tasks: [TaskSpec]) -> [ConfigurationProblem] {
    var problems: [ConfigurationProblem] = []
    if model.recurrentRadius != nil, model.initialization == .uniform {
      problems.append(.init(.model, key: "recurrent_radius", related: ["init"],
                            message: "'recurrent_radius' needs 'init' orthogonal, identity or normal (not default)"))
    }
    // On a cell without the gate, forget_bias and chrono_t_max are reported as not applying.
    guard SpecSchema.modelKey("forget_bias", appliesTo: model.cell) else { return problems }
    if model.chronoTMax != nil, model.forgetBias != .chrono {
      problems.append(.init(.model, key: "chrono_t_max", related: ["forget_bias"],
                            message: "'chrono_t_max' applies only to forget_bias '\(ForgetBias.chronoName)'"))
    }
    // Chrono draws log U(1, T_max − 1): T_max = seq_len must leave that range non-empty.
    if model.forgetBias == .chrono, model.chronoTMax == nil,
       let task = tasks.first(where: { ($0.seqLens.min() ?? 3) < 3 }), let shortest = task.seqLens.min() {
      problems.append(.init(.model, key: "forget_bias", related: ["chrono_t_max"],
                            message: "forget_bias '\(ForgetBias.chronoName)' needs T_max of at least 3, but task '\(task.name)' has seq_len \(shortest); set 'chrono_t_max'"))
    }
    return problems
  }

  /// Rules among the training keys: the optimiser's and the schedule's.
  static func trainingProblems(_ training: TrainingSpec) -> [ConfigurationProblem] {
    var problems: [ConfigurationProblem] = []
    func add(_ key: String, _ related: [String], _ message: String) {
      problems.append(.init(.training, key: key, related: related, message: message))
    }
    if training.optimizer == .adam, training.momentum != 0 {
      add("momentum", ["optimizer"], "'momentum' does not apply to optimizer 'adam'")
    }
    let schedule = training.lrSchedule
    if schedule == .step, training.lrStepEvery == nil {
      // Without an interval the step schedule would never decay.
      add("lr_schedule", ["lr_step_every"], "lr_schedule 'step' needs 'lr_step_every' (steps between decays)")
    }
    if schedule != .step, training.lrStepEvery != nil {
      add("lr_step_every", ["lr_schedule"], "'lr_step_every' applies only to lr_schedule 'step', not '\(schedule.rawValue)'")
    }
    if schedule != .step, training.lrStepFactor != TrainingSpec().lrStepFactor {
      add("lr_step_factor", ["lr_schedule"], "'lr_step_factor' applies only to lr_schedule 'step', not '\(schedule.rawValue)'")
    }
    if schedule != .cosine, training.lrMin != 0 {
      add("lr_min", ["lr_schedule"], "'lr_min' applies only to lr_schedule 'cosine', not '\(schedule.rawValue)'")
    }
    if schedule == .cosine, training.lrMin >= training.learningRate {
      // A floor above the rate would make the "decay" rise.
      add("lr_min", ["learning_rate"],
          "'lr_min' (\(SpecDecoder.format(training.lrMin))) must be below 'learning_rate' (\(SpecDecoder.format(training.learningRate)))")
    }
    if training.warmupSteps >= training.steps {
      add("warmup_steps", ["steps"], "'warmup_steps' (\(training.warmupSteps)) must be fewer than 'steps' (\(training.steps))")
    }
    return problems
  }
}

/// One broken rule: the key the error points at, the other keys the rule
/// reads, and the message.
struct ConfigurationProblem: Equatable {
  /// Whether the keys are a model's own or training keys.
  enum Scope: Equatable {
    case model
    case training
  }

  var scope: Scope
  var key: String
  var related: [String]
  var message: String

  init(_ scope: Scope, key: String, related: [String], message: String) {
    self.scope = scope
    self.key = key
    self.related = related
    self.message = message
  }

  /// The rule's keys as search paths (`init`, `training.lr_min`).
  var paths: [String] {
    ([key] + related).map { scope == .training ? SearchTarget.trainingPrefix + $0 : $0 }
  }
}

extension SpecDecoder {
  /// How many broken configurations of one model are listed before the rest are counted.
  static let listedConfigurations = 5

  /// Checks every configuration of `model`'s search against the rules. Only
  /// rules that read a searched key are reported here, each naming the
  /// configuration, at the search block; a rule that the keys as written
  /// break whatever the search picks is reported once, at those keys.
  func checkConfigurations(_ search: DecodedSearch, of model: ModelSpec, shared: TrainingSpec, tasks: [TaskSpec]) {
    guard let configurations = model.searchConfigurations else { return }
    let searched = Set(search.value.space.map(\.path))
    // Beside a searched forget_bias, chrono_t_max is for the configurations that draw chrono.
    let someChrono = searched.contains("forget_bias") && configurations.contains { $0.model.forgetBias == .chrono }
    var broken = 0
    for (configuration, configured) in configurations {
      let problems = ConfigurationRules.problems(model: configured, training: shared.applying(configured.training), tasks: tasks)
        .filter { !searched.isDisjoint(with: $0.paths) && !(someChrono && $0.key == "chrono_t_max") }
      guard !problems.isEmpty else { continue }
      broken += 1
      guard broken <= Self.listedConfigurations else { continue }
      for problem in problems {
        fail(search.mark, "configuration \(configuration.label) of model '\(model.name)': \(problem.message)")
      }
    }
    if broken > Self.listedConfigurations {
      fail(search.mark, "\(broken - Self.listedConfigurations) more configurations of model '\(model.name)' break these rules (\(broken) of \(configurations.count) in all)")
    }
  }

  /// Checks each model as written against the model rules, at the key as
  /// written; rules that read a key the model's search sets are left to
  /// `checkConfigurations`.
  func checkModelRules(_ models: [Named<ModelSpec>], tasks: [TaskSpec]) {
    for named in models {
      let searched = Set(named.value.search?.space.map(\.path) ?? [])
      for problem in ConfigurationRules.modelProblems(named.value, tasks: tasks) where searched.isDisjoint(with: problem.paths) {
        // A value that could not be read has been reported; the default
        // standing in for it says nothing about the combination.
        if !named.unreadKeys.isDisjoint(with: [problem.key] + problem.related) { continue }
        guard let mark = ([problem.key] + problem.related).lazy.compactMap({ named.keyMarks[$0] }).first else { continue }
        fail(mark, problem.message)
      }
    }
  }
}
