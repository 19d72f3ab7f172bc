/// One key of a spec mapping, declared once: its name, what it takes, its
/// default, where it may be written and whether it enters the config hash.
/// Decoding, `--set` paths, per-model overrides, rendering, hashing and the
/// reference tables of docs/spec.md all read these declarations (for the
/// training keys: `TrainingSpec.keys`).
///
/// `Settings` is the struct the key's value lives in (`TrainingSpec`); the
/// closures reach it through the key path given at declaration.
public struct SpecKey<Settings>: Sendable {
  /// As written in the spec: `batch_size`.
  public let name: String
  /// What the value is, for the docs: `integer`, `number or null`, `adam, sgd, rmsprop`.
  public let type: String
  /// The values accepted, for the docs: `1 to 65536`, `> 0`.
  public let allowed: String
  /// One line saying what the key does, for the docs.
  public let summary: String
  /// Whether a model's `training:` may change it (else only the shared map).
  public let perModel: Bool
  /// Whether the value is part of a trial's configuration (`config.json` and
  /// its hash). Keys that cannot change a trial's numbers (how often to log,
  /// checkpoint, …) may stay out, so changing them does not re-run trials.
  public let hashed: Bool
  /// The cells a model key means anything for (nil: every cell, and every
  /// training key). Keys that do not apply are errors in a spec and are
  /// neither rendered nor hashed.
  public private(set) var cells: [CellKind]?
  /// For keys added after results were first committed: the value at which
  /// the key stays out of the configuration, so trials that leave it there
  /// keep the hash (and folder) they had before the key existed.
  public private(set) var unhashedValue: JSONValue?
  /// The key path the key was declared with, to find a key by its field.
  let field: PartialKeyPath<Settings> & Sendable
  /// Reads the node into `settings`; false (with a diagnostic) when invalid.
  let decode: @Sendable (SpecDecoder, YAMLNode, inout Settings) -> Bool
  /// The value in `settings`, as JSON.
  let render: @Sendable (Settings) -> JSONValue
  /// Copies the value from the first settings into the second.
  let copy: @Sendable (Settings, inout Settings) -> Void

  /// The value as JSON (`null` for off).
  public func value(in settings: Settings) -> JSONValue { render(settings) }

  /// Whether the key enters the configuration (and its hash) in `settings`.
  public func isHashed(in settings: Settings) -> Bool {
    hashed && (unhashedValue == nil || value(in: settings) != unhashedValue)
  }

  /// This key, meaningful only for `cells`.
  func only(for cells: [CellKind]) -> SpecKey {
    var key = self
    key.cells = cells
    return key
  }

  /// This key, left out of the configuration while its value is `value`.
  func unhashed(at value: JSONValue) -> SpecKey {
    var key = self
    key.unhashedValue = value
    return key
  }
}

extension SpecKey {
  /// A key whose value is `Value` at `path`, decoded by `read` (nil when invalid).
  init<Value>(
    _ name: String, _ path: WritableKeyPath<Settings, Value> & Sendable, type: String, allowed: String,
    perModel: Bool, hashed: Bool, summary: String,
    read: @escaping @Sendable (SpecDecoder, YAMLNode, String) -> Value?,
    render: @escaping @Sendable (Value) -> JSONValue
  ) {
    self.name = name
    self.type = type
    self.allowed = allowed
    self.summary = summary
    self.perModel = perModel
    self.hashed = hashed
    field = path
    decode = { decoder, node, settings in
      guard let value = read(decoder, node, "'\(name)'") else { return false }
      settings[keyPath: path] = value
      return true
    }
    self.render = { render($0[keyPath: path]) }
    copy = { source, target in target[keyPath: path] = source[keyPath: path] }
  }

  /// An integer in `range`.
  static func integer(
    _ name: String, _ path: WritableKeyPath<Settings, Int> & Sendable, in range: ClosedRange<Int>,
    perModel: Bool = true, hashed: Bool = true, _ summary: String
  ) -> SpecKey {
    SpecKey(name, path, type: "integer", allowed: SpecKeyText.range(range), perModel: perModel, hashed: hashed,
            summary: summary, read: { $0.integer($1, $2, in: range) }, render: JSONValue.int)
  }

  /// An integer in `range`, or `null` (which means `null`: "off" unless said).
  static func integerOrNull(
    _ name: String, _ path: WritableKeyPath<Settings, Int?> & Sendable, in range: ClosedRange<Int>,
    perModel: Bool = true, hashed: Bool = true, null: String = "off", _ summary: String
  ) -> SpecKey {
    SpecKey(name, path, type: "integer or null", allowed: SpecKeyText.range(range) + ", or null (\(null))",
            perModel: perModel, hashed: hashed, summary: summary,
            read: { decoder, node, what in
              node.isNull ? .some(nil) : decoder.integer(node, what, in: range).map { .some($0) }
            },
            render: JSONValue.integer)
  }

  /// A finite number within `bounds`.
  static func number(
    _ name: String, _ path: WritableKeyPath<Settings, Double> & Sendable, _ bounds: NumberBounds,
    perModel: Bool = true, hashed: Bool = true, _ summary: String
  ) -> SpecKey {
    SpecKey(name, path, type: "number", allowed: bounds.description, perModel: perModel, hashed: hashed,
            summary: summary, read: { bounds.read($1, $2, with: $0) }, render: JSONValue.double)
  }

  /// A finite number within `bounds`, or `null` for off.
  static func numberOrNull(
    _ name: String, _ path: WritableKeyPath<Settings, Double?> & Sendable, _ bounds: NumberBounds,
    perModel: Bool = true, hashed: Bool = true, _ summary: String
  ) -> SpecKey {
    SpecKey(name, path, type: "number or null", allowed: bounds.description + ", or null (off)",
            perModel: perModel, hashed: hashed, summary: summary,
            read: { decoder, node, what in
              node.isNull ? .some(nil) : bounds.read(node, what, with: decoder).map { .some($0) }
            },
            render: JSONValue.number)
  }

  /// `true` or `false`.
  static func bool(
    _ name: String, _ path: WritableKeyPath<Settings, Bool> & Sendable, hashed: Bool = true, _ summary: String
  ) -> SpecKey {
    SpecKey(name, path, type: "boolean", allowed: "true, false", perModel: true, hashed: hashed, summary: summary,
            read: { $0.bool($1, $2) }, render: JSONValue.bool)
  }

  /// One of the names of `Name`.
  static func name<Name: SpecName>(
    _ name: String, _ path: WritableKeyPath<Settings, Name> & Sendable,
    perModel: Bool = true, hashed: Bool = true, _ summary: String
  ) -> SpecKey {
    SpecKey(name, path, type: "name", allowed: Name.allNames.joined(separator: ", "), perModel: perModel,
            hashed: hashed, summary: summary, read: { decoder, node, _ in decoder.name(node, Name.self) },
            render: { .string($0.rawValue) })
  }
}

/// Bounds of a number key, checked by `SpecDecoder.number`.
///
/// The engine computes in 32-bit floats, so every number key is one: a value
/// must lie within ±`largest` (far inside a float's ±3.4e38, and far beyond
/// any sensible setting), and must keep its bounds once rounded to a float
/// (a learning rate of 1e-50 rounds to 0, a momentum of 0.9999999999 to 1).
struct NumberBounds: Sendable, CustomStringConvertible {
  var greaterThan: Double?
  var atLeast: Double?
  var below: Double?
  var atMost: Double?

  /// The largest magnitude any number key takes.
  static let largest = 1e30

  static func greaterThan(_ bound: Double) -> NumberBounds { NumberBounds(greaterThan: bound) }
  static func from(_ low: Double, below high: Double) -> NumberBounds { NumberBounds(atLeast: low, below: high) }
  static func within(_ range: ClosedRange<Double>) -> NumberBounds {
    NumberBounds(atLeast: range.lowerBound, atMost: range.upperBound)
  }

  func read(_ node: YAMLNode, _ what: String, with decoder: SpecDecoder) -> Double? {
    let largest = Self.largest
    guard let value = decoder.number(
      node, what, greaterThan: greaterThan, atLeast: max(atLeast ?? -largest, -largest), below: below,
      atMost: min(atMost ?? largest, largest))
    else { return nil }
    let single = Double(Float(value))
    let text = Quoting.shortened(node.scalar?.text ?? "\(value)")
    let rounding = "got \(text), which is \(SpecDecoder.format(single)) as the engine's 32-bit float"
    if let bound = greaterThan, !(single > bound) {
      decoder.fail(node.mark, "\(what) must be greater than \(SpecDecoder.format(bound)), \(rounding)")
    } else if let bound = below, !(single < bound) {
      decoder.fail(node.mark, "\(what) must be less than \(SpecDecoder.format(bound)), \(rounding)")
    } else {
      // The value as written (its float is what the engine uses).
      return value
    }
    return nil
  }

  var description: String {
    var parts: [String] = []
    if let bound = greaterThan { parts.append("> \(SpecDecoder.format(bound))") }
    if let bound = atLeast { parts.append("≥ \(SpecDecoder.format(bound))") }
    if let bound = below { parts.append("< \(SpecDecoder.format(bound))") }
    if let bound = atMost { parts.append("≤ \(SpecDecoder.format(bound))") }
    return parts.isEmpty ? "any finite number" : parts.joined(separator: " and ")
  }
}

/// How the docs spell ranges.
enum SpecKeyText {
  /// `1 to 1,000,000`.
  static func range(_ range: ClosedRange<Int>) -> String {
    "\(grouped(range.lowerBound)) to \(grouped(range.upperBound))"
  }

  /// An integer with thousands separated by commas: `65,536`.
  static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var groups: [Substring] = []
    var end = digits.endIndex
    while end > digits.startIndex {
      let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
      groups.insert(digits[start..<end], at: 0)
      end = start
    }
    return (value < 0 ? "-" : "") + groups.joined(separator: ",")
  }
}
