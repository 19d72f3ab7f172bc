import Foundation
import RNNLabResults
import Testing

@testable import RNNLabReport

/// The trained-at T → tested-at T′ table and plot.
@Suite struct LengthReportTests {
  /// lstm and rnn trained at T = 50 and 100 (3 seeds), tested at 100 and 400;
  /// the rnn's third seed at T = 100 diverged; accuracies are chosen to give round statistics.
  func folder(accuracy: Bool) -> ResultsFolder {
    var trials: [TrialResult] = []
    for model in ["lstm", "rnn"] {
      for seqLen in [50, 100] {
        for seed in 1...3 {
          let diverged = model == "rnn" && seqLen == 100 && seed == 3
          var trial = Fixtures.trial(
            task: "copy", seqLen: seqLen, model: model, seed: seed, status: diverged ? .diverged : .done)
          let good = model == "lstm" ? 1.0 : 0.5
          trial.summary.evalLengths = [100, 400].map { length in
            guard !diverged else { return LengthEvaluation(seqLen: length, loss: nil, accuracy: nil, solved: false) }
            // lstm: 1.0 everywhere but seed 3 at T′ = 400 (0.7); rnn: 0.5 ± seed·0.1.
            let value = model == "lstm" ? (length == 400 && seed == 3 ? 0.7 : good) : good + Double(seed - 2) / 10
            return LengthEvaluation(
              seqLen: length, loss: 1 - value, accuracy: accuracy ? value : nil, solved: value >= 0.99)
          }
          trials.append(trial)
        }
      }
    }
    return Fixtures.folder(trials)
  }

  @Test func theTableHasARowPerModelAndTrainingLengthAndAColumnPerTestedLength() throws {
    let report = try #require(try Fixtures.render(folder(accuracy: true))["report.md"])
    #expect(report.contains("### Trained at T → tested at T′"))
    #expect(report.contains("the accuracy as mean ± std over the finished seeds"))
    #expect(report.contains("| model | trained at | tested at T′ = 100 | tested at T′ = 400 |"))
    #expect(report.contains("| `lstm` | T = 50 | 1.000 ± 0.000, solved 3/3 | 0.900 ± 0.173, solved 2/3 |"))
    #expect(report.contains("| `rnn` | T = 50 | 0.500 ± 0.100, solved 0/3 | 0.500 ± 0.100, solved 0/3 |"))
    // The diverged seed counts as unsolved and is left out of the mean (as in every table).
    #expect(report.contains("| `rnn` | T = 100 | 0.450 ± 0.071 (1 diverged), solved 0/3 |"))
    let plot = try #require(try Fixtures.render(folder(accuracy: true))["plots/copy-tested-lengths.svg"])
    #expect(plot.contains("trained at T = 50") && plot.contains("trained at T = 100"))
    #expect(plot.contains("tested length T′") && plot.contains(">accuracy<"))
    #expect(report.contains("![copy: trained at T, tested at T′](plots/copy-tested-lengths.svg)"))
  }

  @Test func regressionTasksShowTheLoss() throws {
    let files = try Fixtures.render(folder(accuracy: false))
    let report = try #require(files["report.md"])
    #expect(report.contains("the loss as mean ± std"))
    #expect(report.contains("| `rnn` | T = 50 | 0.500 ± 0.100, solved 0/3 |"))
    #expect(try #require(files["plots/copy-tested-lengths.svg"]).contains(">loss<"))
  }

  @Test func foldersWithoutTheKeyGetNeitherTableNorPlot() throws {
    var plain = folder(accuracy: true)
    for index in plain.trials.indices { plain.trials[index].summary.evalLengths = nil }
    let files = try Fixtures.render(plain)
    #expect(!(files["report.md"] ?? "").contains("tested at T′"))
    #expect(files.keys.allSatisfy { !$0.contains("tested-lengths") })
    #expect(!(files["summary.csv"] ?? "").contains("eval_T"))
  }
}
