import Foundation
import RNNLabResults
import Testing

@testable import RNNLabReport

/// What the report tells a reader beyond the golden files: settings, the
/// headline, honest summaries of infinite and undefined values, and styles
/// that stay distinct with many models.
@Suite struct ReportContentTests {
  /// A lookahead-like task: every trial finished but the forward decay is
  /// undefined (nil); the rnn's decay at T = 50 underflows in 2 of 3 seeds.
  func lookahead() -> ResultsFolder {
    var trials: [TrialResult] = []
    for (position, model) in ["rnn", "lstm"].enumerated() {
      for seed in 1...3 {
        var trial = Fixtures.trial(
          task: "lookahead", model: model, seed: seed, solvedAt: model == "lstm" ? 300 : nil,
          index: position * 3 + seed)
        trial.summary.gradDecayInit = model == "rnn" ? (seed < 3 ? -.infinity : -12.5) : nil
        trial.summary.gradDecayFinal = nil
        trial.config = .object([
          "index": .number(Double(position * 3 + seed)),
          "task": .object(["name": .string("lookahead"), "kind": .string("lookahead"), "offset": .number(5)]),
          "model": .object(["name": .string(model), "cell": .string(model), "input_gate": .bool(model != "lstm")]),
          "training": .object([
            "learning_rate": .number(model == "lstm" ? 0.003 : 0.002), "steps": .number(100),
            "optimizer": .string("adam"), "clip_value": .null,
          ]),
        ])
        trials.append(trial)
      }
    }
    return Fixtures.folder(trials)
  }

  @Test func infinitiesAreCountedAndUndefinedValuesNamed() throws {
    let report = try #require(try Fixtures.render(lookahead())["report.md"])
    #expect(report.contains("| `rnn` | -12.50, −inf in 2/3 |"))
    #expect(report.contains("| `lstm` | undefined (no loss at the last steps) |"))
    #expect(!report.contains("nan"))
    #expect(!report.contains("-inf ±"))
  }

  @Test func decayLegendSaysUndefinedNotUnfinished() throws {
    let svg = try #require(try Fixtures.render(lookahead())["plots/lookahead-gradient-decay.svg"])
    #expect(svg.contains("lstm: undefined (no loss at the last steps)"))
    #expect(!svg.contains("no finished trial"))
    #expect(svg.contains("rnn (init), T = 50: −inf in 2/3, left out of the mean"))
  }

  @Test func settingsComeFromTheTrialConfigs() throws {
    let report = try #require(try Fixtures.render(lookahead())["report.md"])
    #expect(report.contains("| model | optimizer | learning_rate | steps | clip_value |\n"))
    #expect(report.contains("| `rnn` | adam | 0.002 | 100 | null |\n"))
    #expect(report.contains("| `lstm` | adam | 0.003 | 100 | null |\n"))
    #expect(report.contains("| `lookahead` | lookahead | 50 | offset: 5 |\n"))
    // A switch that is off is an option worth naming; one left on is not.
    #expect(report.contains("| `lstm` | lstm | 1 × 16 | no | 1,000 | input_gate: false |\n"))
    #expect(report.contains("| `rnn` | rnn | 1 × 16 | no | 1,000 | — |\n"))
  }

  @Test func headlineGivesLongestLengthSolvedWithSeedCounts() throws {
    var trials: [TrialResult] = []
    for (offset, seqLen) in [25, 50, 100].enumerated() {
      for seed in 1...3 {
        // Solved by every seed at 25, by seeds 1 and 2 at 50, by none at 100.
        let solved = seqLen == 25 || (seqLen == 50 && seed < 3)
        trials.append(
          Fixtures.trial(seqLen: seqLen, model: "lstm", seed: seed, solvedAt: solved ? 80 : nil, index: offset * 6 + seed))
        trials.append(Fixtures.trial(seqLen: seqLen, model: "rnn", seed: seed, index: offset * 6 + 3 + seed))
      }
    }
    let report = try #require(try Fixtures.render(Fixtures.folder(trials))["report.md"])
    #expect(report.contains("| `lstm` | 50: 2/3 (21–94 %) |\n| `rnn` | none: 0/9 (0–30 %) |\n"))
    #expect(report.contains("| `lstm` | 3/3 (44–100 %) | 2/3 (21–94 %) | 0/3 (0–56 %) |\n"))
  }

  /// lstm (reference) solves in all 5 seeds with low losses, rnn in none with
  /// high ones; gru has only 2 seeds.
  func fiveSeeds() -> ResultsFolder {
    var trials: [TrialResult] = []
    for seed in 1...5 {
      let loss = 0.01 * Double(seed)
      trials.append(Fixtures.trial(model: "lstm", seed: seed, loss: loss, solvedAt: 50, index: seed))
      trials.append(Fixtures.trial(model: "rnn", seed: seed, loss: 0.5 + loss, index: 10 + seed))
      if seed <= 2 {
        trials.append(Fixtures.trial(model: "gru", seed: seed, loss: loss, solvedAt: 60, index: 20 + seed))
      }
    }
    return Fixtures.folder(trials)
  }

  @Test func variantsGetPValuesAgainstTheReference() throws {
    let report = try #require(try Fixtures.render(fiveSeeds())["report.md"])
    #expect(report.contains("| model | T | solved | `lstm` solved | p (Fisher) | loss ratio | p (Mann–Whitney) |\n"))
    // 0/5 vs 5/5: Fisher p = 2/C(10, 5); the losses separate completely: U exact p = 2/C(10, 5).
    #expect(report.contains("| `rnn` | 50 | 0/5 (0–43 %) | 5/5 (57–100 %) | 0.0079 * | 17.7× | 0.0079 * |\n"))
    #expect(
      report.contains("| `gru` | 50 | 2/2 (34–100 %) | 5/5 (57–100 %) | too few seeds | 0.500× | too few seeds |\n"))
    #expect(report.contains("No correction for multiple comparisons is applied"))
  }

  @Test func divergedSeedsCountAsTheWorstLoss() throws {
    // Two rnn seeds diverge (no final loss): they rank above every finished
    // loss, so rnn is still significantly worse than lstm.
    var folder = fiveSeeds()
    for index in folder.trials.indices where folder.trials[index].summary.model == "rnn" {
      if folder.trials[index].summary.seed <= 2 {
        folder.trials[index].summary.status = .diverged
        folder.trials[index].summary.finalEvalLoss = nil
      }
    }
    let report = try #require(try Fixtures.render(folder)["report.md"])
    // Ties among the diverged seeds: the normal approximation, scipy 1.17.1
    // mannwhitneyu([.01, .02, .03, .04, .05], [inf, inf, .53, .54, .55]).pvalue = 0.0119252335930176.
    #expect(report.contains("| `rnn` | 50 | 0/5 (0–43 %) | 5/5 (57–100 %) | 0.0079 * | 18.0× | 0.012 * |\n"))
  }

  @Test func configValuesReadLikeTheSpec() {
    #expect(TrialSettings.text(.number(0.002)) == "0.002")
    #expect(TrialSettings.text(.number(2500)) == "2500")
    #expect(TrialSettings.text(.null) == "null")
    #expect(TrialSettings.text(.array([.number(1), .string("a")])) == "[1, a]")
    let objects: [[String: JSONValue]] = [["steps": .number(100)], ["steps": .number(200)], ["steps": .number(100)]]
    #expect(TrialSettings.value("steps", in: objects) == "100 / 200")
  }

  @Test func stylesStayDistinctBeyondEightModels() {
    func key(_ style: LineChart.LineStyle) -> String {
      "\(style.colour) \(style.dash ?? "-") \(String(describing: style.marker))"
    }
    let styles = (0..<96).map { key(Palette.style(position: $0)) }
    #expect(Set(styles).count == 96)
    // Model 9 shares model 1's colour but not its line pattern.
    #expect(Palette.style(position: 8).colour == Palette.style(position: 0).colour)
    #expect(Palette.style(position: 8).dash != Palette.style(position: 0).dash)
    // The backward direction never looks like any forward line.
    let backward = Set((0..<96).map { key(Palette.style(position: $0, backward: true)) })
    #expect(backward.isDisjoint(with: Set(styles)))
  }
}
