import Foundation
import RNNLabResults
import Testing

@testable import RNNLabReport

/// The report of a folder with a search: headline numbers from the selected
/// configuration (or all with `--select none`), the Search section and the
/// learning-rate scatter plot.
@Suite struct SearchReportTests {
  func render(_ select: SelectMode) throws -> [String: String] {
    let files = try Reporter(folder: SearchFixtures.folder(), select: select).render()
    return Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) })
  }

  @Test func headlineUsesTheSelectedConfigurationByDefault() throws {
    let report = try #require(try render(.best)["report.md"])
    // The header: what the folder holds, what was searched, what the tables use.
    #expect(report.contains("\n10 trials in this folder (1 task, 2 models, seeds 1, 2): 9 done, 1 diverged.\n"))
    #expect(
      report.contains(
        "Search: 5 configurations searched, 2–3 per task × length × model. The tables and plots use only the "
          + "selected configuration of each task × length × model (best mean validation loss over seeds; "
          + "`runner report --select best`, the default): 4 of the 10 trials, 4 done. "))
    #expect(report.contains("\n4 trials of the selected configurations (of 10 in this task): 4 done.\n"))
    // lstm's selected c1 has test loss 0.2 on both seeds; pooled it would be 0.203.
    #expect(report.contains("| `lstm` | 0.200 ± 0 |"))
    #expect(report.contains("| `gru` | 0.0600 ± 0 |"))
    let aggregate = try #require(try render(.best)["aggregate.csv"])
    #expect(aggregate.contains("adding,adding,lstm,50,2,2,0,0,0,final_eval_loss,2,0,0.2,"))
  }

  @Test func selectNonePoolsEveryConfiguration() throws {
    let files = try render(.none)
    let report = try #require(files["report.md"])
    #expect(report.contains("\n10 trials in this folder (1 task, 2 models, seeds 1, 2): 9 done, 1 diverged.\n"))
    #expect(
      report.contains(
        "Search: 5 configurations searched, 2–3 per task × length × model. The tables and plots pool every "
          + "configuration (`runner report --select none`): all 10 trials, so a mean mixes good and bad settings."))
    #expect(report.contains("\n10 trials: 9 done, 1 diverged.\n"))
    // (0.01 + 0.2 + 0.4) · 2 / 6 = 0.2033…
    #expect(report.contains("| `lstm` | 0.203 ± "))
    #expect(files["aggregate.csv"]!.contains("adding,adding,lstm,50,6,6,0,0,2,final_eval_loss,6,0,"))
    // summary.csv and selection.csv do not depend on --select.
    let best = try render(.best)
    #expect(files["summary.csv"] == best["summary.csv"])
    #expect(files["selection.csv"] == best["selection.csv"])
  }

  @Test func searchSectionNamesTriesSelectedValuesAndSensitivity() throws {
    let report = try #require(try render(.best)["report.md"])
    #expect(report.contains("### Search\n\nConfigurations tried: `gru` 2, `lstm` 3.\n"))
    #expect(report.contains("| model | T | config | `training.learning_rate` | `hidden` | mean val loss | seeds |\n"))
    #expect(report.contains("| `lstm` | 50 | c1 | 0.00300 | 48 | 0.200 | 2 |\n"))
    #expect(report.contains("| `gru` | 50 | c0 | 0.00200 | 32 | 0.0600 | 2 |\n"))
    #expect(report.contains("between-group sum of squares"))
    #expect(report.contains("not their random-forest fANOVA"))
    // lstm: 3 distinct learning rates over 3 configurations explain everything,
    // hidden 48 {0.2} vs 32 {0.5, 0.325}: 0.0301 of 0.0454;
    // gru: only c0 has a finite mean, so nothing to explain.
    #expect(report.contains("| `lstm` | 50 | 3 | 1.00 | 0.66 |\n"))
    #expect(report.contains("| `gru` | 50 | 1 of 2 | — | — |\n"))
    #expect(report.contains("![adding: validation loss vs learning rate, one point per configuration]"
      + "(plots/adding-search-learning-rate.svg)"))
  }

  @Test func aKeyAModelDoesNotSearchHasNoShare() throws {
    let lstm = SearchFixtures.trials(model: "lstm", [
      .init(index: 0, rate: 0.001, forgetBias: 0.5, valLosses: [0.5, 0.4]),
      .init(index: 1, rate: 0.01, forgetBias: 1.5, valLosses: [0.1, 0.2]),
    ])
    let gru = SearchFixtures.trials(model: "gru", [
      .init(index: 0, rate: 0.001, valLosses: [0.3, 0.3]),
      .init(index: 1, rate: 0.01, valLosses: [0.2, 0.1]),
    ])
    let report = try #require(try Fixtures.render(Fixtures.folder(lstm + gru))["report.md"])
    // gru searched no forget_bias: "—", not a share of 0.
    #expect(report.contains("| `gru` | 50 | 2 | 1.00 | 0.00 | — |\n"))
    #expect(report.contains("| `lstm` | 50 | 2 | 1.00 | 0.00 | 1.00 |\n"))
  }

  @Test func scatterHasOnePointPerCompleteConfigurationOnLogAxes() throws {
    let svg = try #require(try render(.best)["plots/adding-search-learning-rate.svg"])
    #expect(svg.contains("learning rate (log scale)"))
    #expect(svg.contains("mean final validation loss (log scale)"))
    #expect(svg.contains("gru: 1 with a diverged seed or no val loss, not shown"))
    #expect(!svg.contains("<polyline"))
    // gru (first colour) 1 point + legend sample; lstm (second colour) 3 points + legend sample.
    func markers(_ colour: String) -> Int { svg.components(separatedBy: "fill=\"\(colour)\"").count - 1 }
    #expect(markers(Palette.colours[0]) == 2)
    #expect(markers(Palette.colours[1]) == 4)
  }

  @Test func noScatterWithoutSearchedLearningRate() throws {
    var folder = SearchFixtures.folder()
    for i in folder.trials.indices {
      folder.trials[i].summary.searchValues = ["hidden": folder.trials[i].summary.searchValues!["hidden"]!]
    }
    let files = try Reporter(folder: folder).render()
    #expect(!files.contains { $0.path.contains("search-learning-rate") })
    #expect(files.first { $0.path == "report.md" }!.contents.contains("### Search"))
  }
}

