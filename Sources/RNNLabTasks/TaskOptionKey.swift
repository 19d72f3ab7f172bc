/// One task option as the spec spells it: its name, the values it takes and
/// what it does. The per-kind defaults are `TaskOptions.defaults(for:)`.
public struct TaskOptionKey: Sendable {
  /// As written in the spec: `copy_length`.
  public let name: String
  /// The values a count accepts; nil for `placement`, a name.
  public let range: ClosedRange<Int>?
  /// One line for the docs.
  public let summary: String

  /// Every option of any kind. Lower bounds are what the generators need;
  /// upper bounds are generous caps that stop a typo (an extra zero or three)
  /// from asking for gigabytes.
  public static let all: [TaskOptionKey] = [
    TaskOptionKey(
      name: "placement", range: nil,
      summary: "Where the two markers go: `halves` (one in each half, Arjovsky et al. 2016), `hochreiter` (first in the first 10 steps, second in the first half, Hochreiter & Schmidhuber 1997), `anywhere`."),
    TaskOptionKey(name: "copy_length", range: 1...10_000, summary: "Symbols to recall."),
    TaskOptionKey(name: "symbols", range: 2...10_000, summary: "Alphabet size."),
    TaskOptionKey(name: "classes", range: 2...10_000, summary: "Classes of the first symbol."),
    TaskOptionKey(name: "distractors", range: 1...10_000, summary: "Distractor symbols."),
    TaskOptionKey(name: "offset", range: 1...1_000_000, summary: "How many steps ahead the target looks."),
  ]

  /// The option with this spec name.
  public static func named(_ name: String) -> TaskOptionKey? { all.first { $0.name == name } }

  /// The range of a count option (a programming error for any other name).
  public static func range(of name: String) -> ClosedRange<Int> {
    guard let range = named(name)?.range else { preconditionFailure("'\(name)' is not a count option") }
    return range
  }
}
