import Foundation
import RNNLabEngine
import RNNLabRandom
import RNNLabResults
import RNNLabSpec
import RNNLabTestSupport
import Testing
@testable import RNNLabRun

/// `clipped_fraction` in summary.json: the share of updates that clipping
/// changed, null without clipping, carried through checkpoints.
@Suite struct ClippedFractionTests {
  private func summary(_ training: [String: String]) throws -> (TrialSummary, [MetricPoint]) {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let trial = try TinyPlans.trial(model: "{cell: rnn, hidden: 4}", training: ["steps": "20"].merging(training) { $1 })
    let runner = TrialRunner(layout: ResultsLayout(root: folder.url), stop: StopFlag(), progress: nil, isa: "test")
    _ = try runner.run(trial)
    let layout = ResultsLayout(root: folder.url)
    return (try #require(try layout.readSummary(trial: trial.id)), try layout.readMetrics(trial: trial.id))
  }

  @Test func countsTheUpdatesClippingChanged() throws {
    // First the unclipped norms, then a threshold between them so that some
    // updates are clipped and some not.
    let (free, freeMetrics) = try summary(["clip_norm": "null"])
    #expect(free.clippedFraction == nil)
    let norms = freeMetrics.filter { $0.metric == .gradNorm }.map(\.value).sorted()
    #expect(norms.count == 20)
    let threshold = (norms[9] + norms[10]) / 2

    let (some, metrics) = try summary(["clip_norm": String(threshold)])
    let flags = metrics.filter { $0.metric == .clipped }.map(\.value)
    #expect(flags.count == 20)  // log_every 1: one flag per update
    let fraction = try #require(some.clippedFraction)
    #expect(fraction == flags.reduce(0, +) / 20)
    #expect(fraction > 0 && fraction < 1)
    // Clipped exactly when the norm before clipping was above the threshold.
    let above = metrics.filter { $0.metric == .gradNorm && $0.value > threshold }.count
    #expect(fraction == Double(above) / 20)

    let (all, _) = try summary(["clip_norm": "0.000001"])
    #expect(all.clippedFraction == 1)
    let (none, _) = try summary(["clip_norm": "1000000"])
    #expect(none.clippedFraction == 0)
    let (byValue, _) = try summary(["clip_norm": "null", "clip_value": "0.000001"])
    #expect(byValue.clippedFraction == 1)
  }

  @Test func recordingItChangesNoTrainingNumber() throws {
    // The same trial with clipping that never fires and without clipping:
    // identical losses and norms, only the fraction (0 against null) differs.
    let (never, neverMetrics) = try summary(["clip_norm": "1000000"])
    let (off, offMetrics) = try summary(["clip_norm": "null"])
    #expect(never.clippedFraction == 0 && off.clippedFraction == nil)
    #expect(neverMetrics.filter { $0.metric != .clipped } == offMetrics.filter { $0.metric != .clipped })
    #expect(never.finalEvalLoss == off.finalEvalLoss && never.gradNormMean == off.gradNormMean)
  }

  @Test func aCheckpointCarriesTheCountAndRejectsAVersion2File() throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    var record = TrainingRecord()
    record.gradientNorms = [3, 0.5, 2]
    record.clippedSteps = 2
    let checkpoint = TrialCheckpoint(
      trialID: "t", configHash: "h", nextStep: 3, parameters: [1, 2],
      optimizer: OptimizerState(stepCount: 3, buffers: []), data: SeededGenerator(seed: 1), record: record,
      keptParameters: nil)
    var files = CheckpointFiles(folder: folder.url)
    try files.save(checkpoint)
    guard case .usable(let read, _) = files.load(trialID: "t", configHash: "h") else {
      Issue.record("the checkpoint did not load")
      return
    }
    #expect(read.record.clippedSteps == 2 && read.record.gradientNorms == [3, 0.5, 2])
    // The same bytes under the previous header are not trusted.
    let bytes = [UInt8](try Data(contentsOf: files.stateURL))
    let header = TrialCheckpoint.magic, old = Array("RNNLAB-CHECKPOINT-2\n".utf8)
    #expect(Array(bytes.prefix(header.count)) == header)
    try Data(old + bytes.dropFirst(header.count).dropLast(header.count) + old).write(to: files.stateURL)
    guard case .unusable = files.load(trialID: "t", configHash: "h") else {
      Issue.record("a version-2 file was accepted")
      return
    }
  }
}
