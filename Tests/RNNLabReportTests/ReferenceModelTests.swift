import RNNLabResults
import Testing

@testable import RNNLabReport

/// Which model "variants compared" uses as the reference.
@Suite struct ReferenceModelTests {
  let index = ResultsIndex([
    Fixtures.trial(model: "vanilla", cell: "rnn", index: 0),
    Fixtures.trial(model: "gru", cell: "gru", index: 1),
    Fixtures.trial(model: "cifg", cell: "cifg", index: 2),
    Fixtures.trial(model: "lstm", cell: "lstm", index: 3),
  ])

  @Test func defaultIsTheFirstLSTMFamilyModelInModelOrder() throws {
    let choice = try ReferenceModel.choose(explicit: nil, fromSpec: nil, index: index)
    #expect(choice.name == "cifg")
    #expect(choice.warning == nil)
  }

  @Test func withoutLSTMFamilyTheFirstModelIsUsed() throws {
    let plain = ResultsIndex([
      Fixtures.trial(model: "b", cell: "rnn", index: 1), Fixtures.trial(model: "a", cell: "gru", index: 0),
    ])
    #expect(try ReferenceModel.choose(explicit: nil, fromSpec: nil, index: plain).name == "a")
  }

  @Test func specChoiceWinsOverTheDefault() throws {
    let choice = try ReferenceModel.choose(explicit: nil, fromSpec: "gru", index: index)
    #expect(choice == ReferenceModel(name: "gru", reason: "`report.compare_to` in spec.yaml"))
  }

  @Test func unknownSpecChoiceFallsBackWithAWarning() throws {
    let choice = try ReferenceModel.choose(explicit: nil, fromSpec: "peephole", index: index)
    #expect(choice.name == "cifg")
    #expect(choice.warning == "`report.compare_to` names `peephole`, which has no trials here")
  }

  @Test func explicitChoiceMustExist() throws {
    #expect(try ReferenceModel.choose(explicit: "lstm", fromSpec: "gru", index: index).name == "lstm")
    #expect(
      throws: ReportError(message: "--compare-to: unknown model 'lsmt' (models in these results: vanilla, gru, cifg, lstm)")
    ) {
      try ReferenceModel.choose(explicit: "lsmt", fromSpec: nil, index: index)
    }
  }

  @Test func reportUsesTheReferenceForLossRatios() throws {
    let trials = [
      Fixtures.trial(model: "rnn", loss: 0.4, index: 0), Fixtures.trial(model: "lstm", loss: 0.1, solvedAt: 50, index: 1),
    ]
    let report = try #require(try Fixtures.render(Fixtures.folder(trials))["report.md"])
    #expect(report.contains("### Variants compared with `lstm`"))
    #expect(report.contains("| `rnn` | 4.00× | none | none |"))
    #expect(report.contains("| `lstm` (reference) | 1.00× | 50 | 50 |"))
    let byRNN = try #require(try Fixtures.render(Fixtures.folder(trials), compareTo: "rnn")["report.md"])
    #expect(byRNN.contains("| `lstm` | 0.250× | 50 | 50 |"))
  }
}
