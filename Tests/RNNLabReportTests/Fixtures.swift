import Foundation
import RNNLabResults

@testable import RNNLabReport

/// Hand-made trials for tests that need exact numbers.
enum Fixtures {
  static func trial(
    task: String = "adding", seqLen: Int = 50, model: String = "lstm", cell: String? = nil, seed: Int = 1,
    status: TrialStatus = .done, loss: Double? = 0.1, solvedAt: Int? = nil, index: Int? = nil,
    bidirectional: Bool = false, evalLosses: [Double] = []
  ) -> TrialResult {
    let id = "\(task)-T\(seqLen)-\(model)-s\(seed)"
    let summary = TrialSummary(
      trialId: id, configHash: "hash-\(id)", status: status, task: task, taskKind: task, seqLen: seqLen,
      model: model, cell: cell ?? model, hidden: 16, layers: 1, bidirectional: bidirectional, seed: seed,
      steps: 100, stepsCompleted: status == .done ? 100 : 40, parameterCount: 1000,
      finalEvalLoss: status == .done ? loss : nil, baseline: 1.0 / 6.0, solved: solvedAt != nil,
      stepsToSolve: solvedAt, gradNormInit: 0.5, gradNormMean: 0.25, gradDecayInit: -1, gradDecayFinal: -0.5,
      gradDecayInitBackward: bidirectional ? -0.8 : nil, gradDecayFinalBackward: bidirectional ? -0.4 : nil,
      divergedAtStep: status == .diverged ? 40 : nil, error: status == .failed ? "boom" : nil,
      wallSeconds: 1, stepsPerSecond: 100, isa: "avx512")
    let metrics = evalLosses.enumerated().map {
      MetricPoint(step: $0.offset * 10, split: .eval, metric: .loss, value: $0.element)
    }
    return TrialResult(
      id: id, config: index.map { .object(["index": .number(Double($0))]) }, summary: summary, metrics: metrics,
      flow: [])
  }

  static func folder(_ trials: [TrialResult], spec: String? = nil) -> ResultsFolder {
    ResultsFolder(
      layout: ResultsLayout(root: URL(fileURLWithPath: "/tmp/rnnlab-fixture")), manifest: nil, specText: spec,
      trials: trials, incompleteTrialIDs: [])
  }

  /// The rendered files of `folder` by path.
  static func render(_ folder: ResultsFolder, compareTo: String? = nil) throws -> [String: String] {
    let files = try Reporter(folder: folder, compareTo: compareTo).render()
    return Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) })
  }
}
