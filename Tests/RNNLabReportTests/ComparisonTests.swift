import Foundation
import RNNLabResults
import Testing

@testable import RNNLabReport

/// `runner compare`: changes per cell, and cells only on one side.
@Suite struct ComparisonTests {
  /// A: lstm and rnn at T = 50; B: lstm (better loss, one more seed solved)
  /// and gru at T = 50 (rnn removed, gru added).
  func folders() -> (ResultsFolder, ResultsFolder) {
    let a = Fixtures.folder([
      Fixtures.trial(model: "lstm", seed: 1, loss: 0.2, solvedAt: 60, index: 0),
      Fixtures.trial(model: "lstm", seed: 2, loss: 0.4, index: 1),
      Fixtures.trial(model: "rnn", seed: 1, loss: 0.9, index: 2),
    ])
    let b = Fixtures.folder([
      Fixtures.trial(model: "lstm", seed: 1, loss: 0.1, solvedAt: 40, index: 0),
      Fixtures.trial(model: "lstm", seed: 2, loss: 0.2, solvedAt: 60, index: 1),
      Fixtures.trial(model: "gru", seed: 1, loss: 0.3, index: 2),
      Fixtures.trial(model: "gru", seed: 2, status: .failed, index: 3),
    ])
    return (a, b)
  }

  @Test func changesAreBMinusA() throws {
    let (a, b) = folders()
    let comparison = Comparison(a, b, labelA: "old", labelB: "new")
    let lstm = comparison.rows.filter { $0.key.model == "lstm" }
    #expect(lstm.map(\.metric).prefix(4) == ["trials", "done", "solved", "final_eval_loss"])
    let loss = try #require(lstm.first { $0.metric == "final_eval_loss" })
    #expect(abs(try #require(loss.a) - 0.3) < 1e-15)
    #expect(abs(try #require(loss.b) - 0.15) < 1e-15)
    #expect(abs(try #require(loss.change) + 0.15) < 1e-15)
    #expect(abs(try #require(loss.relativeChange) + 0.5) < 1e-15)
    let solved = try #require(lstm.first { $0.metric == "solved" })
    #expect(solved.a == 1 && solved.b == 2 && solved.change == 1)
    #expect(!lstm.contains { $0.metric == "final_eval_accuracy" })
  }

  @Test func cellsOnOneSideAreAddedOrRemoved() {
    let (a, b) = folders()
    let comparison = Comparison(a, b, labelA: "old", labelB: "new")
    #expect(comparison.added == [Comparison.OneSided(key: .init(task: "adding", model: "gru", seqLen: 50), trials: 2)])
    #expect(comparison.removed == [Comparison.OneSided(key: .init(task: "adding", model: "rnn", seqLen: 50), trials: 1)])
    #expect(!comparison.rows.contains { $0.key.model != "lstm" })
  }

  @Test func markdownShowsOnlyChangesUnlessAll() {
    let (a, b) = folders()
    let comparison = Comparison(a, b, labelA: "old", labelB: "new")
    let changes = comparison.markdown()
    #expect(changes.contains("| `lstm` | 50 | final eval loss | 0.300 | 0.150 | -0.150 (-50.0%) | too few seeds |"))
    #expect(!changes.contains("| same |"))
    let hidden = comparison.rows.count { $0.metric != "trials" && $0.isUnchanged }
    #expect(hidden > 0)
    #expect(changes.contains("\n\(hidden) unchanged metrics not shown (`--all` shows every metric).\n"))
    let all = comparison.markdown(all: true)
    #expect(all.contains("| `lstm` | 50 | finished | 2/2 | 2/2 | same |  |"))
    #expect(!all.contains("not shown"))
  }

  @Test func addedAndRemovedTrialsAreNamed() {
    let (a, b) = folders()
    var more = b
    // A seed added in a cell both folders have is a trial change, not a cell change.
    more.trials.append(Fixtures.trial(model: "lstm", seed: 3, loss: 0.2, index: 4))
    let comparison = Comparison(a, more, labelA: "old", labelB: "new")
    #expect(comparison.addedTrials.count == 3 && comparison.addedTrials.contains { $0.hasSuffix("lstm-s3") })
    #expect(comparison.removedTrials.count == 1 && comparison.removedTrials[0].contains("rnn"))
    let text = comparison.markdown()
    #expect(text.contains("## Trials only in B (added)\n\n"))
    #expect(text.contains("- `\(comparison.addedTrials[0])`\n"))
    #expect(text.contains("## Trials only in A (removed)\n\n- `\(comparison.removedTrials[0])`\n"))
  }

  @Test func infinitiesOnBothSidesAreUnchanged() {
    let row = Comparison.Row(
      key: .init(task: "adding", model: "rnn", seqLen: 200), metric: "grad_decay_init", a: -.infinity,
      b: -.infinity, trialsA: 3, trialsB: 3)
    #expect(row.isUnchanged)
    var changed = row
    changed.b = -20
    #expect(!changed.isUnchanged)
  }

  @Test func markdownShowsTablesAndOneSidedCells() {
    let (a, b) = folders()
    let text = Comparison(a, b, labelA: "old", labelB: "new").markdown(all: true)
    #expect(text.contains("- A: `old` (3 trials)\n- B: `new` (4 trials)\n"))
    #expect(text.contains("| `lstm` | 50 | final eval loss | 0.300 | 0.150 | -0.150 (-50.0%) |"))
    #expect(text.contains("| `lstm` | 50 | solved | 1/2 (9–91 %) | 2/2 (34–100 %) | +1 | too few seeds |"))
    #expect(text.contains("| `lstm` | 50 | finished | 2/2 | 2/2 | same |"))
    #expect(text.contains("## Only in B (added)\n\n| task | model | T | trials |\n| --- | --- | ---: | ---: |\n| `adding` | `gru` | 50 | 2 |\n"))
    #expect(text.contains("## Only in A (removed)\n\n| task | model | T | trials |\n| --- | --- | ---: | ---: |\n| `adding` | `rnn` | 50 | 1 |\n"))
  }

  @Test func csvIsTidyAndFullPrecision() throws {
    let (a, b) = folders()
    let text = Comparison(a, b, labelA: "old", labelB: "new").csv
    let records = try CSV.parse(text, path: "compare.csv")
    #expect(
      records[0].fields == [
        "task", "model", "seq_len", "metric", "side", "a", "b", "change", "relative_change", "test", "p_value",
      ])
    #expect(
      records.contains {
        $0.fields == ["adding", "lstm", "50", "solved", "both", "1", "2", "1", "1.0", "fisher_exact", "too_few_seeds"]
      })
    #expect(records.contains { $0.fields == ["adding", "lstm", "50", "done", "both", "2", "2", "0", "0.0", "", ""] })
    #expect(records.contains { $0.fields == ["adding", "gru", "50", "trials", "added", "", "2", "", "", "", ""] })
    #expect(records.contains { $0.fields == ["adding", "rnn", "50", "trials", "removed", "1", "", "", "", "", ""] })
    #expect(records.dropFirst().allSatisfy { $0.fields.count == 11 })
  }

  /// A: lstm solves in 0 of 4 seeds; B: in 4 of 4 seeds, with lower losses.
  func fourSeeds() -> (ResultsFolder, ResultsFolder) {
    let a = Fixtures.folder(
      (1...4).map { Fixtures.trial(model: "lstm", seed: $0, loss: 0.4 + 0.01 * Double($0), index: $0) })
    let b = Fixtures.folder(
      (1...4).map { Fixtures.trial(model: "lstm", seed: $0, loss: 0.1 + 0.01 * Double($0), solvedAt: 60, index: $0) })
    return (a, b)
  }

  @Test func differencesGetPValues() throws {
    let (a, b) = fourSeeds()
    let comparison = Comparison(a, b, labelA: "old", labelB: "new")
    // 0/4 vs 4/4: Fisher p = 2/C(8, 4); losses fully separated, exact U: 2/C(8, 4) as well.
    let solved = try #require(comparison.rows.first { $0.metric == "solved" })
    let loss = try #require(comparison.rows.first { $0.metric == "final_eval_loss" })
    guard case .pValue(let pSolved) = solved.significance, case .pValue(let pLoss) = loss.significance else {
      Issue.record("expected p-values, got \(String(describing: [solved.significance, loss.significance]))")
      return
    }
    #expect(isClose(pSolved, 2.0 / 70) && isClose(pLoss, 2.0 / 70))
    #expect(comparison.rows.filter { $0.significance != nil }.map(\.metric) == ["solved", "final_eval_loss"])
    let text = comparison.markdown()
    #expect(text.contains("| `lstm` | 50 | solved | 0/4 (0–49 %) | 4/4 (51–100 %) | +4 | 0.029 * |\n"))
    #expect(text.contains("| `lstm` | 50 | final eval loss | 0.425 | 0.125 | -0.300 (-70.6%) | 0.029 * |\n"))
    #expect(text.contains("No correction for multiple comparisons is applied"))
    let records = try CSV.parse(comparison.csv, path: "compare.csv")
    let record = try #require(records.first { $0.fields.prefix(5) == ["adding", "lstm", "50", "solved", "both"] })
    #expect(record.fields[9] == "fisher_exact" && isClose(Double(record.fields[10]), 2.0 / 70))
  }

  @Test func identicalFoldersChangeNothing() throws {
    let folder = try ResultsFolder.load(GoldenFiles.input)
    let comparison = Comparison(folder, folder, labelA: "a", labelB: "a")
    #expect(comparison.added.isEmpty && comparison.removed.isEmpty)
    #expect(comparison.rows.allSatisfy { $0.isUnchanged })
    // No relative change ("(+5.0%)"); the Wilson intervals end in " %)".
    #expect(!comparison.markdown(all: true).replacingOccurrences(of: " %)", with: "").contains("%)"))
    #expect(comparison.markdown().contains("No metric changed in the cells both folders have."))
  }
}
