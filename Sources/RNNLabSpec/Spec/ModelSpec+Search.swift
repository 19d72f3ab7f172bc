import Foundation
import RNNLabRandom

/// A model's search expanded: one model per configuration, the searched
/// values applied by each key's own decode.
extension ModelSpec {
  /// The configurations of the model's search with the model each gives;
  /// nil when the model has no search. A random search draws from a stream
  /// seeded by (`search.seed`, model name) only, so the configurations are
  /// the same on every machine and for every experiment seed.
  public var searchConfigurations: [(configuration: SearchConfiguration, model: ModelSpec)]? {
    guard let search else { return nil }
    let rows = search.method == .grid ? Self.gridRows(search.space) : Self.randomRows(search, model: name)
    return rows.enumerated().map { index, row in
      let values = zip(search.space, row).map { SearchPathValue(path: $0.path, value: $1) }
      let configuration = SearchConfiguration(index: index, count: rows.count, values: values, halving: search.halving)
      return (configuration, applying(values))
    }
  }

  /// The configuration part of the model's trial ids (`c03`), one per
  /// configuration; `[nil]` without a search.
  var configurationLabels: [String?] {
    guard let search else { return [nil] }
    let count = Self.configurationCount(search)
    return (0..<count).map { SearchConfiguration(index: $0, count: count, values: []).label }
  }

  /// This model with `values` set, as if written in its entry.
  func applying(_ values: [SearchPathValue]) -> ModelSpec {
    var model = self
    // Values were checked as the key when the search was read; a fresh
    // decoder records nothing unless that check and this one disagree.
    let decoder = SpecDecoder()
    let mark = Mark(source: SpecSource(name: "search"), line: 1, column: 1)
    for value in values {
      guard let target = SearchTarget(path: value.path), target.decode(value.value.node(at: mark), into: &model, with: decoder)
      else { preconditionFailure("search value \(value.path)=\(value.value.text) was validated when read") }
      // A searched hidden size replaces a parameter budget.
      if value.path == "hidden" { model.parameterBudget = nil }
    }
    precondition(decoder.diagnostics.isEmpty, "search values were validated when read")
    return model
  }

  /// Number of configurations of `search` (saturating at `Int.max`).
  static func configurationCount(_ search: SearchSpec) -> Int {
    if search.method != .grid { return search.samples ?? 1 }
    return search.space.reduce(1) { total, dimension in
      guard case .choices(let values) = dimension.domain else { return total }
      let (product, overflow) = total.multipliedReportingOverflow(by: values.count)
      return overflow ? Int.max : product
    }
  }

  /// The product of the lists, the first key varying slowest.
  private static func gridRows(_ space: [SearchDimension]) -> [[SearchValue]] {
    space.reduce([[]]) { rows, dimension in
      guard case .choices(let values) = dimension.domain else { preconditionFailure("grids take lists only") }
      return rows.flatMap { row in values.map { row + [$0] } }
    }
  }

  /// `samples` draws, each key in `space` order within a draw.
  private static func randomRows(_ search: SearchSpec, model: String) -> [[SearchValue]] {
    var generator = SeededGenerator(seed: UInt64(bitPattern: Int64(search.seed)), stream: "search/" + model)
    return (0..<(search.samples ?? 1)).map { _ in
      search.space.map { dimension in
        switch dimension.domain {
        case .choices(let values): return values[generator.nextInt(below: values.count)]
        case .uniform(let low, let high):
          return .double(Self.rounded(low + (high - low) * generator.nextDouble(), within: low...high))
        case .logUniform(let low, let high):
          let value = exp(log(low) + (log(high) - log(low)) * generator.nextDouble())
          return .double(Self.rounded(value, within: low...high))
        case .intUniform(let low, let high):
          // Bounds are the key's own (far from Int's limits), so the width fits.
          return .int(low + generator.nextInt(below: high - low + 1))
        }
      }
    }
  }

  /// `value` to 4 significant digits: readable in plans and tables, and a
  /// last-bit difference of a platform's `exp`/`log` almost never survives it.
  /// Kept unrounded when rounding would leave the range (the key's bounds
  /// were checked on the range's ends).
  static func rounded(_ value: Double, within range: ClosedRange<Double>) -> Double {
    let clamped = min(range.upperBound, max(range.lowerBound, value))
    guard clamped != 0, let rounded = Double(String(format: "%.4g", clamped)), range.contains(rounded) else {
      return clamped
    }
    return rounded
  }
}
