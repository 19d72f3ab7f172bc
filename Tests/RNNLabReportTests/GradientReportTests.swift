import Foundation
import RNNLabResults
import Testing

@testable import RNNLabReport

/// The report's parts on exploding gradients and depth: the clipping table,
/// the gradient at initialisation against length and the per-layer decay.
@Suite struct GradientReportTests {
  /// Step-0 flow of a `layers`-layer forward model: layer l's norm at t is
  /// `top[l] · rate^(T − t)`, so its decay is (T − 1) · log10(rate).
  static func flow(seqLen: Int, layers: Int, rate: Double, h1: Double? = nil) -> [FlowPoint] {
    (0..<layers).flatMap { layer in
      (1...seqLen).map { t in
        let norm = t == 1 && layer == layers - 1 && h1 != nil
          ? h1! : 0.1 * pow(rate, Double(seqLen - t)) * pow(0.5, Double(layers - 1 - layer))
        return FlowPoint(step: 0, layer: layer, direction: .forward, timestep: t, normDh: norm, normDc: nil)
      }
    }
  }

  /// An `rnn` clipped at 1 and an `rnn-noclip`, 3 seeds at T = 10 and 40;
  /// the unclipped model diverges in 2 seeds at T = 40, and its seed 1's
  /// gradient at h_1 underflows to 0 there.
  func clippingFolder() -> ResultsFolder {
    var trials: [TrialResult] = []
    var index = 0
    for (model, clip) in [("rnn", true), ("rnn-noclip", false)] {
      for seqLen in [10, 40] {
        for seed in 1...3 {
          let diverged = !clip && seqLen == 40 && seed > 1
          var trial = Fixtures.trial(
            seqLen: seqLen, model: model, cell: "rnn", seed: seed, status: diverged ? .diverged : .done, index: index)
          trial.summary.clippedFraction = clip ? Double(seed) / 10 : nil
          trial.summary.gradNormInit = seqLen == 10 ? 0.5 : 4
          let underflow = !clip && seqLen == 40 && seed == 1
          trial.flow = Self.flow(seqLen: seqLen, layers: 1, rate: 1.2, h1: underflow ? 0 : nil)
          trial.config = .object([
            "index": .number(Double(index)),
            "training": .object(["clip_norm": clip ? .number(1) : .null, "clip_value": .null]),
          ])
          trials.append(trial)
          index += 1
        }
      }
    }
    return Fixtures.folder(trials)
  }

  @Test func clippingTableGivesTheShareAndTheDivergedTrials() throws {
    let report = try #require(try Fixtures.render(clippingFolder())["report.md"])
    #expect(report.contains("### Clipped updates and diverged trials"))
    // (0.1 + 0.2 + 0.3) / 3 at both lengths for the clipped model.
    #expect(report.contains("| `rnn` | 0.20 · 0/3 diverged | 0.20 · 0/3 diverged |"))
    #expect(report.contains("| `rnn-noclip` | no clipping · 0/3 diverged | no clipping · 2/3 diverged |"))
  }

  @Test func noClippingTableWithoutClippingDataOrDivergence() throws {
    let trials = [Fixtures.trial(model: "lstm"), Fixtures.trial(model: "gru", index: 1)]
    let report = try #require(try Fixtures.render(Fixtures.folder(trials))["report.md"])
    #expect(!report.contains("Clipped updates"))
    #expect(!report.contains("per layer"))
  }

  @Test func gradientAtInitUsesDivergedSeedsAndCountsUnderflows() throws {
    let files = try Fixtures.render(clippingFolder())
    let h1 = try #require(files["plots/adding-grad-h1-init.svg"])
    // Seed 1 underflowed, seeds 2 and 3 diverged later but measured step 0:
    // the zero is named, the other two make the mean.
    #expect(h1.contains("rnn-noclip, T = 40: 0 in 1/3, left out of the mean"))
    #expect(!h1.contains("rnn, T = 40:"))
    #expect(try #require(files["report.md"]).contains("(plots/adding-grad-norm-init.svg)"))

    var trials = clippingFolder().trials
    let noclip40 = trials.filter { $0.summary.model == "rnn-noclip" && $0.summary.seqLen == 40 }
    #expect(noclip40.compactMap(ReportPlots.firstStepGradient) == [0, 0.1 * pow(1.2, 39), 0.1 * pow(1.2, 39)])
    let values = InitialValues(noclip40, ReportPlots.firstStepGradient)
    #expect(values.kept.count == 2 && values.zeros == 1 && values.droppedNote == "0 in 1/3")
    let mean = try #require(values.geometricMean)
    #expect(abs(mean / (0.1 * pow(1.2, 39)) - 1) < 1e-12)

    // Every seed underflowed: no point, and the note says it is not shown.
    for i in trials.indices where trials[i].summary.model == "rnn-noclip" && trials[i].summary.seqLen == 40 {
      trials[i].flow = Self.flow(seqLen: 40, layers: 1, rate: 1.2, h1: 0)
    }
    let all = try #require(try Fixtures.render(Fixtures.folder(trials))["plots/adding-grad-h1-init.svg"])
    #expect(all.contains("rnn-noclip, T = 40: 0 in 3/3, not shown"))
  }

  @Test func perLayerDecayOfStackedModels() throws {
    var trials: [TrialResult] = []
    for (index, (model, layers)) in [("lstm1", 1), ("lstm3", 3)].enumerated() {
      for seed in 1...2 {
        var trial = Fixtures.trial(seqLen: 11, model: model, cell: "lstm", seed: seed, index: index * 2 + seed)
        trial.summary.layers = layers
        trial.flow = Self.flow(seqLen: 11, layers: layers, rate: 0.1)
        trials.append(trial)
      }
    }
    // The bottom layer of seed 2 underflowed at h_1.
    if let i = trials.lastIndex(where: { $0.summary.model == "lstm3" }) {
      trials[i].flow = trials[i].flow.map {
        var point = $0
        if point.layer == 0 && point.timestep == 1 { point.normDh = 0 }
        return point
      }
    }
    let report = try #require(try Fixtures.render(Fixtures.folder(trials))["report.md"])
    #expect(report.contains("### Gradient decay per layer at initialisation"))
    // Ten steps at 0.1 per step: a decay of −10 in every layer.
    #expect(report.contains("| `lstm3` | 1 (bottom) | -10.00, −inf in 1/2 |"))
    #expect(report.contains("| `lstm3` | 2 | -10.00 ± 0.00 |"))
    #expect(report.contains("| `lstm3` | 3 (top) | -10.00 ± 0.00 |"))
    #expect(!report.contains("| `lstm1` | 1"))
  }
}
