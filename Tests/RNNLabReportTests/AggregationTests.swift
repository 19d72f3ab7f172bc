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
    #expect(text.contains("adding,adding,lstm,50,1,0,0,1,0,final_eval_loss,0,0,,,,\n"))
    #expect(text.contains("adding,adding,lstm,100,1,1,0,0,0,final_eval_loss,1,0,0.1,,0.1,0.1\n"))
  }

  /// A decay of −inf in one of three seeds: counted in `dropped`, the
  /// statistics over the other two (never a −inf mean or a NaN std).
  @Test func aggregateSaysHowManyNonFiniteValuesItDropped() throws {
    var trials = (1...3).map { Fixtures.trial(seed: $0) }
    trials[0].summary.gradDecayInit = -.infinity
    trials[1].summary.gradDecayInit = -2
    trials[2].summary.gradDecayInit = -4
    let records = try CSV.parse(AggregateTable.csv(ResultsIndex(trials)), path: "aggregate.csv")
    let rows = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(AggregateTable.header, $0.fields)) }
    let decay = try #require(rows.first { $0["metric"] == "grad_decay_init" })
    #expect(decay["n"] == "3" && decay["dropped"] == "1")
    #expect(decay["mean"] == "-3.0" && decay["min"] == "-4.0" && decay["max"] == "-2.0")
    #expect(abs(Double(decay["std"]!)! - 2.0.squareRoot()) < 1e-15)
    let loss = try #require(rows.first { $0["metric"] == "final_eval_loss" })
    #expect(loss["dropped"] == "0")
  }

  /// The gradient-flow plot's geometric mean cannot take a 0; it leaves it
  /// out and counts it, and the legend says so.
  @Test func flowProfileCountsTheNormsItLeavesOut() throws {
    func flow(_ norms: [Double]) -> [FlowPoint] {
      norms.enumerated().map {
        FlowPoint(step: 0, layer: 0, direction: .forward, timestep: $0.offset + 1, normDh: $0.element, normDc: nil)
      }
    }
    var first = Fixtures.trial(seed: 1), second = Fixtures.trial(seed: 2)
    first.flow = flow([0, 1e-3, 1])
    second.flow = flow([1e-4, 1e-1, 1])
    let (points, dropped) = ReportPlots.profile([first, second], direction: .forward, final: false)
    #expect(dropped.count == 1 && dropped.of == 6)
    #expect(points.map(\.x) == [1, 2, 3])
    #expect(abs(points[0].y - 1e-4) < 1e-18, "only the seed with a value")
    #expect(abs(points[1].y - 1e-2) < 1e-14, "geometric mean of 1e-3 and 1e-1")
    let svg = try #require(Fixtures.render(Fixtures.folder([first, second]))["plots/adding-gradient-flow.svg"])
    #expect(svg.contains("lstm (init): 1 of 6 norms 0 or non-finite, left out of the mean"))
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
