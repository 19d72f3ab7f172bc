import Foundation
@testable import RNNLabResults

/// Small builders for test values.
enum TestData {
  /// A plausible finished trial summary; override what a test is about.
  static func summary(
    id: String = "adding-T100-lstm-s1", status: TrialStatus = .done, loss: Double? = 0.0042,
    accuracy: Double? = nil, bidirectional: Bool = false
  ) -> TrialSummary {
    TrialSummary(
      trialId: id, configHash: "9f2c4e1ab03d77e5", status: status, task: "adding", taskKind: "adding",
      seqLen: 100, model: "lstm", cell: "lstm", hidden: 64, layers: 1, bidirectional: bidirectional, seed: 1,
      steps: 2000, stepsCompleted: status == .done ? 2000 : 730, parameterCount: 17_217,
      finalEvalLoss: loss, finalEvalAccuracy: accuracy, baseline: 1.0 / 6.0, solved: status == .done,
      stepsToSolve: status == .done ? 1300 : nil, gradNormInit: 0.0812, gradNormMean: 0.3140000000000001, clippedFraction: 0.25,
      gradDecayInit: -1.2345678901234567, gradDecayFinal: status == .done ? -0.44 : nil,
      gradDecayInitBackward: bidirectional ? -0.98 : nil, gradDecayFinalBackward: bidirectional ? -0.41 : nil,
      divergedAtStep: status == .diverged ? 730 : nil,
      error: status == .failed ? "engine: out of memory, \"backward\" cache" : nil,
      wallSeconds: 12.5, stepsPerSecond: 160.0, isa: "avx512")
  }

  /// A fresh folder under the temporary directory.
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-results-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
