/// What `runner plan` shows of the models' searches: a `config` column and
/// one column per searched path in the trial rows, and the configurations
/// of each model (index and values). Plans without a search show none of it.
extension Plan {
  /// Whether any model of the plan searches.
  public var hasSearch: Bool { spec.models.contains { $0.search != nil } }

  /// Every searched path of any model, in first-written order.
  public var searchPaths: [String] {
    var paths: [String] = []
    for model in spec.models {
      for dimension in model.search?.space ?? [] where !paths.contains(dimension.path) { paths.append(dimension.path) }
    }
    return paths
  }

  /// The searched paths that get a column of their own: not those already
  /// listed (`hidden`, `layers`, … show the value the trial trains with).
  var searchColumnPaths: [String] { searchPaths.filter { !Self.columns.contains($0) } }

  /// `config` and the searched paths, the columns a search adds to the rows.
  var searchColumns: [String] { hasSearch ? ["config"] + searchColumnPaths : [] }

  /// The trial's values of `searchColumns`; empty where it does not search a path.
  func searchFields(_ trial: Trial, paths: [String]) -> [String] {
    guard hasSearch else { return [] }
    let values = trial.search?.values ?? []
    return [trial.search?.label ?? ""] + paths.map { path in values.first { $0.path == path }?.value.text ?? "" }
  }

  /// One block per searching model: its method and each configuration's
  /// label and values (`  c03  training.learning_rate=0.002 hidden=48`).
  public var configurationListing: String {
    var output = ""
    for model in spec.models {
      guard let search = model.search, let configurations = model.searchConfigurations else { continue }
      let how = search.method == .grid
        ? "grid" : "\(search.method.rawValue), \(search.samples ?? 1) samples, seed \(search.seed)"
      output += "model \(model.name): \(configurations.count) configurations (\(how))\n"
      for (configuration, _) in configurations {
        output += "  \(configuration.label)  \(configuration.description)\n"
      }
      if let halving = search.halving {
        output += rungListing(halving, count: configurations.count, model: model)
      }
    }
    return output
  }

  /// `[{"model": name, "configurations": [{"index": 0, "label": "c00", "values": {…}}]}]`.
  var configurationsJSON: JSONValue {
    .array(spec.models.compactMap { model in
      guard let configurations = model.searchConfigurations else { return nil }
      let listed = configurations.map { configuration, _ in
        configuration.jsonValue.adding("label", .string(configuration.label))
      }
      return .object([("model", .string(model.name)), ("configurations", .array(listed))])
    })
  }

  /// `  rung 0: 16 configurations to step 100, at most 48 trials per task and length`, one line per rung.
  private func rungListing(_ halving: SearchSpec.Halving, count: Int, model: ModelSpec) -> String {
    let rungs = halving.rungSteps(totalSteps: spec.training(for: model).steps)
    let seeds = spec.tasks.map { spec.seeds(for: $0).count }.max() ?? spec.seeds.count
    var output = "  halving: eta \(halving.eta), min_steps \(halving.minSteps), \(rungs.count) rungs\n"
    for (k, step) in rungs.enumerated() {
      let n = halving.survivors(atRung: k, of: count)
      output += "  rung \(k): \(n) configuration\(n == 1 ? "" : "s") to step \(step), at most \(n * seeds) trials per task and length\n"
    }
    return output
  }
}
