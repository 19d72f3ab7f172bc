/// A hyperparameter search over one model's keys (`search:` at the top level
/// or in a model): which values to try and how to pick them. Each model with
/// a search trains once per configuration (and seed); see
/// `ModelSpec.searchConfigurations`.
public struct SearchSpec: Hashable, Sendable {
  /// `grid`: every combination of the lists; `random`: `samples` draws;
  /// `halving`: `samples` draws (as `random`) trained by successive halving.
  public enum Method: String, SpecName {
    case grid
    case random
    case halving

    public static let noun = "search method"
  }

  public var method: Method
  /// Configurations drawn per model; `random` only.
  public var samples: Int?
  /// Seeds the draws with the model's name; independent of the experiment's seeds.
  public var seed: Int
  /// The searched keys, in the order they were written.
  public var space: [SearchDimension]
  /// `halving` only: the rungs' schedule.
  public var halving: Halving?

  public init(method: Method, samples: Int? = nil, seed: Int = 0, space: [SearchDimension], halving: Halving? = nil) {
    self.method = method
    self.samples = samples
    self.seed = seed
    self.space = space
    self.halving = halving
  }

  /// Successive halving (Jamieson & Talwalkar 2016) with a barrier per rung:
  /// rung k trains the surviving configurations to `minSteps · eta^k` steps
  /// (the last rung to the trial's `training.steps`), and the best
  /// ⌈n / eta⌉ by mean validation loss over the seeds go on.
  public struct Halving: Hashable, Sendable {
    public var eta: Int
    public var minSteps: Int

    public init(eta: Int, minSteps: Int) {
      self.eta = eta
      self.minSteps = minSteps
    }

    /// The step each rung trains to, for trials of `steps` steps: `minSteps · eta^k`
    /// while below `steps`, then `steps`.
    public func rungSteps(totalSteps steps: Int) -> [Int] {
      var rungs: [Int] = []
      var step = minSteps
      while step < steps {
        rungs.append(step)
        let (next, overflow) = step.multipliedReportingOverflow(by: eta)
        if overflow { break }
        step = next
      }
      return rungs + [steps]
    }

    /// How many configurations rung `k` trains, of `count` at rung 0.
    public func survivors(atRung k: Int, of count: Int) -> Int {
      (0..<k).reduce(count) { n, _ in (n + eta - 1) / eta }
    }

    /// As config.json records it with each configuration.
    public var jsonValue: JSONValue { .object([("eta", .int(eta)), ("min_steps", .int(minSteps))]) }
  }
}

/// One searched key and the values it may take.
public struct SearchDimension: Hashable, Sendable {
  /// Relative to the model: `hidden`, `forget_bias`, `training.learning_rate`.
  public var path: String
  public var domain: SearchDomain

  public init(path: String, domain: SearchDomain) {
    self.path = path
    self.domain = domain
  }
}

/// Where a searched key's values come from.
public enum SearchDomain: Hashable, Sendable {
  /// These values, each valid for the key.
  case choices([SearchValue])
  /// A float uniform in [low, high].
  case uniform(Double, Double)
  /// exp(uniform(ln low, ln high)); low > 0.
  case logUniform(Double, Double)
  /// An integer uniform in low...high, both ends included.
  case intUniform(Int, Int)

  /// The name written in the spec for a range (`log_uniform`), nil for choices.
  public var rangeName: String? {
    switch self {
    case .choices: nil
    case .uniform: "uniform"
    case .logUniform: "log_uniform"
    case .intUniform: "int_uniform"
    }
  }
}

/// One scalar value of a searched key, as it is written and recorded.
public enum SearchValue: Hashable, Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)

  /// The value as JSON (config files, plan listings).
  public var jsonValue: JSONValue {
    switch self {
    case .null: .null
    case .bool(let flag): .bool(flag)
    case .int(let value): .int(value)
    case .double(let value): .double(value)
    case .string(let text): .string(text)
    }
  }

  /// The value as plain text (`runner plan`, file columns).
  public var text: String {
    switch self {
    case .null: "null"
    case .bool(let flag): String(flag)
    case .int(let value): String(value)
    case .double(let value): JSONValue.double(value).canonicalText
    case .string(let text): text
    }
  }
}

/// One configuration of a model's search: its position and the values it sets.
public struct SearchConfiguration: Hashable, Sendable {
  /// From 0, in the order the grid or the draws give them.
  public var index: Int
  /// How many configurations the model's search has (sets the label's width).
  public var count: Int
  /// Path and value of each searched key, in `space` order.
  public var values: [SearchPathValue]
  /// The halving schedule the configuration is trained under; nil otherwise.
  public var halving: SearchSpec.Halving?

  public init(index: Int, count: Int, values: [SearchPathValue], halving: SearchSpec.Halving? = nil) {
    self.index = index
    self.count = count
    self.values = values
    self.halving = halving
  }

  /// `c03`: the index zero-padded to at least two digits (more when the
  /// search has over 100 configurations), as trial ids carry it.
  public var label: String {
    let digits = String(index)
    let width = max(2, String(max(count - 1, 0)).count)
    return "c" + String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  /// `{"index": 3, "values": {"training.learning_rate": 0.002, …}}`, as config.json records it.
  /// A halving schedule adds `"halving": {"eta": 3, "min_steps": 100}`, so a
  /// folder searched under another schedule is not taken for this one's (its
  /// pruned trials would differ); other searches' hashes are unchanged.
  public var jsonValue: JSONValue {
    let base: [(String, JSONValue)] = [("index", .int(index)), ("values", .object(values.map { ($0.path, $0.value.jsonValue) }))]
    return .object(base + (halving.map { [("halving", $0.jsonValue)] } ?? []))
  }

  /// `training.learning_rate=0.002 hidden=48`.
  public var description: String { values.map { "\($0.path)=\($0.value.text)" }.joined(separator: " ") }
}

/// A searched key's path and the value one configuration gives it.
public struct SearchPathValue: Hashable, Sendable {
  public var path: String
  public var value: SearchValue

  public init(path: String, value: SearchValue) {
    self.path = path
    self.value = value
  }
}
