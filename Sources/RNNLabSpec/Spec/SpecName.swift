/// An enum spelled by name in a spec (`cell: lstm`), decoded with a
/// did-you-mean suggestion when the name is unknown.
public protocol SpecName: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {
  /// What the name names, for messages: "cell", "optimizer", …
  static var noun: String { get }
}

extension SpecName {
  /// Every valid spelling, in declaration order.
  public static var allNames: [String] { allCases.map(\.rawValue) }
}
