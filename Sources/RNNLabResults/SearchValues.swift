/// The searched values of one configuration: spec path → value, e.g.
/// `training.learning_rate: 0.0031`, `hidden: 48` (JSON `search_values`).
///
/// In memory the entries keep the order they were given in (the spec's). The
/// results folder writes JSON with sorted keys, so a summary read back from
/// disk lists its entries by key: the order is then the same on every machine.
public struct SearchValues: Codable, Equatable, Sendable, ExpressibleByDictionaryLiteral {
  public struct Entry: Equatable, Sendable {
    public var key: String
    /// A number, string or bool.
    public var value: JSONValue

    public init(key: String, value: JSONValue) {
      self.key = key
      self.value = value
    }
  }

  public var entries: [Entry]

  public init(_ entries: [Entry]) { self.entries = entries }

  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    entries = elements.map { Entry(key: $0.0, value: $0.1) }
  }

  public var keys: [String] { entries.map(\.key) }

  /// The value of `key`, or nil when this configuration did not search it.
  public subscript(key: String) -> JSONValue? { entries.first { $0.key == key }?.value }

  private struct Name: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Name.self)
    // Sorted: the decoder does not promise the file's key order.
    entries = try c.allKeys.map(\.stringValue).sorted().map {
      Entry(key: $0, value: try c.decode(JSONValue.self, forKey: Name(stringValue: $0)))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Name.self)
    for entry in entries { try c.encode(entry.value, forKey: Name(stringValue: entry.key)) }
  }
}

extension JSONValue {
  /// The value as one CSV or table field: whole numbers without a decimal
  /// point (`48`), others in shortest round-trip form (`0.0031`), strings as
  /// they are, bools as `true`/`false`, null as empty.
  public var fieldText: String {
    switch self {
    case .null: return ""
    case .bool(let value): return String(value)
    case .number(let value): return intValue.map(String.init) ?? CSV.number(value)
    case .string(let value): return value
    case .array, .object: return "\(self)"
    }
  }

  /// The value as a number, when it is one.
  public var doubleValue: Double? {
    if case .number(let value) = self { return value }
    return nil
  }
}
