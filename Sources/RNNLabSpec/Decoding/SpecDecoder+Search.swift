/// Decoding `search:` blocks (top level and per model) and the checks that
/// need the models they apply to.
extension SpecDecoder {
  /// A search as read, with the marks its later errors point at.
  struct DecodedSearch {
    var value: SearchSpec
    /// The block itself: cap and cross-key errors point here.
    var mark: Mark
    /// Where each path of `space` is written, in `space` order.
    var pathMarks: [Mark]
    /// Where `min_steps` is written (halving): rung errors point here.
    var minStepsMark: Mark?
  }

  /// The `search:` mapping at `node`; nil (with errors recorded) when invalid.
  func decodeSearch(_ node: YAMLNode, of what: String) -> DecodedSearch? {
    guard let fields = fields(node, of: what, known: SpecSchema.searchKeys) else { return nil }
    let method = required(fields, "method", in: what).flatMap { name($0.value, SearchSpec.Method.self) }
    var samples: Int?
    var seed = 0
    var valid = method != nil
    if let entry = fields["samples"] {
      if method == .grid {
        fail(entry.keyMark, "'samples' applies only to methods 'random' and 'halving'; a grid tries every combination of its lists")
        valid = false
      } else {
        samples = integer(entry.value, "'samples'", in: 1...SpecLimits.trials)
        valid = valid && samples != nil
      }
    } else if let method, method != .grid {
      fail(fields.mark, "missing required key 'samples' in \(what) (method '\(method.rawValue)' draws that many configurations)")
      valid = false
    }
    let halving = decodeHalving(fields, method: method, in: what)
    if method == .halving, halving == nil { valid = false }
    if let entry = fields["seed"] {
      if method == .grid {
        fail(entry.keyMark, "'seed' applies only to methods 'random' and 'halving'; a grid draws nothing")
        valid = false
      } else if let value = integer(entry.value, "'seed'", in: Int.min...Int.max) {
        seed = value
      } else {
        valid = false
      }
    }
    guard let spaceEntry = required(fields, "space", in: what) else { return nil }
    guard let entries = spaceEntry.value.entries else {
      fail(spaceEntry.value.mark, "'space' must be a mapping of paths to values, got \(spaceEntry.value.kindDescription)")
      return nil
    }
    if entries.isEmpty {
      fail(spaceEntry.value.mark, "'space' must not be empty")
      return nil
    }
    var space: [SearchDimension] = []
    for entry in entries {
      guard let domain = decodeDomain(entry, method: method) else {
        valid = false
        continue
      }
      space.append(SearchDimension(path: entry.key, domain: domain))
    }
    guard valid, let method else { return nil }
    let search = SearchSpec(method: method, samples: samples, seed: seed, space: space, halving: halving)
    let count = ModelSpec.configurationCount(search)
    if count > SpecLimits.trials {
      fail(node.mark, "the search grid has \(count == Int.max ? "more than \(Int.max)" : String(count)) configurations, more than the \(SpecLimits.trials) trials a spec may have")
      return nil
    }
    return DecodedSearch(
      value: search, mark: node.mark, pathMarks: entries.map(\.keyMark), minStepsMark: fields["min_steps"]?.value.mark)
  }

  /// `eta` and `min_steps`: required by `halving`, refused by the others.
  private func decodeHalving(_ fields: Fields, method: SearchSpec.Method?, in what: String) -> SearchSpec.Halving? {
    guard method == .halving else {
      for key in ["eta", "min_steps"] {
        if let entry = fields[key], let method {
          fail(entry.keyMark, "'\(key)' applies only to method 'halving', not '\(method.rawValue)'")
        }
      }
      return nil
    }
    var eta = 3
    if let entry = fields["eta"] {
      guard let value = integer(entry.value, "'eta'", in: 2...1000) else { return nil }
      eta = value
    }
    guard let entry = fields["min_steps"] else {
      fail(fields.mark, "missing required key 'min_steps' in \(what) (method 'halving' trains its first rung to that many steps)")
      return nil
    }
    guard let minSteps = integer(entry.value, "'min_steps'", in: 1...1_000_000_000) else { return nil }
    return SearchSpec.Halving(eta: eta, minSteps: minSteps)
  }

  /// The values one path may take: a list, or a range under `random`.
  private func decodeDomain(_ entry: YAMLEntry, method: SearchSpec.Method?) -> SearchDomain? {
    guard let target = SearchTarget(path: entry.key) else {
      failUnknownPath(entry)
      return nil
    }
    let node = entry.value
    let what = "'\(entry.key)'"
    if let items = node.items {
      if items.isEmpty {
        fail(node.mark, "the values of \(what) must not be empty")
        return nil
      }
      var values: [SearchValue] = []
      for item in items {
        // Read exactly as the key written in a model: its own ranges and errors.
        var model = ModelSpec(cell: .lstm, hidden: 1)
        guard target.decode(item, into: &model, with: self), let value = SearchValue(target.value(in: model)) else {
          continue
        }
        if values.contains(value) {
          fail(item.mark, "duplicate value \(value.text) in the values of \(what)")
        }
        values.append(value)
      }
      return values.count == items.count ? .choices(values) : nil
    }
    guard let range = node.entries, range.count == 1, let kind = range.first,
          ["uniform", "log_uniform", "int_uniform"].contains(kind.key) else {
      fail(node.mark, "\(what) must be a list of values or one of {uniform: [a, b]}, {log_uniform: [a, b]}, {int_uniform: [a, b]}, got \(node.kindDescription)")
      return nil
    }
    if method == .grid {
      fail(node.mark, "method 'grid' takes lists of values only; \(what) has a '\(kind.key)' range (list the values, or use method 'random')")
      return nil
    }
    guard target.takesNumber else {
      fail(kind.keyMark, "\(what) takes a \(target.type), not a number: a range cannot search it; give a list of values")
      return nil
    }
    if kind.key != "int_uniform", target.takesInteger {
      fail(kind.keyMark, "\(what) takes an integer: search it with 'int_uniform' or a list, not '\(kind.key)'")
      return nil
    }
    guard let bounds = kind.value.items, bounds.count == 2 else {
      fail(kind.value.mark, "'\(kind.key)' must be a list of two bounds [a, b], got \(kind.value.kindDescription)")
      return nil
    }
    return decodeRange(kind.key, low: bounds[0], high: bounds[1], target: target, what: what, at: kind.value.mark)
  }

  /// The bounds of a range: numbers in order, each a valid value of the key.
  private func decodeRange(
    _ kind: String, low lowNode: YAMLNode, high highNode: YAMLNode, target: SearchTarget, what: String, at mark: Mark
  ) -> SearchDomain? {
    if kind == "int_uniform" {
      for bound in [lowNode, highNode] {
        guard case .int = bound.scalar?.value else {
          fail(bound.mark, "the bounds of 'int_uniform' must be integers, got \(bound.kindDescription)")
          return nil
        }
      }
    }
    guard let low = number(lowNode, "the lower bound of \(what)"), let high = number(highNode, "the upper bound of \(what)")
    else { return nil }
    if kind == "log_uniform", !(low > 0) {
      fail(lowNode.mark, "the bounds of 'log_uniform' must be greater than 0, got \(lowNode.scalar?.text ?? "\(low)")")
      return nil
    }
    if low > high {
      fail(mark, "the lower bound of \(what) must not exceed the upper bound, got [\(lowNode.scalar?.text ?? ""), \(highNode.scalar?.text ?? "")]")
      return nil
    }
    // Every value between valid bounds is valid: the keys' bounds are intervals.
    var model = ModelSpec(cell: .lstm, hidden: 1)
    guard target.decode(lowNode, into: &model, with: self), target.decode(highNode, into: &model, with: self) else {
      return nil
    }
    // A uniform draw is low + (high − low)·u; keys stay within ±1e30, so the
    // width is finite, but a draw from an infinite width would always give `high`.
    if !(high - low).isFinite {
      fail(mark, "the range of \(what) is too wide to draw from: its width overflows")
      return nil
    }
    switch kind {
    case "uniform": return .uniform(low, high)
    case "log_uniform": return .logUniform(low, high)
    default: return .intUniform(Int(low), Int(high))
    }
  }

  func failUnknownPath(_ entry: YAMLEntry) {
    let prefix = SearchTarget.trainingPrefix
    if entry.key.hasPrefix(prefix), let key = TrainingSpec.key(named: String(entry.key.dropFirst(prefix.count))),
       !key.perModel {
      fail(entry.keyMark, "'\(entry.key)' applies to every model alike and cannot be searched")
      return
    }
    let paths = SearchTarget.paths
    if let guess = Suggestion.closest(to: entry.key, among: paths) {
      fail(entry.keyMark, "unknown search path \(Quoting.quoted(entry.key)) (did you mean '\(guess)'?)")
    } else {
      fail(entry.keyMark, "unknown search path \(Quoting.quoted(entry.key)) (paths: 'hidden', the model's keys, or 'training.' and a training key)")
    }
  }

  // MARK: - Per model

  /// Checks `search` against `model`: every searched key must apply to its
  /// cell (each configuration is checked against the rules a model as
  /// written is, by `checkConfigurations`). Returns the model carrying the search.
  func attach(_ search: DecodedSearch, to model: ModelSpec, shared: TrainingSpec) -> ModelSpec {
    var result = model
    result.search = search.value
    for (dimension, mark) in zip(search.value.space, search.pathMarks) {
      guard let target = SearchTarget(path: dimension.path) else { continue }
      if !target.applies(to: model) {
        let cells = SpecSchema.cells(taking: target.name).map(\.rawValue).joined(separator: ", ")
        fail(mark, "'\(dimension.path)' does not apply to cell '\(model.cell.rawValue)' of model '\(model.name)' (only to \(cells))")
      } else if target.name == "forget_bias", !model.forgetGate {
        fail(mark, "'forget_bias' does not apply to model '\(model.name)', whose 'forget_gate' is false")
      }
    }
    if let halving = search.value.halving {
      if let index = search.value.space.firstIndex(where: { ["training.steps", "training.eval_every"].contains($0.path) }) {
        fail(search.pathMarks[index], "method 'halving' cannot search '\(search.value.space[index].path)': its rungs are steps of one schedule shared by every configuration")
        return result
      }
      checkRungs(halving, training: shared.applying(model.training), model: model.name, at: search.minStepsMark ?? search.mark)
    }
    return result
  }

  /// Every rung but the last ranks on the validation loss evaluated at its
  /// step, so each must be an evaluation step below `training.steps`.
  private func checkRungs(_ halving: SearchSpec.Halving, training: TrainingSpec, model: String, at mark: Mark) {
    guard halving.minSteps < training.steps else {
      fail(mark, "'min_steps' \(halving.minSteps) of model '\(model)' must be below its training.steps \(training.steps) (the last rung)")
      return
    }
    let rungs = halving.rungSteps(totalSteps: training.steps).dropLast()
    if let off = rungs.first(where: { $0 % training.evalEvery != 0 }) {
      fail(mark, "rung step \(off) (min_steps \(halving.minSteps) × eta^k) of model '\(model)' is not a multiple of eval_every \(training.evalEvery): each rung ranks on the validation loss evaluated at its step")
    }
  }
}
