/// Decoding the top level of a spec and the checks that span its parts.
extension SpecDecoder {
  /// The spec, or nil when any error was recorded (see `diagnostics`).
  func decodeSpec(_ root: YAMLNode) -> ExperimentSpec? {
    guard root.entries != nil else {
      fail(root.mark, "the spec must be a mapping with 'name', 'tasks' and 'models', got \(root.kindDescription)")
      return nil
    }
    guard let top = fields(root, of: "the spec", known: SpecSchema.topLevelKeys, allowingExtensions: true) else { return nil }

    let name = required(top, "name", in: "the spec").flatMap { folderName($0.value, "'name'") }
    var description = ""
    if let entry = top["description"], entry.value.scalar?.value != .null {
      description = string(entry.value, "'description'") ?? ""
    }
    var seeds = [1]
    if let entry = top["seeds"] { seeds = integerList(entry.value, "'seeds'", in: Int.min...Int.max) ?? seeds }

    let taskList = required(top, "tasks", in: "the spec")?.value
    let modelList = required(top, "models", in: "the spec")?.value
    let tasks = taskList.map { decodeList($0, "'tasks'", decodeTask) } ?? []
    let models = modelList.map { decodeList($0, "'models'", decodeModel) } ?? []
    // Names are checked on the raw entries, so that an entry with some other
    // error still counts as taking its name.
    checkUniqueNames(Self.names(in: taskList, fallbackKey: "kind"), noun: "task")
    let modelNames = Self.names(in: modelList, fallbackKey: "cell")
    checkUniqueNames(modelNames, noun: "model")

    let shared = top["training"].map { decodeTraining($0.value, of: "'training'") } ?? DecodedTraining()
    let training = TrainingSpec().applying(shared.values)

    // A model's own `search:` replaces the top-level one; `search: null` turns it off.
    let topSearch = top["search"].flatMap { $0.value.isNull ? nil : decodeSearch($0.value, of: "'search'") }
    let searched = models.map { named in
      guard let search = named.searchWritten ? named.search : topSearch else { return named }
      var result = named
      result.value = attach(search, to: named.value, shared: training)
      result.search = search
      return result
    }
    // With the searches attached: a rule that reads a searched key is
    // checked per configuration, the others once at the keys as written.
    checkTrainingRules(shared: shared, models: searched)
    checkModelRules(searched, tasks: tasks.map(\.value))
    for named in searched {
      if let search = named.search, named.value.search != nil {
        checkConfigurations(search, of: named.value, shared: training, tasks: tasks.map(\.value))
      }
    }

    var report = ReportSpec()
    if let entry = top["report"] {
      var seen = Set<String>()
      // A model whose name cannot be read has been reported; without it the
      // list of names is incomplete, and 'compare_to' cannot be judged.
      let everyModelNamed = modelNames.count == (modelList?.items?.count ?? 0)
      report = decodeReport(entry.value, modelNames: everyModelNamed ? modelNames.map(\.name).filter { seen.insert($0).inserted } : nil)
    }
    if report.compareTo == nil {
      report.compareTo = models.first { $0.value.cell.isLSTMFamily }?.value.name
    }

    let folder = top["tuned_from"].flatMap { entry in
      decodeTunedFrom(entry).map { (path: $0.path, rows: $0.rows, mark: entry.value.mark) }
    }
    let tuned = top["tuned_from"] != nil && folder == nil ? [] : mergeTuned(from: folder, tasks: tasks, models: searched)

    checkParameterBudgets(tasks: tasks.map(\.value), models: searched)
    guard diagnostics.isEmpty, let name else { return nil }
    guard checkGridSize(tasks: tasks.map(\.value), models: searched, seeds: seeds.count, at: root.mark) else { return nil }
    let spec = ExperimentSpec(
      name: name, description: description, seeds: seeds, tasks: tasks.map(\.value),
      models: searched.map(\.value), training: training, report: report, search: topSearch?.value,
      tunedFrom: folder?.path, tuned: tuned)
    checkUniqueTrialIDs(spec, modelMarks: models.map(\.nameMark))
    return diagnostics.isEmpty ? spec : nil
  }

  /// A decoded list entry with the mark its name errors point at.
  struct Named<Value> {
    var value: Value
    var nameMark: Mark
    var training = DecodedTraining()
    /// Whether the entry has its own `search:` key, and that search when
    /// valid and not null (models only).
    var searchWritten = false
    var search: DecodedSearch?
    /// Where the model's `hidden` is (budget errors point here).
    var hiddenMark: Mark?
    /// Where each key of a model's entry is written (rule errors point here).
    var keyMarks: [String: Mark] = [:]
    /// Keys written with a value that could not be read (and was reported).
    var unreadKeys: Set<String> = []
    /// A task's `tuned:` values per model.
    var tuned: [DecodedTuned] = []
  }

  /// Decodes each item of a non-empty list, skipping the ones with errors.
  func decodeList<Value>(_ node: YAMLNode, _ what: String, _ decode: (YAMLNode) -> Named<Value>?) -> [Named<Value>] {
    guard let items = node.items else {
      fail(node.mark, "\(what) must be a list, got \(node.kindDescription)")
      return []
    }
    if items.isEmpty { fail(node.mark, "\(what) must not be empty") }
    return items.compactMap(decode)
  }

  /// The name of each mapping entry of a list as written (or its fallback
  /// key's value), with the mark that name errors point at.
  static func names(in list: YAMLNode?, fallbackKey: String) -> [(name: String, mark: Mark)] {
    (list?.items ?? []).compactMap { item in
      guard let node = item["name"] ?? item[fallbackKey], let text = node.scalar?.text else { return nil }
      return (text, node.mark)
    }
  }

  private func checkUniqueNames(_ names: [(name: String, mark: Mark)], noun: String) {
    var first: [String: Mark] = [:]
    for (name, mark) in names {
      if let earlier = first[name] {
        fail(mark, "duplicate \(noun) name \(Quoting.quoted(name)) (first at \(earlier)); give each \(noun) its own 'name'")
      } else {
        first[name] = mark
      }
    }
  }

  /// Each budgeted model (in each configuration of its search) must fit
  /// every task with at least hidden size 1.
  private func checkParameterBudgets(tasks: [TaskSpec], models: [Named<ModelSpec>]) {
    for named in models {
      guard let mark = named.hiddenMark, let budget = named.value.parameterBudget else { continue }
      let variants = named.value.searchConfigurations?.map(\.model) ?? [named.value]
      check: for task in tasks {
        for variant in variants where variant.resolvingHidden(for: task) == nil {
          var smallest = variant
          smallest.hidden = 1
          let count = smallest.parameterCount(on: task).map { " (hidden 1 already has \($0) parameters)" } ?? ""
          fail(mark, "'hidden: {parameters: \(budget)}' is too small for model '\(named.value.name)' on task '\(task.name)'\(count)")
          break check
        }
      }
    }
  }

  /// `names` is nil when some model's name is unknown.
  private func decodeReport(_ node: YAMLNode, modelNames names: [String]?) -> ReportSpec {
    var report = ReportSpec()
    guard let fields = fields(node, of: "'report'", known: SpecSchema.reportKeys) else { return report }
    if let entry = fields["compare_to"], entry.value.scalar?.value != .null,
       let name = string(entry.value, "'compare_to'") {
      if let names, names.contains(name) {
        report.compareTo = name
      } else if let names, !names.isEmpty {
        fail(entry.value.mark, Self.unknownNameMessage(name, noun: "model", choices: names))
      }
    }
    return report
  }

  /// Whether the grid stays within `SpecLimits.trials`, each model counted
  /// once per configuration of its search; reports it if not (at the search
  /// with the most configurations, when a search is what multiplies it).
  private func checkGridSize(tasks: [TaskSpec], models named: [Named<ModelSpec>], seeds: Int, at root: Mark) -> Bool {
    let counts = named.map { $0.value.search.map(ModelSpec.configurationCount) ?? 1 }
    // Each count is at most `SpecLimits.trials`, so the sum cannot overflow.
    let models = counts.reduce(0, +)
    let largest = named.indices.max { counts[$0] < counts[$1] }
    let mark = largest.flatMap { counts[$0] > 1 ? named[$0].search?.mark : nil } ?? root
    let modelNoun = models > named.count ? "model configuration" : "model"
    let lengths = tasks.reduce(0) { $0 + $1.seqLens.count }
    // Each factor is bounded by the document's node limit, but saturate
    // rather than rely on that. A task with its own seeds counts its lengths
    // once per its seed.
    let uniform = tasks.allSatisfy { $0.seeds == nil }
    let runs = tasks.reduce(0) { $0 + $1.seqLens.count * ($1.seeds?.count ?? seeds) }
    let (total, overflow) = runs.multipliedReportingOverflow(by: models)
    guard overflow || total > SpecLimits.trials else { return true }
    let count = overflow ? "more than \(Int.max)" : String(total)
    func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
    let factors = uniform
      ? [counted(lengths, "task length"), counted(models, modelNoun), counted(seeds, "seed")]
      : [counted(runs, "task length × seed"), counted(models, modelNoun)]
    fail(mark, "the grid has \(count) trials (\(factors.joined(separator: " × "))), more than the \(SpecLimits.trials) a spec may have; split it into several specs")
    return false
  }

  /// Trial ids join names with `-`, so two different (task, model) pairs can
  /// in principle spell the same id; that would make two trials share a folder.
  private func checkUniqueTrialIDs(_ spec: ExperimentSpec, modelMarks: [Mark]) {
    var seen: [String: (task: String, model: String)] = [:]
    let points = spec.tasks.flatMap { task in task.seqLens.map { (task, $0) } }
    for (task, seqLen) in points {
      for (modelIndex, model) in spec.models.enumerated() {
        for label in model.configurationLabels {
          for seed in spec.seeds(for: task) {
            let id = Trial.id(task: task.name, seqLen: seqLen, model: model.name, configuration: label, seed: seed)
            if let other = seen[id] {
              fail(modelMarks[modelIndex], "trial id '\(id)' of task '\(task.name)' and model '\(model.name)' is also the id of task '\(other.task)' and model '\(other.model)'; rename one")
              return
            }
            seen[id] = (task.name, model.name)
          }
        }
      }
    }
  }
}
