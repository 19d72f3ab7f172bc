import Foundation
import Testing

@testable import RNNLabEngine

/// The peer benchmark scripts (bench/peers/) time the same workloads as
/// `runner bench`, so their tables line up with ours.
@Suite struct PeerWorkloadTests {
  static let workloadsFile = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("bench/peers/workloads.py")

  @Test func peerScriptsListTheReferenceWorkloads() throws {
    let source = try String(contentsOf: Self.workloadsFile, encoding: .utf8)
    // Lines such as: Workload("lstm-200", "lstm", False, 200, 128, 64),
    let pattern = /Workload\("([^"]+)", "([a-z]+)", (True|False), (\d+), (\d+), (\d+)\)/
    let peers = source.matches(of: pattern).map { match in
      "\(match.output.1) \(match.output.2) \(match.output.3 == "True") T=\(match.output.4) H=\(match.output.5) B=\(match.output.6)"
    }
    let ours = TrainingStepBenchmark.referenceWorkloads.map { w in
      "\(w.id) \(w.cell.rawValue) \(w.bidirectional) T=\(w.seqLen) H=\(w.hiddenSize) B=\(w.batch)"
    }
    #expect(peers == ours)
    // The scripts feed two input features, as the workloads do.
    #expect(source.contains("INPUT_SIZE = 2"))
    #expect(TrainingStepBenchmark.referenceWorkloads.allSatisfy { $0.inputSize == 2 })
  }
}
