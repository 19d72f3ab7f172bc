import RNNLabTasks

/// Decoding the entries of a spec's lists (tasks, models) and training maps.
extension SpecDecoder {
  /// A training map as read: the values it sets and where each key is.
  struct DecodedTraining {
    var values = TrainingOverride()
    var marks: [String: Mark] = [:]
  }

  // MARK: - Tasks

  func decodeTask(_ node: YAMLNode) -> Named<TaskSpec>? {
    guard let fields = fields(node, of: "a task", known: SpecSchema.taskKeys + SpecSchema.allOptionKeys) else {
      return nil
    }
    let kindEntry = required(fields, "kind", in: "task")
    let kind = kindEntry.flatMap { name($0.value, TaskKind.self) }
    let explicitName = fields["name"].map { folderName($0.value, "'name'") }
    let seqLens = required(fields, "seq_len", in: "task").flatMap {
      integerList($0.value, "'seq_len'", in: SpecLimits.seqLen)
    }
    guard let kind, let kindEntry else {
      // With the kind unknown no option can be said not to apply, but the
      // values can still be checked (repeated diagnostics are merged).
      for kind in TaskKind.allCases { _ = decodeOptions(kind, fields) }
      return nil
    }
    for entry in fields.entries
    where SpecSchema.allOptionKeys.contains(entry.key) && !SpecSchema.optionKeys(for: kind).contains(entry.key) {
      let kinds = SpecSchema.taskKinds(taking: entry.key).map(\.rawValue).joined(separator: ", ")
      fail(entry.keyMark, "'\(entry.key)' does not apply to task kind '\(kind.rawValue)' (only to \(kinds))")
    }
    let options = decodeOptions(kind, fields)
    let seeds = fields["seeds"].map { integerList($0.value, "'seeds'", in: Int.min...Int.max) }
    // Read before the checks below return, so its errors come in the same pass;
    // nil when written but unreadable (and reported).
    let evaluation = fields["evaluation"].map { decodeEvaluation($0, kind: kind, options: options) } ?? []
    if case .some(.none) = seeds { return nil }
    guard let seqLens, let name = Self.name(explicitName, defaultingTo: kind.rawValue) else { return nil }
    if let shortest = seqLens.min(), shortest < options.minimumSeqLen, let mark = fields["seq_len"]?.value.mark {
      fail(mark, "'seq_len' \(shortest) is too short for task kind '\(kind.rawValue)' with these options (at least \(options.minimumSeqLen))")
      return nil
    }
    guard let evaluation else { return nil }
    let task = TaskSpec(name: name, seqLens: seqLens, options: options, seeds: seeds ?? nil, evaluationLengths: evaluation)
    var named = Named(value: task, nameMark: fields["name"]?.value.mark ?? kindEntry.value.mark)
    named.tuned = fields["tuned"].map { decodeTuned($0.value) } ?? []
    return named
  }

  /// `evaluation: {lengths: [...]}`: the lengths, ascending (their order
  /// changes nothing, so it does not change the hash either); `null`: none.
  private func decodeEvaluation(_ entry: YAMLEntry, kind: TaskKind, options: TaskOptions) -> [Int]? {
    if entry.value.isNull { return [] }
    guard let fields = fields(entry.value, of: "'evaluation'", known: SpecSchema.evaluationKeys) else { return nil }
    if case .untestable(let reason) = kind.lengthGeneralisation {
      fail(entry.keyMark, "'evaluation' does not apply to task kind '\(kind.rawValue)': \(reason)")
      return nil
    }
    guard let listEntry = required(fields, "lengths", in: "'evaluation'"),
          let lengths = integerList(listEntry.value, "'lengths'", in: SpecLimits.seqLen) else { return nil }
    if lengths.count > SpecLimits.evaluationLengths {
      fail(listEntry.value.mark, "'lengths' may list at most \(SpecLimits.evaluationLengths) lengths, got \(lengths.count)")
      return nil
    }
    var valid = true
    for (length, item) in zip(lengths, listEntry.value.items ?? [listEntry.value]) where length < options.minimumSeqLen {
      fail(item.mark, "'lengths' \(length) is too short for task kind '\(kind.rawValue)' with these options (at least \(options.minimumSeqLen))")
      valid = false
    }
    return valid ? lengths.sorted() : nil
  }

  private func decodeOptions(_ kind: TaskKind, _ fields: Fields) -> TaskOptions {
    // Ranges and defaults are RNNLabTasks' (`TaskOptionKey`, `TaskOptions.defaults`).
    func count(_ key: String, _ fallback: Int) -> Int {
      fields[key].flatMap { integer($0.value, "'\(key)'", in: TaskOptionKey.range(of: key)) } ?? fallback
    }
    switch TaskOptions.defaults(for: kind) {
    case .adding(let placement):
      return .adding(placement: fields["placement"].flatMap { name($0.value, AddingTask.Placement.self) } ?? placement)
    case .copy(let copyLength, let symbols):
      return .copy(copyLength: count("copy_length", copyLength), symbols: count("symbols", symbols))
    case .firstSymbol(let classes, let distractors):
      return .firstSymbol(classes: count("classes", classes), distractors: count("distractors", distractors))
    case .temporalOrder(let distractors):
      return .temporalOrder(distractors: count("distractors", distractors))
    case .lookahead(let offset, let symbols):
      return .lookahead(offset: count("offset", offset), symbols: count("symbols", symbols))
    }
  }

  // MARK: - Models

  func decodeModel(_ node: YAMLNode) -> Named<ModelSpec>? {
    guard let fields = fields(node, of: "a model", known: SpecSchema.modelKeys) else { return nil }
    let cellEntry = required(fields, "cell", in: "model")
    let cell = cellEntry.flatMap { name($0.value, CellKind.self) }
    let explicitName = fields["name"].map { folderName($0.value, "'name'") }
    let hiddenEntry = required(fields, "hidden", in: "model")
    var budget: Int?
    let hidden = hiddenEntry.flatMap { entry -> Int? in
      // A mapping is a budget when it names `parameters` (or nearly: a typo
      // gets a suggestion); any other value is a wrong hidden size.
      guard let keys = entry.value.entries?.map(\.key),
            keys.contains(where: { $0 == "parameters" || Suggestion.closest(to: $0, among: ["parameters"]) != nil })
      else { return integer(entry.value, "'hidden'", in: SpecLimits.hidden) }
      budget = decodeParameterBudget(entry.value)
      return budget.map { _ in 1 }
    }
    var model = ModelSpec(cell: cell ?? .rnn, hidden: hidden ?? 1, parameterBudget: budget)
    // The options, as `ModelSpec.keys` declares them; an invalid value keeps
    // the default (and is reported). name, cell, hidden above; training below.
    var unread: Set<String> = []
    for entry in fields.entries {
      guard let key = ModelSpec.key(named: entry.key) else { continue }
      if !key.decode(self, entry.value, &model) { unread.insert(entry.key) }
    }
    var training = DecodedTraining()
    if let entry = fields["training"] { training = decodeTraining(entry.value, of: "a model's 'training'", forModel: true) }
    model.training = training.values
    guard let cell, let cellEntry else { return nil }
    checkApplicable(fields, to: model)
    guard hidden != nil, let name = Self.name(explicitName, defaultingTo: cell.rawValue) else { return nil }
    model.name = name
    var named = Named(value: model, nameMark: fields["name"]?.value.mark ?? cellEntry.value.mark, training: training)
    named.hiddenMark = hiddenEntry?.value.mark
    named.keyMarks = Dictionary(fields.entries.map { ($0.key, $0.keyMark) }) { first, _ in first }
    named.unreadKeys = unread
    if let entry = fields["search"] {
      named.searchWritten = true
      named.search = entry.value.isNull ? nil : decodeSearch(entry.value, of: "a model's 'search'")
    }
    return named
  }

  /// `{parameters: N}`, the form of `hidden` that sizes the model per task.
  private func decodeParameterBudget(_ node: YAMLNode) -> Int? {
    guard let fields = fields(node, of: "'hidden'", known: ["parameters"]),
          let entry = required(fields, "parameters", in: "'hidden'") else { return nil }
    return integer(entry.value, "'parameters'", in: SpecLimits.parameters)
  }

  /// Options that mean nothing for the model's cell are errors rather than
  /// silently ignored: `activation: relu` on an LSTM is surely a mistake.
  private func checkApplicable(_ fields: Fields, to model: ModelSpec) {
    for entry in fields.entries where !SpecSchema.modelKey(entry.key, appliesTo: model.cell) {
      let cells = SpecSchema.cells(taking: entry.key).map(\.rawValue).joined(separator: ", ")
      fail(entry.keyMark, "'\(entry.key)' does not apply to cell '\(model.cell.rawValue)' (only to \(cells))")
    }
    if let entry = fields["forget_bias"], model.cell.isLSTMFamily, !model.forgetGate {
      fail(entry.keyMark, "'forget_bias' does not apply when 'forget_gate' is false")
    }
  }

  /// The name given, or the default when none was; nil when the one given
  /// was invalid (and reported).
  private static func name(_ explicit: String??, defaultingTo fallback: String) -> String? {
    switch explicit {
    case .none: return fallback
    case .some(let valid): return valid
    }
  }

  // MARK: - Training

  /// A training map, shared or a model's (`forModel`): every key it sets,
  /// checked as `TrainingSpec.keys` declares.
  func decodeTraining(_ node: YAMLNode, of what: String, forModel: Bool = false) -> DecodedTraining {
    var result = DecodedTraining()
    guard let fields = fields(node, of: what, known: SpecSchema.trainingKeys) else { return result }
    for entry in fields.entries {
      guard let key = TrainingSpec.key(named: entry.key) else { continue }
      result.marks[entry.key] = entry.keyMark
      if forModel, !key.perModel {
        fail(entry.keyMark, "'\(entry.key)' applies to every model alike; set it in the shared 'training'")
        continue
      }
      _ = result.values.decode(key, from: entry.value, with: self)
    }
    return result
  }
}
