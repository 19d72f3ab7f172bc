import Foundation
import RNNLabResults
import Testing

@testable import RNNLabReport

/// Mean, sample std, min and max over seeds, checked on hand-computed numbers.
@Suite struct AggregationTests {
  @Test func statisticsOfHandNumbers() throws {
    let stats = try #require(SummaryStatistics([1, 2, 3, 4]))
    #expect(stats.count == 4)
    #expect(stats.mean == 2.5)
    // Σ(x − 2.5)² = 5, divided by n − 1 = 3.
    #expect(abs(try #require(stats.std) - (5.0 / 3.0).squareRoot()) < 1e-15)
    #expect(stats.min == 1)
    #expect(stats.max == 4)
    let one = try #require(SummaryStatistics([0.25]))
    #expect(one.mean == 0.25 && one.std == nil && one.min == 0.25 && one.max == 0.25)
    #expect(SummaryStatistics([]) == nil)
  }

  /// Three finished seeds (0.1, 0.2, 0.6) and one diverged: statistics over the
  /// finished three, counts over all four.
  func groupWithDivergedSeed() -> [TrialResult] {
    [
      Fixtures.trial(seed: 1, loss: 0.1, solvedAt: 60), Fixtures.trial(seed: 2, loss: 0.2, solvedAt: 80),
      Fixtures.trial(seed: 3, loss: 0.6), Fixtures.trial(seed: 4, status: .diverged),
    ]
  }

  @Test func aggregateRowsUseFinishedSeedsAndCountEverySeed() throws {
    let index = ResultsIndex(groupWithDivergedSeed())
    let records = try CSV.parse(AggregateTable.csv(index), path: "aggregate.csv")
    #expect(records[0].fields == AggregateTable.header)
    let rows = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(AggregateTable.header, $0.fields)) }
    let loss = try #require(rows.first { $0["metric"] == "final_eval_loss" })
    #expect(loss["trials"] == "4" && loss["done"] == "3" && loss["diverged"] == "1" && loss["failed"] == "0")
    #expect(loss["solved"] == "2" && loss["n"] == "3")
    #expect(abs(Double(loss["mean"]!)! - 0.3) < 1e-15)
    // Deviations −0.2, −0.1, 0.3: (0.04 + 0.01 + 0.09) / 2 = 0.07.
    #expect(abs(Double(loss["std"]!)! - 0.07.squareRoot()) < 1e-15)
    #expect(loss["min"] == "0.1" && loss["max"] == "0.6")
    let steps = try #require(rows.first { $0["metric"] == "steps_to_solve" })
    #expect(steps["n"] == "2" && steps["mean"] == "70.0" && steps["min"] == "60.0" && steps["max"] == "80.0")
    // No trial has an accuracy, so the metric is left out.
    #expect(!rows.contains { $0["metric"] == "final_eval_accuracy" })
  }

  @Test func aggregateRowsWithoutValuesAreEmpty() throws {
    let index = ResultsIndex([Fixtures.trial(seed: 1, status: .failed), Fixtures.trial(seqLen: 100, seed: 1)])
    let text = AggregateTable.csv(index)
    #expect(text.contains("adding,adding,lstm,50,1,0,0,1,0,final_eval_loss,0,,,,\n"))
    #expect(text.contains("adding,adding,lstm,100,1,1,0,0,0,final_eval_loss,1,0.1,,0.1,0.1\n"))
  }

  @Test func markdownCellsShowMeanStdAndLeftOutSeeds() throws {
    let report = try #require(Fixtures.render(Fixtures.folder(groupWithDivergedSeed()))["report.md"])
    #expect(report.contains("| `lstm` | 0.300 ± 0.265 (1 diverged) |"))
    #expect(report.contains("| `lstm` | 2/4 (15–85 %) |"))
    #expect(report.contains("- `adding-T50-lstm-s4` diverged at step 40."))
    #expect(report.contains("4 trials: 3 done, 1 diverged."))
  }

  @Test func cellWithOnlyUnfinishedSeedsSaysSo() throws {
    let trials = [Fixtures.trial(seed: 1, status: .failed), Fixtures.trial(seed: 2, status: .diverged)]
    let report = try #require(Fixtures.render(Fixtures.folder(trials))["report.md"])
    #expect(report.contains("| `lstm` | — (1 diverged, 1 failed) |"))
    #expect(report.contains("- `adding-T50-lstm-s1` failed: boom"))
  }
}
