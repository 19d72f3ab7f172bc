import Testing
@testable import RNNLabSpec

/// Every key of the schema, given every kind of value it does not take: a
/// mapping, a list, a string, a boolean, null, a float and an integer. Each
/// must give exactly one error, at the value's line and column, that names
/// the key and what it got; nothing else may be reported along with it.
@Suite struct WrongTypeTests {
  /// What a key takes, as far as types go.
  enum Expected {
    case integer, nullableInteger, integerList, number, nullableNumber, bool, name, modelName
    /// Any scalar; null is the empty text.
    case text
    /// One of a fixed set of names; `noun` as messages say it.
    case choice(noun: String)
    /// A mapping, `what` as messages say it.
    case mapping(what: String)
    /// A list of mappings, `item` as messages say one.
    case list(item: String)
  }

  /// A spec that uses every key once, each on its own line, with the type
  /// each takes. Lines without a type only carry structure.
  static let lines: [(text: String, expected: Expected?)] = [
    ("name: every-key", .name), ("description: all of them", .text), ("seeds: [1, 2]", .integerList),
    ("tasks:", .list(item: "a task")),
    ("  - name: add", .name), ("    kind: adding", .choice(noun: "task kind")), ("    seq_len: [10, 20]", .integerList),
    ("    placement: anywhere", .choice(noun: "placement")),
    ("  - kind: copy", .choice(noun: "task kind")), ("    seq_len: 5", .integerList),
    ("    copy_length: 3", .integer), ("    symbols: 4", .integer),
    ("  - kind: first_symbol", nil), ("    seq_len: [6]", .integerList), ("    classes: 3", .integer), ("    distractors: 5", .integer),
    ("  - kind: temporal_order", nil), ("    seq_len: [8]", nil), ("    distractors: 2", .integer),
    ("  - kind: lookahead", nil), ("    seq_len: [9]", nil), ("    offset: 2", .integer), ("    symbols: 6", .integer),
    ("models:", .list(item: "a model")),
    ("  - name: base", .name), ("    cell: rnn", .choice(noun: "cell")), ("    hidden: 8", .integer), ("    layers: 2", .integer),
    ("    bidirectional: true", .bool), ("    activation: relu", .choice(noun: "activation")),
    ("    init: identity", .choice(noun: "init")),
    ("  - name: gated", .name), ("    cell: lstm", .choice(noun: "cell")), ("    hidden: 4", .integer),
    ("    forget_bias: 2.5", .nullableNumber), ("    input_gate: true", .bool), ("    forget_gate: true", .bool),
    ("    output_gate: true", .bool), ("    input_activation: true", .bool), ("    output_activation: true", .bool),
    ("    training:", .mapping(what: "a model's 'training'")),
    ("      steps: 5", .integer), ("      batch_size: 4", .integer), ("      optimizer: sgd", .choice(noun: "optimizer")),
    ("      learning_rate: 0.5", .number), ("      momentum: 0.5", .number), ("      clip_norm: 2", .nullableNumber),
    ("      clip_value: 1", .nullableNumber), ("      eval_every: 5", .integer), ("      eval_size: 16", .integer),
    ("      flow_every: 5", .nullableInteger),
    ("training:", .mapping(what: "'training'")),
    ("  steps: 10", .integer), ("  batch_size: 8", .integer), ("  optimizer: rmsprop", .choice(noun: "optimizer")),
    ("  learning_rate: 0.01", .number), ("  momentum: 0.9", .number), ("  clip_norm: null", .nullableNumber),
    ("  clip_value: 0.5", .nullableNumber), ("  eval_every: 5", .integer), ("  eval_size: 32", .integer),
    ("  flow_every: null", .nullableInteger),
    ("report:", .mapping(what: "'report'")),
    ("  compare_to: null", .modelName),
  ]

  /// The wrong values and how messages describe them.
  static let wrongValues: [(text: String, kind: String)] = [
    ("{a: 1}", "a mapping"), ("[x]", "a list"), ("abc", "string 'abc'"), ("true", "boolean true"),
    ("null", "null"), ("1.5", "number 1.5"), ("7", "integer 7"),
  ]

  @Test func theSpecWithEveryKeyIsValid() {
    #expect(SpecTestSupport.errors(Self.text(Self.lines.map(\.text))) == [])
  }

  @Test func everyKeyRejectsEveryWrongTypeWithOneErrorAtTheValue() {
    var checked = 0
    for (index, line) in Self.lines.enumerated() {
      guard let expected = line.expected else { continue }
      let key = line.text.split(separator: ":")[0].drop { $0 == " " || $0 == "-" }
      let column = line.text.distance(from: line.text.startIndex, to: line.text.firstIndex(of: ":")!) + 3
      for value in Self.wrongValues {
        guard let message = Self.message(for: expected, key: String(key), value: value) else { continue }
        var spec = Self.lines.map(\.text)
        spec[index] = String(line.text.prefix(column - 3)) + ": " + value.text
        // A block value (`training:` and what is indented under it) goes as a whole.
        let indent = line.text.prefix { $0 == " " || $0 == "-" }.count
        if line.text.hasSuffix(":") {
          while index + 1 < spec.count, spec[index + 1].prefix(while: { $0 == " " || $0 == "-" }).count > indent {
            spec.remove(at: index + 1)
          }
        }
        let errors = SpecTestSupport.errors(Self.text(spec))
        let position = "t.yaml:\(index + 1):\(column + message.columnShift): error: "
        let context = "\(line.text) → \(value.text)"
        #expect(errors.count == 1, "\(context): \(errors)")
        guard let error = errors.first else { continue }
        #expect(error.hasPrefix(position), "\(context): \(error)")
        let text = error.dropFirst(position.count)
        #expect(text.hasPrefix(message.prefix) && text.hasSuffix(message.suffix), "\(context): \(error)")
        checked += 1
      }
    }
    #expect(checked > 300)
  }

  /// The errors that used to come along with a wrong type: each wrong
  /// value is reported once, not again through what it was meant to set.
  @Test func aWrongValueIsNotReportedAgainThroughWhatDependsOnIt() {
    let spec = Self.lines.map(\.text)
    var badName = spec
    badName[24] = "  - name: [base]"
    badName[badName.count - 1] = "  compare_to: base"
    #expect(SpecTestSupport.errors(Self.text(badName)) == ["t.yaml:25:11: error: 'name' must be a string, got a list"])
    var badOptimizer = spec
    badOptimizer[54] = "  optimizer: {}"
    #expect(SpecTestSupport.errors(Self.text(badOptimizer))
      == ["t.yaml:55:14: error: 'optimizer' must be one of adam, sgd, rmsprop, got a mapping"])
  }

  // MARK: - Expectations

  /// The expected message as a prefix and suffix (choices lists and
  /// suggestions in between are other tests' business), and how many
  /// columns right of the value it points (a list item), or nil when the
  /// value is of a type the key takes.
  static func message(for expected: Expected, key: String, value: (text: String, kind: String))
    -> (prefix: String, suffix: String, columnShift: Int)?
  {
    let got = ", got \(value.kind)"
    let isScalar = !["a mapping", "a list"].contains(value.kind)
    let isNull = value.kind == "null"
    switch expected {
    case .integer, .nullableInteger:
      if value.kind.hasPrefix("integer") || (isNull && { if case .nullableInteger = expected { true } else { false } }()) {
        return nil
      }
      return ("'\(key)' must be an integer", got, 0)
    case .integerList:
      switch value.kind {
      case "a mapping", "null": return ("'\(key)' must be a list of integers", got, 0)
      case "a list": return ("each of '\(key)' must be an integer", ", got string 'x'", 1)
      case _ where value.kind.hasPrefix("integer"): return nil
      default: return ("each of '\(key)' must be an integer", got, 0)
      }
    case .number, .nullableNumber:
      if value.kind.hasPrefix("integer") || value.kind.hasPrefix("number") { return nil }
      if isNull, case .nullableNumber = expected { return nil }
      return ("'\(key)' must be a number", got, 0)
    case .bool:
      return value.kind.hasPrefix("boolean") ? nil : ("'\(key)' must be true or false", got, 0)
    case .name:
      return isScalar && !isNull ? nil : ("'\(key)' must be a string", got, 0)
    case .text:
      return isScalar ? nil : ("'\(key)' must be a string", got, 0)  // null is no description
    case .modelName:
      if isNull { return nil }
      return isScalar ? ("unknown model '\(value.text)' (expected one of: ", "", 0) : ("'\(key)' must be a string", got, 0)
    case .choice(let noun):
      return isScalar && !isNull ? ("unknown \(noun) '\(value.text)' (expected one of: ", "", 0) : ("'\(noun)' must be one of ", got, 0)
    case .mapping(let what):
      // A mapping of the wrong keys is an unknown-key error, tested elsewhere.
      return value.kind == "a mapping" ? nil : ("\(what) must be a mapping of keys", got, 0)
    case .list(let item):
      switch value.kind {
      case "a list": return ("\(item) must be a mapping of keys", ", got string 'x'", 1)
      default: return ("'\(key)' must be a list", got, 0)
      }
    }
  }

  static func text(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }
}
