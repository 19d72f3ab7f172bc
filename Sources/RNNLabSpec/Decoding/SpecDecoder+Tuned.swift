import Foundation
import RNNLabResults

/// Decoding tuned values: `tuned_from:` (a search folder's `selection.csv`)
/// and a task's `tuned:` (model name → search path → value), and merging
/// them into one `TunedValues` per task × model.
extension SpecDecoder {
  /// One model's values in a task's `tuned:`, with the marks errors point at.
  struct DecodedTuned {
    var model: String
    var modelMark: Mark
    var values: [SearchPathValue]
    var pathMarks: [Mark]
  }

  /// A task's `tuned:` mapping.
  func decodeTuned(_ node: YAMLNode) -> [DecodedTuned] {
    guard let entries = node.entries else {
      fail(node.mark, "'tuned' must be a mapping of model names to their values, got \(node.kindDescription)")
      return []
    }
    return entries.compactMap { entry in
      guard let pairs = entry.value.entries, !pairs.isEmpty else {
        fail(entry.value.mark, "the tuned values of model \(Quoting.quoted(entry.key)) must be a non-empty mapping of paths to values, e.g. {training.learning_rate: 0.003}")
        return nil
      }
      var tuned = DecodedTuned(model: entry.key, modelMark: entry.keyMark, values: [], pathMarks: [])
      for pair in pairs {
        guard let value = searchValue(pair.value, path: pair.key, keyEntry: pair) else { continue }
        tuned.values.append(SearchPathValue(path: pair.key, value: value))
        tuned.pathMarks.append(pair.keyMark)
      }
      return tuned
    }
  }

  /// `node` read as the key at `path` (its own ranges and errors), as a search value.
  private func searchValue(_ node: YAMLNode, path: String, keyEntry: YAMLEntry?) -> SearchValue? {
    guard let target = SearchTarget(path: path) else {
      if let keyEntry { failUnknownPath(keyEntry) }
      return nil
    }
    var model = ModelSpec(cell: .lstm, hidden: 1)
    guard target.decode(node, into: &model, with: self) else { return nil }
    return SearchValue(target.value(in: model))
  }

  /// The selected values per task × model in the folder `tuned_from` names
  /// (relative to the spec file): from `selection.csv`, for each task ×
  /// model the row of the longest length the folder selected at.
  func decodeTunedFrom(_ entry: YAMLEntry) -> (path: String, rows: [String: TunedValues])? {
    guard let path = string(entry.value, "'tuned_from'") else { return nil }
    let specFolder = URL(fileURLWithPath: entry.value.mark.source.name).deletingLastPathComponent()
    let folder = path.hasPrefix("/") ? URL(fileURLWithPath: path) : specFolder.appendingPathComponent(path)
    let file = folder.appendingPathComponent("selection.csv")
    guard let data = FileManager.default.contents(atPath: file.path) else {
      fail(entry.value.mark, "'tuned_from' \(Quoting.quoted(path)): no selection.csv at \(Quoting.quoted(file.path)) (a search folder after `runner report`)")
      return nil
    }
    let records: [CSVRecord]
    do {
      records = try CSV.parse(String(decoding: data, as: UTF8.self), path: file.path)
    } catch {
      fail(entry.value.mark, "'tuned_from' \(Quoting.quoted(path)): \(error)")
      return nil
    }
    guard let header = records.first?.fields, let first = header.firstIndex(of: "config_index"),
      let last = header.firstIndex(of: "mean_val_loss"), first < last, Array(header.prefix(3)) == ["task", "seq_len", "model"]
    else {
      fail(entry.value.mark, "'tuned_from' \(Quoting.quoted(path)): \(Quoting.quoted(file.path)) is not a selection.csv (its header lacks task, seq_len, model, config_index, mean_val_loss)")
      return nil
    }
    let paths = Array(header[(first + 1)..<last])
    var best: [String: (seqLen: Int, row: [String])] = [:]
    for record in records.dropFirst() where record.fields.count == header.count {
      guard let seqLen = Int(record.fields[1]) else { continue }
      let key = record.fields[0] + "\u{1}" + record.fields[2]
      if seqLen > best[key]?.seqLen ?? Int.min { best[key] = (seqLen, record.fields) }
    }
    var rows: [String: TunedValues] = [:]
    for (key, chosen) in best {
      let row = chosen.row
      let source = "\(path): c\(row[first].isEmpty ? "?" : row[first]) at T = \(chosen.seqLen)"
      var values: [SearchPathValue] = []
      for (offset, column) in paths.enumerated() where !row[first + 1 + offset].isEmpty {
        let node = YAMLNode(.scalar(YAMLScalar(text: row[first + 1 + offset])), mark: entry.value.mark)
        guard let value = searchValue(node, path: column, keyEntry: nil) else {
          if SearchTarget(path: column) == nil {
            fail(entry.value.mark, "'tuned_from' \(Quoting.quoted(path)): selection.csv has a column \(Quoting.quoted(column)) that names no searchable key")
          }
          return nil
        }
        values.append(SearchPathValue(path: column, value: value))
      }
      rows[key] = TunedValues(task: row[0], model: row[2], values: values, sources: values.map { _ in source })
    }
    return (path, rows)
  }

  /// One `TunedValues` per task × model that has any: the folder's, then
  /// the task's own `tuned:` path by path. Every task × model needs a row
  /// of the folder when there is one; every tuned path must apply to the
  /// model and must not be searched by it.
  func mergeTuned(
    from folder: (path: String, rows: [String: TunedValues], mark: Mark)?, tasks: [Named<TaskSpec>],
    models: [Named<ModelSpec>]
  ) -> [TunedValues] {
    var merged: [TunedValues] = []
    let modelNames = models.map(\.value.name)
    for task in tasks {
      for hand in task.tuned where !modelNames.contains(hand.model) {
        let guess = Suggestion.closest(to: hand.model, among: modelNames).map { " (did you mean '\($0)'?)" } ?? ""
        fail(hand.modelMark, "'tuned' names model \(Quoting.quoted(hand.model)), which the spec does not have\(guess)")
      }
      for model in models {
        var tuned = TunedValues(task: task.value.name, model: model.value.name, values: [], sources: [])
        var marks: [Mark] = []
        if let folder {
          guard let row = folder.rows[task.value.name + "\u{1}" + model.value.name] else {
            fail(folder.mark, "'tuned_from' \(Quoting.quoted(folder.path)) has no selection for task '\(task.value.name)' × model '\(model.value.name)'")
            continue
          }
          tuned = row
          marks = row.values.map { _ in folder.mark }
        }
        if let hand = task.tuned.first(where: { $0.model == model.value.name }) {
          for (value, mark) in zip(hand.values, hand.pathMarks) {
            if let index = tuned.values.firstIndex(where: { $0.path == value.path }) {
              (tuned.values[index], tuned.sources[index], marks[index]) = (value, TunedValues.handSource, mark)
            } else {
              tuned.values.append(value)
              tuned.sources.append(TunedValues.handSource)
              marks.append(mark)
            }
          }
        }
        guard !tuned.values.isEmpty else { continue }
        let searched = Set(model.value.search?.space.map(\.path) ?? [])
        var valid = true
        for (value, mark) in zip(tuned.values, marks) {
          guard let target = SearchTarget(path: value.path) else { continue }
          if !target.applies(to: model.value) {
            fail(mark, "tuned '\(value.path)' does not apply to cell '\(model.value.cell.rawValue)' of model '\(model.value.name)'")
            valid = false
          } else if searched.contains(value.path) {
            fail(mark, "'\(value.path)' of model '\(model.value.name)' is both tuned and searched; drop one")
            valid = false
          }
        }
        if valid { merged.append(tuned) }
      }
    }
    return merged
  }
}
