/// Turns a node tree into typed values, recording every error it meets
/// instead of stopping at the first, so one run shows them all.
///
/// Each reader returns nil after recording why; callers then carry on with a
/// default so that later parts of the spec are still checked.
final class SpecDecoder {
  private(set) var diagnostics: [SpecDiagnostic] = []

  func fail(_ mark: Mark, _ message: String) {
    diagnostics.append(SpecDiagnostic(at: mark, message))
  }

  // MARK: - Mappings

  /// The entries of one mapping, with keys outside `known` already reported.
  struct Fields {
    let mark: Mark
    let entries: [YAMLEntry]
    /// Known keys that an unknown key was reported as a likely typo of
    /// (`hiden` → `hidden`): not reported again as missing.
    var suggested: Set<String> = []

    subscript(key: String) -> YAMLEntry? { entries.first { $0.key == key } }
  }

  /// The node's entries, or nil (with an error) when it is not a mapping.
  /// Keys outside `known` are reported with a did-you-mean suggestion, except
  /// `x-` keys where `allowingExtensions` (a place to define YAML anchors).
  func fields(_ node: YAMLNode, of what: String, known: [String], allowingExtensions: Bool = false) -> Fields? {
    guard let entries = node.entries else {
      fail(node.mark, "\(what) must be a mapping of keys, got \(node.kindDescription)")
      return nil
    }
    var suggested: Set<String> = []
    for entry in entries where !known.contains(entry.key) {
      if allowingExtensions, entry.key.hasPrefix(SpecSchema.extensionPrefix) { continue }
      fail(entry.keyMark, unknownKeyMessage(entry.key, known: known, in: what))
      if let guess = Suggestion.closest(to: entry.key, among: known) { suggested.insert(guess) }
    }
    return Fields(mark: node.mark, entries: entries.filter { known.contains($0.key) }, suggested: suggested)
  }

  func unknownKeyMessage(_ key: String, known: [String], in what: String) -> String {
    if let guess = Suggestion.closest(to: key, among: known) {
      return "unknown key \(Quoting.quoted(key)) (did you mean '\(guess)'?)"
    }
    return "unknown key \(Quoting.quoted(key)) in \(what) (known keys: \(known.joined(separator: ", ")))"
  }

  /// The entry for a key that must be present; reports it missing otherwise.
  func required(_ fields: Fields, _ key: String, in what: String) -> YAMLEntry? {
    guard let entry = fields[key] else {
      if !fields.suggested.contains(key) { fail(fields.mark, "missing required key '\(key)' in \(what)") }
      return nil
    }
    return entry
  }

  // MARK: - Scalars

  /// An integer within `range`; overflowing integers are out of range too.
  func integer(_ node: YAMLNode, _ what: String, in range: ClosedRange<Int>) -> Int? {
    switch node.scalar?.value {
    case .int(let value):
      if value < range.lowerBound {
        fail(node.mark, "\(what) must be at least \(range.lowerBound), got \(value)")
      } else if value > range.upperBound {
        fail(node.mark, "\(what) must be at most \(range.upperBound), got \(value)")
      } else {
        return value
      }
    case .integerOutOfRange(let text):
      let bound = text.hasPrefix("-") ? "at least \(range.lowerBound)" : "at most \(range.upperBound)"
      fail(node.mark, "\(what) must be \(bound), got \(Quoting.shortened(text))")
    default:
      fail(node.mark, "\(what) must be an integer, got \(node.kindDescription)")
    }
    return nil
  }

  /// A finite number with the given bounds (integers are accepted).
  func number(
    _ node: YAMLNode, _ what: String, greaterThan lowerExclusive: Double? = nil,
    atLeast lowerInclusive: Double? = nil, below upperExclusive: Double? = nil, atMost upperInclusive: Double? = nil
  ) -> Double? {
    let value: Double
    switch node.scalar?.value {
    case .int(let integer): value = Double(integer)
    case .float(let float): value = float
    case .integerOutOfRange(let text): value = Double(text) ?? .infinity
    default:
      fail(node.mark, "\(what) must be a number, got \(node.kindDescription)")
      return nil
    }
    let text = Quoting.shortened(node.scalar?.text ?? "\(value)")
    if !value.isFinite {
      fail(node.mark, "\(what) must be a finite number, got \(text)")
    } else if let bound = lowerExclusive, !(value > bound) {
      fail(node.mark, "\(what) must be greater than \(Self.format(bound)), got \(text)")
    } else if let bound = lowerInclusive, !(value >= bound) {
      fail(node.mark, "\(what) must be at least \(Self.format(bound)), got \(text)")
    } else if let bound = upperExclusive, !(value < bound) {
      fail(node.mark, "\(what) must be less than \(Self.format(bound)), got \(text)")
    } else if let bound = upperInclusive, !(value <= bound) {
      fail(node.mark, "\(what) must be at most \(Self.format(bound)), got \(text)")
    } else {
      // -0 is 0 for training, but would print as -0.0 in configs and give
      // an equal configuration a different hash.
      return value == 0 ? 0 : value
    }
    return nil
  }

  func bool(_ node: YAMLNode, _ what: String) -> Bool? {
    if case .bool(let flag) = node.scalar?.value { return flag }
    fail(node.mark, "\(what) must be true or false, got \(node.kindDescription)")
    return nil
  }

  /// Any non-null scalar's text (so `name: 2024` is the name "2024").
  func string(_ node: YAMLNode, _ what: String) -> String? {
    if let scalar = node.scalar, scalar.value != .null { return scalar.text }
    fail(node.mark, "\(what) must be a string, got \(node.kindDescription)")
    return nil
  }

  /// A name from a fixed set, with the choices and a suggestion when unknown.
  func name<Name: SpecName>(_ node: YAMLNode, _ type: Name.Type) -> Name? {
    guard let scalar = node.scalar, scalar.value != .null else {
      fail(node.mark, "'\(Name.noun)' must be one of \(Name.allNames.joined(separator: ", ")), got \(node.kindDescription)")
      return nil
    }
    if let value = Name(rawValue: scalar.text) { return value }
    fail(node.mark, Self.unknownNameMessage(scalar.text, noun: Name.noun, choices: Name.allNames))
    return nil
  }

  /// `unknown cell 'lstmm' (expected one of: rnn, lstm, …); did you mean 'lstm'?`
  static func unknownNameMessage(_ text: String, noun: String, choices: [String]) -> String {
    var message = "unknown \(noun) \(Quoting.quoted(text)) (expected one of: \(Quoting.list(choices)))"
    if let guess = Suggestion.closest(to: text, among: choices) { message += "; did you mean \(Quoting.quoted(guess))?" }
    return message
  }

  /// A name that is also a folder name: `[A-Za-z0-9_.-]+`, not starting with `.`.
  func folderName(_ node: YAMLNode, _ what: String) -> String? {
    guard let text = string(node, what) else { return nil }
    let safe = text.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0)
    }
    if text.isEmpty {
      fail(node.mark, "\(what) must not be empty")
    } else if !safe {
      fail(node.mark, "\(what) must be safe as a folder name (letters, digits, '_', '.', '-'), got \(Quoting.quoted(text))")
    } else if text == "." || text == ".." {
      fail(node.mark, "\(what) cannot be '\(text)', which is not usable as a folder name")
    } else if text.hasPrefix(".") {
      // Hidden folders are easy to miss, and the runner keeps its temporary files there.
      fail(node.mark, "\(what) must not start with '.', got \(Quoting.quoted(text))")
    } else if text.count > SpecLimits.nameLength {
      fail(node.mark, "\(what) must be at most \(SpecLimits.nameLength) characters, got \(text.count)")
    } else {
      return text
    }
    return nil
  }

  /// A non-empty list of unique integers in `range`; a single integer is
  /// read as a list of one (`seq_len: 100`).
  func integerList(_ node: YAMLNode, _ what: String, in range: ClosedRange<Int>) -> [Int]? {
    let items: [YAMLNode]
    switch node.content {
    case .sequence(let list): items = list
    case .scalar where node.scalar?.value != .null: items = [node]
    default:
      fail(node.mark, "\(what) must be a list of integers, got \(node.kindDescription)")
      return nil
    }
    if items.isEmpty {
      fail(node.mark, "\(what) must not be empty")
      return nil
    }
    var values: [Int] = []
    var firstMarks: [Int: Mark] = [:]
    var valid = true
    for item in items {
      guard let value = integer(item, "each of \(what)", in: range) else {
        valid = false
        continue
      }
      if let first = firstMarks[value] {
        fail(item.mark, "duplicate value \(value) in \(what) (first at \(first))")
        valid = false
      }
      firstMarks[value] = firstMarks[value] ?? item.mark
      values.append(value)
    }
    return valid ? values : nil
  }

  /// Shortest text that reads back as `value`: `0` rather than `0.0`.
  static func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
  }
}
