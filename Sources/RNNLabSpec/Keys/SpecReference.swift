import RNNLabTasks

/// The key tables of docs/spec.md, generated from the declarations
/// (`TrainingSpec.keys`, `ModelSpec.keys`, `TaskOptionKey.all`), so the docs cannot drift from
/// what the decoder accepts. Each table sits between two marker comments:
///
///     <!-- BEGIN GENERATED: training … -->
///     <!-- END GENERATED: training -->
///
/// `SpecReferenceTests` fails while docs/spec.md differs from `updating(_:)`
/// of itself; `RECORD_DOCS=1 swift test --filter SpecReferenceTests` rewrites it.
public enum SpecReference {
  /// The generated tables by section name.
  public static var sections: [(name: String, markdown: String)] {
    [("task options", taskOptionsTable), ("models", modelsTable), ("training", trainingTable)]
  }

  /// `document` with the text between each section's markers replaced by
  /// the section's table; sections without markers are left out.
  public static func updating(_ document: String) -> String {
    var lines = document.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for (name, markdown) in sections {
      guard let begin = lines.firstIndex(where: { $0.hasPrefix("<!-- BEGIN GENERATED: \(name) ") }),
            let end = lines[begin...].firstIndex(of: "<!-- END GENERATED: \(name) -->") else { continue }
      lines.replaceSubrange(begin + 1..<end, with: markdown.split(separator: "\n").map(String.init))
    }
    return lines.joined(separator: "\n")
  }

  static var trainingTable: String {
    let defaults = TrainingSpec()
    return table(
      ["key", "type", "default", "allowed", "per model", "hashed", "meaning"],
      TrainingSpec.keys.map { key in
        ["`\(key.name)`", key.type, "`\(yaml(key.value(in: defaults)))`", key.allowed,
         key.perModel ? "yes" : "no", hashedText(key), key.summary]
      })
  }

  /// `yes`, `no`, or `yes, unless null` for keys added later.
  static func hashedText<Settings>(_ key: SpecKey<Settings>) -> String {
    guard key.hashed else { return "no" }
    return key.unhashedValue.map { "yes, unless `\(yaml($0))`" } ?? "yes"
  }

  static var modelsTable: String {
    let defaults = ModelSpec(cell: .lstm, hidden: 1)
    let declared = ModelSpec.keys.map { key in
      ["`\(key.name)`", key.type, "`\(yaml(key.value(in: defaults)))`", key.allowed,
       key.cells.map { $0.map { "`\($0.rawValue)`" }.joined(separator: ", ") } ?? "all", key.summary]
    }
    let cells = CellKind.allNames.joined(separator: ", ")
    return table(
      ["key", "type", "default", "allowed", "applies to", "meaning"],
      [["`name`", "name", "the cell", "folder-safe, as the spec's `name`", "all", "Unique among models."],
       ["`cell`", "name", "required", cells, "—", "The recurrent cell."],
       ["`hidden`", "integer or `{parameters: N}`", "required",
        SpecKeyText.range(SpecLimits.hidden) + "; N " + SpecKeyText.range(SpecLimits.parameters), "all",
        "Units per layer and direction; `{parameters: N}`: per task, the largest size whose model has at most N parameters."]]
        + declared
        + [["`training`", "map", "—", "the per-model keys of `training`", "all",
            "Overrides the shared training settings for this model only."],
           ["`search`", "map or null", "the top-level `search`", "as the top-level `search`", "all",
            "Replaces the top-level search for this model; `null`: no search."]])
  }

  static var taskOptionsTable: String {
    var rows: [[String]] = []
    for kind in TaskKind.allCases {
      for (name, value) in TaskOptions.defaults(for: kind).values {
        guard let key = TaskOptionKey.named(name) else { continue }
        let shown: String
        switch value {
        case .int(let count): shown = String(count)
        case .name(let text): shown = text
        }
        let allowed = key.range.map(SpecKeyText.range) ?? AddingTask.Placement.allCases.map(\.rawValue).joined(separator: ", ")
        rows.append(["`\(kind.rawValue)`", "`\(name)`", "`\(shown)`", allowed, key.summary])
      }
    }
    return table(["kind", "option", "default", "allowed", "meaning"], rows)
  }

  /// A default as a spec writes it: `adam`, not `"adam"`.
  private static func yaml(_ value: JSONValue) -> String {
    if case .string(let text) = value { return text }
    return value.canonicalText
  }

  private static func table(_ header: [String], _ rows: [[String]]) -> String {
    let lines = [header, header.map { _ in "---" }] + rows
    return lines.map { "| " + $0.joined(separator: " | ") + " |" }.joined(separator: "\n")
  }
}
