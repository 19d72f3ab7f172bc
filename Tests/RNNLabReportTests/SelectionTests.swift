import Foundation
import RNNLabResults
import Testing

@testable import RNNLabReport

/// Selection of one configuration per task × length × model by mean
/// validation loss, and what `summary.csv` and `selection.csv` say about it.
@Suite struct SelectionTests {
  typealias Config = SearchFixtures.Config

  func selected(_ trials: [TrialResult]) -> Int? {
    let selection = Selection(ResultsIndex(trials))
    #expect(selection.cells.count == 1)
    return selection.cells.first?.selected.configIndex
  }

  @Test func bestMeanValidationLossWinsNotBestSeedOrTestLoss() {
    let folder = SearchFixtures.folder()
    let selection = Selection(ResultsIndex(folder.trials))
    #expect(selection.hasSearch)
    let chosen = Dictionary(uniqueKeysWithValues: selection.cells.map { ($0.key.model, $0.selected.configIndex) })
    #expect(chosen == ["lstm": 1, "gru": 0])
    let lstm = try! #require(selection.cells.first { $0.key.model == "lstm" })
    #expect(lstm.candidates.map(\.configIndex) == [1, 2, 0])
    #expect(lstm.selected.meanValLoss == 0.2)
    #expect(folder.trials.filter(selection.isSelected).map(\.id).sorted() == [
      "adding-T50-gru-c00-s1", "adding-T50-gru-c00-s2", "adding-T50-lstm-c01-s1", "adding-T50-lstm-c01-s2",
    ])
  }

  @Test func tieGoesToTheLowerIndex() {
    let trials = SearchFixtures.trials(
      model: "lstm",
      [
        Config(index: 0, rate: 0.001, valLosses: [0.5, 0.5]),
        Config(index: 2, rate: 0.01, valLosses: [0.25, 0.25]),
        Config(index: 1, rate: 0.003, valLosses: [0.25, 0.25]),
      ])
    #expect(selected(trials) == 1)
  }

  @Test func divergedOrMissingValidationLossRanksAfterFiniteOnes() {
    // c0's finite seed is far better, but its other seed diverged.
    let diverged = SearchFixtures.trials(
      model: "lstm",
      [Config(index: 0, rate: 0.01, valLosses: [0.001, nil]), Config(index: 1, rate: 0.001, valLosses: [0.9, 0.9])])
    #expect(selected(diverged) == 1)

    var infinite = SearchFixtures.trials(
      model: "lstm",
      [Config(index: 0, rate: 0.01, valLosses: [0.001, 0.001]), Config(index: 1, rate: 0.001, valLosses: [0.9, 0.9])])
    infinite[1].summary.finalValLoss = .infinity
    #expect(selected(infinite) == 1)

    // No configuration complete: the lowest index, whatever the partial losses.
    let none = SearchFixtures.trials(
      model: "lstm",
      [Config(index: 3, rate: 0.01, valLosses: [0.9, nil]), Config(index: 5, rate: 0.001, valLosses: [nil, 0.1])])
    #expect(selected(none) == 3)
  }

  @Test func eachLengthSelectsOnItsOwn() {
    let short = SearchFixtures.trials(
      seqLen: 50, model: "lstm",
      [Config(index: 0, rate: 0.01, valLosses: [0.1, 0.1]), Config(index: 1, rate: 0.001, valLosses: [0.3, 0.3])])
    let long = SearchFixtures.trials(
      seqLen: 200, model: "lstm",
      [Config(index: 0, rate: 0.01, valLosses: [0.9, 0.9]), Config(index: 1, rate: 0.001, valLosses: [0.4, 0.4])])
    let selection = Selection(ResultsIndex(short + long))
    #expect(selection.cells.map(\.key.seqLen) == [50, 200])
    #expect(selection.cells.map(\.selected.configIndex) == [0, 1])
  }

  @Test func withoutSearchEveryTrialIsSelected() throws {
    let trials = (1...3).map { Fixtures.trial(seed: $0, loss: Double($0)) }
    let selection = Selection(ResultsIndex(trials))
    #expect(!selection.hasSearch)
    #expect(trials.allSatisfy(selection.isSelected))
    let files = try Fixtures.render(Fixtures.folder(trials))
    #expect(files["selection.csv"] == nil)
    let summary = try CSV.parse(try #require(files["summary.csv"]), path: "summary.csv")
    let column = try #require(summary[0].fields.firstIndex(of: "selected"))
    #expect(summary.dropFirst().map { $0.fields[column] } == ["true", "true", "true"])
    #expect(summary[0].fields == TrialSummary.csvHeader)
  }

  @Test func summaryCSVMarksSelectedAndHasOneColumnPerSearchedKey() throws {
    let files = try Fixtures.render(SearchFixtures.folder())
    let records = try CSV.parse(try #require(files["summary.csv"]), path: "summary.csv")
    let header = records[0].fields
    // Keys read back from summary.json are sorted; here they keep the order given.
    // A searched `hidden` is the trial's own `hidden` column, not a second one.
    #expect(Array(header.prefix(7)) == ["task", "task_kind", "seq_len", "model", "config_index", "training.learning_rate", "cell"])
    #expect(header.filter { $0 == "hidden" }.count == 1)
    #expect(records.count == 11)
    func field(_ name: String, of id: String) throws -> String {
      let row = try #require(records.first { $0.fields.contains(id) })
      return row.fields[try #require(header.firstIndex(of: name))]
    }
    #expect(try field("selected", of: "adding-T50-lstm-c01-s2") == "true")
    #expect(try field("selected", of: "adding-T50-lstm-c00-s1") == "false")
    #expect(try field("config_index", of: "adding-T50-lstm-c02-s1") == "2")
    #expect(try field("training.learning_rate", of: "adding-T50-lstm-c02-s1") == "0.01")
    #expect(try field("final_val_loss", of: "adding-T50-lstm-c01-s1") == "0.1")
    #expect(try field("final_val_loss", of: "adding-T50-gru-c01-s2") == "")
  }

  @Test func searchKeysAreTheUnionInFirstSeenOrderEmptyWhereAbsent() {
    var a = Fixtures.trial(seed: 1).summary
    a.searchValues = ["hidden": .number(32)]
    var b = Fixtures.trial(seed: 2).summary
    b.searchValues = ["init": .string("orthogonal"), "hidden": .number(64)]
    let c = Fixtures.trial(seed: 3).summary
    #expect(TrialSummary.searchKeys([a, b, c]) == ["hidden", "init"])
    let keys = TrialSummary.searchKeys([a, b, c])
    #expect(Array(a.csvFields(searchKeys: keys).dropFirst(5).prefix(2)) == ["32", ""])
    #expect(Array(b.csvFields(searchKeys: keys).dropFirst(5).prefix(2)) == ["64", "orthogonal"])
    #expect(Array(c.csvFields(searchKeys: keys).dropFirst(5).prefix(2)) == ["", ""])
  }

  @Test func selectionCSVListsTheWinnerWithItsTestMetrics() throws {
    let files = try Fixtures.render(SearchFixtures.folder())
    let csv = try #require(files["selection.csv"])
    #expect(
      csv == """
        task,seq_len,model,configurations,config_index,training.learning_rate,hidden,mean_val_loss,seeds,mean_final_eval_loss,solved
        adding,50,gru,2,0,0.002,32,0.060000000000000005,2,0.06,2
        adding,50,lstm,3,1,0.003,48,0.2,2,0.2,0

        """)
  }

  @Test func searchValuesRoundTripThroughSummaryJSON() throws {
    var summary = Fixtures.trial(seed: 1).summary
    summary.configIndex = 3
    summary.searchValues = ["training.learning_rate": .number(0.0031), "hidden": .number(48), "init": .string("xavier")]
    summary.finalValLoss = 0.25
    let data = try ResultsJSON.encode(summary)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("\"hidden\" : 48,"))
    #expect(text.contains("\"config_index\" : 3,"))
    let back = try ResultsJSON.decode(TrialSummary.self, from: data, path: "summary.json")
    #expect(back.searchValues?.keys == ["hidden", "init", "training.learning_rate"])
    #expect(back.searchValues?["training.learning_rate"] == .number(0.0031))
    #expect(back.configIndex == 3 && back.finalValLoss == 0.25 && back.finalValAccuracy == nil)
  }

  @Test func summaryWithoutTheNewKeysStillDecodes() throws {
    let data = try ResultsJSON.encode(Fixtures.trial(seed: 1).summary)
    var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    for key in ["config_index", "search_values", "final_val_loss", "final_val_accuracy"] { object[key] = nil }
    let old = try JSONSerialization.data(withJSONObject: object)
    let summary = try ResultsJSON.decode(TrialSummary.self, from: old, path: "summary.json")
    #expect(summary.configIndex == nil && summary.searchValues == nil && summary.finalValLoss == nil)
  }
}
