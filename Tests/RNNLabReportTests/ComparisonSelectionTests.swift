import Foundation
import RNNLabResults
import Testing

@testable import RNNLabReport

/// `runner compare --select best|none` on folders with a hyperparameter search.
@Suite struct ComparisonSelectionTests {
  /// lstm and gru at T = 50 without a search: lstm loss 0.3, gru 0.06.
  func plain() -> ResultsFolder {
    Fixtures.folder(
      (1...2).flatMap { seed in
        [Fixtures.trial(model: "lstm", seed: seed, loss: 0.3), Fixtures.trial(model: "gru", seed: seed, loss: 0.06)]
      })
  }

  func loss(_ comparison: Comparison, _ model: String) throws -> Comparison.Row {
    try #require(comparison.rows.first { $0.key.model == model && $0.metric == "final_eval_loss" })
  }

  @Test func bestComparesTheSelectedConfigurationOfASearchAndThePlainSideAsIs() throws {
    // SearchFixtures: lstm selects c1 (test loss 0.2), gru c0 (0.06); pooled, lstm would be 0.203.
    let comparison = Comparison(SearchFixtures.folder(), plain(), labelA: "search", labelB: "plain")
    let lstm = try loss(comparison, "lstm")
    #expect(lstm.a == 0.2 && lstm.b == 0.3 && lstm.trialsA == 2 && lstm.trialsB == 2)
    #expect(try loss(comparison, "gru").a == 0.06)
    #expect(
      comparison.searchA
        == .init(
          mode: .best, configurationsPerCell: 2...3, configurationsText: "2–3 configurations", trialsCompared: 4))
    #expect(comparison.searchB == nil && comparison.trialCountA == 10 && comparison.poolingNotes.isEmpty)
    let cell = { (model: String) in Comparison.Key(task: "adding", model: model, seqLen: 50) }
    #expect(comparison.selectedConfigs == [.init(key: cell("gru"), a: 0, b: nil), .init(key: cell("lstm"), a: 1, b: nil)])
    let text = comparison.markdown()
    #expect(
      text.contains(
        "- A: `search` (10 trials, a search of 2–3 configurations per task × length × model; compared: the "
          + "selected configuration of each, 4 trials)\n- B: `plain` (4 trials)\n"))
    #expect(text.contains("compared at the selected configuration of each task × length × model"))
    #expect(
      text.contains(
        "## Selected configurations\n\n| task | model | T | A | B |\n| --- | --- | ---: | ---: | ---: |\n"
          + "| `adding` | `gru` | 50 | c0 | no search |\n| `adding` | `lstm` | 50 | c1 | no search |\n"))
    #expect(!text.contains("Pooled"))
  }

  @Test func nonePoolsEveryConfigurationAndSaysHowMany() throws {
    let comparison = Comparison(SearchFixtures.folder(), plain(), labelA: "search", labelB: "plain", select: .none)
    // (0.01 + 0.2 + 0.4) · 2 / 6: every configuration of lstm.
    let lstm = try loss(comparison, "lstm")
    #expect(abs(try #require(lstm.a) - 1.22 / 6) < 1e-15 && lstm.trialsA == 6)
    #expect(comparison.searchA?.trialsCompared == 10 && comparison.selectedConfigs.isEmpty)
    let note = "A pools all 2–3 configurations of each task × length × model (`--select none`), "
      + "so its means mix good and bad settings"
    #expect(comparison.poolingNotes == [note])
    let text = comparison.markdown()
    #expect(
      text.contains(
        "- A: `search` (10 trials, a search of 2–3 configurations per task × length × model; compared: all 10 "
          + "trials pooled)\n"))
    #expect(text.contains("\n> **Pooled:** \(note).\n"))
    #expect(!text.contains("Selected configurations") && !text.contains("compared at the selected configuration"))
  }

  @Test func twoSearchesCompareTheirOwnSelectionsButListTrialsByFolder() throws {
    // B: the same search, but lstm c2 now has the best validation loss.
    var b = SearchFixtures.folder()
    for i in b.trials.indices where b.trials[i].id.hasPrefix("adding-T50-lstm-c02") {
      b.trials[i].summary.finalValLoss = 0.01
    }
    let comparison = Comparison(SearchFixtures.folder(), b, labelA: "old", labelB: "new")
    let lstm = try loss(comparison, "lstm")
    #expect(lstm.a == 0.2 && lstm.b == 0.4)
    #expect(comparison.selectedConfigs.map { [$0.a, $0.b] } == [[0, 0], [1, 2]])
    // Both folders hold the same trials: none is added or removed, whichever is selected.
    #expect(comparison.addedTrials.isEmpty && comparison.removedTrials.isEmpty)
    #expect(comparison.markdown().contains("| `adding` | `lstm` | 50 | c1 | c2 |\n"))
  }

  @Test func withoutASearchBothModesGiveTheSameComparison() {
    let a = Fixtures.folder([Fixtures.trial(model: "lstm", seed: 1, loss: 0.2), Fixtures.trial(model: "lstm", seed: 2)])
    let best = Comparison(a, plain(), labelA: "a", labelB: "b")
    let none = Comparison(a, plain(), labelA: "a", labelB: "b", select: .none)
    #expect(best.rows == none.rows && best.csv == none.csv)
    #expect(best.markdown(all: true) == none.markdown(all: true))
    #expect(best.searchA == nil && best.selectedConfigs.isEmpty && none.poolingNotes.isEmpty)
    #expect(!best.markdown().contains("search"))
  }
}
