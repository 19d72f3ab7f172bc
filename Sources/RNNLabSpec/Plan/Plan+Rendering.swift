/// The dry-run listings of `runner plan`: one row per trial as a table,
/// CSV or JSON. `status`, when given, is one word per trial in plan order
/// (where it stands in a results folder) and becomes a last `status` column;
/// `memory`, when given, is each trial's estimated peak memory, a column
/// before it.
extension Plan {
  /// The columns of every listing, in order.
  public static let columns = [
    "index", "trial_id", "task", "seq_len", "model", "cell", "hidden", "layers", "bidirectional", "seed",
    "steps", "config_hash",
  ]

  /// One trial's row, as text, in `columns` order.
  public static func row(_ trial: Trial) -> [String] {
    [
      String(trial.index), trial.id, trial.task.name, String(trial.seqLen), trial.model.name,
      trial.model.cell.rawValue, String(trial.model.hidden), String(trial.model.layers),
      String(trial.model.bidirectional), String(trial.seed), String(trial.training.steps), trial.configHash,
    ]
  }

  /// The header and rows, with `memory` and `status` as last columns when given.
  private func rows(memory: [String]?, status: [String]?) -> [[String]] {
    let paths = searchColumnPaths
    var rows = [Self.columns + searchColumns + evaluationColumns]
      + trials.map { Self.row($0) + searchFields($0, paths: paths) + evaluationFields($0) }
    for (name, values) in [("memory", memory), ("status", status)] {
      guard let values else { continue }
      precondition(values.count == trials.count, "one \(name) per trial")
      rows[0].append(name)
      for (position, value) in values.enumerated() { rows[position + 1].append(value) }
    }
    return rows
  }

  /// Aligned columns with a header, then the summary line (and `footer`, e.g.
  /// the status counts, after it); ends in a newline.
  public func table(memory: [String]? = nil, status: [String]? = nil, footer: String? = nil) -> String {
    let rows = rows(memory: memory, status: status)
    var widths = [Int](repeating: 0, count: rows[0].count)
    for row in rows {
      for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
    }
    var output = ""
    for row in rows {
      let cells = row.enumerated().map { column, cell in
        column + 1 == row.count ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
      }
      output += cells.joined(separator: "  ") + "\n"
    }
    return output + configurationListing + evaluationListing + summary + (footer.map { ": " + $0 } ?? "") + "\n"
  }

  /// RFC 4180 CSV with a header row, nothing else (the summary is not data).
  public func csv(memory: [String]? = nil, status: [String]? = nil) -> String {
    rows(memory: memory, status: status)
      .map { $0.map(Self.csvField).joined(separator: ",") + "\n" }
      .joined()
  }

  /// `{"spec": resolved spec, "total": N, "trials": [rows]}`, pretty-printed.
  public func json(memory: [UInt64?]? = nil, status: [String]? = nil) -> String {
    let rows: [JSONValue] = trials.enumerated().map { position, trial in
      var members: [(String, JSONValue)] = [
        ("index", .int(trial.index)), ("trial_id", .string(trial.id)), ("task", .string(trial.task.name)),
        ("task_kind", .string(trial.task.kind.rawValue)), ("seq_len", .int(trial.seqLen)),
        ("model", .string(trial.model.name)), ("cell", .string(trial.model.cell.rawValue)),
        ("hidden", .int(trial.model.hidden)), ("layers", .int(trial.model.layers)),
        ("bidirectional", .bool(trial.model.bidirectional)), ("seed", .int(trial.seed)),
        ("steps", .int(trial.training.steps)), ("config_hash", .string(trial.configHash)),
      ]
      if let search = trial.search { members.append(("search", search.jsonValue)) }
      if !trial.task.evaluationLengths.isEmpty {
        members.append(("eval_lengths", .array(trial.task.evaluationLengths.map(JSONValue.int))))
      }
      if let memory { members.append(("memory_bytes", memory[position].map { .int(Int($0)) } ?? .null)) }
      if let status { members.append(("status", .string(status[position]))) }
      return .object(members)
    }
    var document = JSONValue.object([("spec", spec.jsonValue), ("total", .int(trials.count)), ("trials", .array(rows))])
    if hasSearch { document = document.adding("configurations", configurationsJSON) }
    return document.prettyText + "\n"
  }

  private static func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
    return "\"" + text.map { $0 == "\"" ? "\"\"" : String($0) }.joined() + "\""
  }
}
