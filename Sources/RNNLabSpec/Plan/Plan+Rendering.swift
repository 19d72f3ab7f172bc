/// The dry-run listings of `runner plan`: one row per trial as a table,
/// CSV or JSON.
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

  /// Aligned columns with a header, then the summary line; ends in a newline.
  public var table: String {
    let rows = [Self.columns] + trials.map(Self.row)
    var widths = [Int](repeating: 0, count: Self.columns.count)
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
    return output + summary + "\n"
  }

  /// RFC 4180 CSV with a header row, nothing else (the summary is not data).
  public var csv: String {
    ([Self.columns] + trials.map(Self.row))
      .map { $0.map(Self.csvField).joined(separator: ",") + "\n" }
      .joined()
  }

  /// `{"spec": resolved spec, "total": N, "trials": [rows]}`, pretty-printed.
  public var json: String {
    let rows: [JSONValue] = trials.map { trial in
      .object([
        ("index", .int(trial.index)), ("trial_id", .string(trial.id)), ("task", .string(trial.task.name)),
        ("task_kind", .string(trial.task.kind.rawValue)), ("seq_len", .int(trial.seqLen)),
        ("model", .string(trial.model.name)), ("cell", .string(trial.model.cell.rawValue)),
        ("hidden", .int(trial.model.hidden)), ("layers", .int(trial.model.layers)),
        ("bidirectional", .bool(trial.model.bidirectional)), ("seed", .int(trial.seed)),
        ("steps", .int(trial.training.steps)), ("config_hash", .string(trial.configHash)),
      ])
    }
    let document = JSONValue.object([("spec", spec.jsonValue), ("total", .int(trials.count)), ("trials", .array(rows))])
    return document.prettyText + "\n"
  }

  private static func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
    return "\"" + text.map { $0 == "\"" ? "\"\"" : String($0) }.joined() + "\""
  }
}
