/// The model every other model is compared with in "variants compared".
struct ReferenceModel: Equatable {
  /// The chosen model; nil when the folder has no trials.
  var name: String?
  /// Why this model, for the report ("`report.compare_to` in spec.yaml", …).
  var reason: String
  /// Set when the requested model was not found and a default was used instead.
  var warning: String?

  /// Picks the reference: the explicit `compareTo` (must exist), else
  /// `report.compare_to` from spec.yaml (falls back with a warning when it names
  /// no model here), else the first LSTM-family model (lstm, peephole, cifg) in
  /// model order, else the first model.
  static func choose(explicit: String?, fromSpec: String?, index: ResultsIndex) throws -> ReferenceModel {
    let names = index.models.map(\.name)
    if let explicit {
      guard names.contains(explicit) else {
        throw ReportError(
          message: "--compare-to: unknown model '\(explicit)' (models in these results: \(names.joined(separator: ", ")))")
      }
      return ReferenceModel(name: explicit, reason: "chosen with `--compare-to`")
    }
    let fallback = index.models.first(where: \.isLSTMFamily)
    let defaultChoice = ReferenceModel(
      name: fallback?.name ?? names.first,
      reason: fallback != nil ? "the first LSTM-family model, the default" : "the first model, the default")
    guard let fromSpec else { return defaultChoice }
    guard names.contains(fromSpec) else {
      var choice = defaultChoice
      choice.warning = "`report.compare_to` names `\(fromSpec)`, which has no trials here"
      return choice
    }
    return ReferenceModel(name: fromSpec, reason: "`report.compare_to` in spec.yaml")
  }
}

/// A report that cannot be made as asked (a bad option); input files have
/// their own `ResultsError`.
public struct ReportError: Error, Equatable, CustomStringConvertible {
  public var message: String
  public init(message: String) { self.message = message }
  public var description: String { "error: \(message)" }
}
