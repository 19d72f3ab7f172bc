import RNNLabResults

/// The trials of a results folder arranged the way the report reads them:
/// tasks, models and lengths in one fixed order, and the seeds of each cell.
///
/// Order: when every trial's `config.json` records its plan `index`, tasks and
/// models appear in the order of their first trial in the plan, which is the
/// spec's order; otherwise both are sorted by name. Sequence lengths and seeds
/// are always ascending. The order never depends on how the trials were
/// loaded, so the same folder always gives the same report.
struct ResultsIndex {
  /// What the report shows about a model (taken from its first trial).
  struct Model {
    var name: String
    var cell: String
    var hidden: Int
    var layers: Int
    var bidirectional: Bool
    /// Distinct parameter counts over tasks (inputs and outputs differ by task), ascending.
    var parameterCounts: [Int]
    /// Position in the report's model order, used for colours and markers.
    var position: Int

    /// The LSTM family: the default reference for "variants compared".
    var isLSTMFamily: Bool { ["lstm", "peephole", "cifg"].contains(cell) }
  }

  /// One task: its kind, lengths, models and the baseline at each length.
  struct Task {
    var name: String
    var kind: String
    var seqLens: [Int]
    var models: [String]
    var baselines: [Int: Double]
  }

  /// Every trial, in report order (task, length, model, seed).
  let trials: [TrialResult]
  let tasks: [Task]
  let models: [Model]
  /// True when the order came from the plan indexes in `config.json`.
  let inPlanOrder: Bool
  private let groupsByKey: [GroupKey: TrialGroup]
  private let modelsByName: [String: Model]

  init(_ unordered: [TrialResult]) {
    let planOrder = !unordered.isEmpty && unordered.allSatisfy { $0.planIndex != nil }
    let taskRank = Self.ranks(of: \.task, in: unordered, planOrder: planOrder)
    let modelRank = Self.ranks(of: \.model, in: unordered, planOrder: planOrder)
    inPlanOrder = planOrder

    let trials = unordered.sorted { a, b in
      let (x, y) = (a.summary, b.summary)
      return (taskRank[x.task]!, x.seqLen, modelRank[x.model]!, x.seed, a.id)
        < (taskRank[y.task]!, y.seqLen, modelRank[y.model]!, y.seed, b.id)
    }

    self.trials = trials
    var grouped: [GroupKey: [TrialResult]] = [:]
    for trial in trials {
      let key = GroupKey(task: trial.summary.task, model: trial.summary.model, seqLen: trial.summary.seqLen)
      grouped[key, default: []].append(trial)
    }
    groupsByKey = grouped.mapValues { TrialGroup(key: $0[0].groupKey, trials: $0) }

    var models: [Model] = []
    for name in modelRank.keys.sorted(by: { modelRank[$0]! < modelRank[$1]! }) {
      let ofModel = trials.filter { $0.summary.model == name }
      let first = ofModel[0].summary
      models.append(
        Model(
          name: name, cell: first.cell, hidden: first.hidden, layers: first.layers,
          bidirectional: first.bidirectional,
          parameterCounts: Array(Set(ofModel.map(\.summary.parameterCount))).sorted(),
          position: models.count))
    }
    self.models = models
    modelsByName = Dictionary(uniqueKeysWithValues: models.map { ($0.name, $0) })

    tasks = taskRank.keys.sorted { taskRank[$0]! < taskRank[$1]! }.map { name in
      let ofTask = trials.filter { $0.summary.task == name }
      var baselines: [Int: Double] = [:]
      for trial in ofTask where baselines[trial.summary.seqLen] == nil {
        baselines[trial.summary.seqLen] = trial.summary.baseline
      }
      let modelNames = Set(ofTask.map(\.summary.model))
      return Task(
        name: name, kind: ofTask[0].summary.taskKind,
        seqLens: Array(Set(ofTask.map(\.summary.seqLen))).sorted(),
        models: models.map(\.name).filter(modelNames.contains),
        baselines: baselines)
    }
  }

  /// Rank of each name: by its first plan index (then name), or by name alone.
  private static func ranks(
    of name: (TrialSummary) -> String, in trials: [TrialResult], planOrder: Bool
  ) -> [String: Int] {
    var firstIndex: [String: Int] = [:]
    for trial in trials {
      let key = name(trial.summary)
      let index = planOrder ? trial.planIndex! : 0
      firstIndex[key] = min(firstIndex[key] ?? index, index)
    }
    let ordered = firstIndex.keys.sorted { (firstIndex[$0]!, $0) < (firstIndex[$1]!, $1) }
    return Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1, $0) })
  }

  /// The trials of one cell, or nil when the cell has none.
  func group(task: String, model: String, seqLen: Int) -> TrialGroup? {
    groupsByKey[GroupKey(task: task, model: model, seqLen: seqLen)]
  }

  /// Every non-empty cell, in report order.
  var groups: [TrialGroup] {
    tasks.flatMap { task in
      task.models.flatMap { model in
        task.seqLens.compactMap { group(task: task.name, model: model, seqLen: $0) }
      }
    }
  }

  func model(named name: String) -> Model? { modelsByName[name] }
}

extension TrialResult {
  var groupKey: GroupKey { GroupKey(task: summary.task, model: summary.model, seqLen: summary.seqLen) }
}
