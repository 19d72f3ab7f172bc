import Foundation
import Testing

@testable import RNNLabResults

/// What `ResultsFolder.load` keeps of `gradient_flow.csv`: steps 0 and the
/// last, every timestep of short curves, a stride plus both ends of long ones;
/// read in blocks, with the same one-line errors as reading it whole.
@Suite struct FlowSnapshotsTests {
  /// Snapshots at `steps` of one layer and direction, timesteps 1…T.
  static func rows(seqLen: Int, steps: [Int]) -> [FlowPoint] {
    steps.flatMap { step in
      (1...seqLen).map {
        FlowPoint(step: step, layer: 0, direction: .forward, timestep: $0, normDh: Double($0) * 1e-3 + Double(step), normDc: nil)
      }
    }
  }

  func write(_ text: String) throws -> URL {
    let url = try TestData.temporaryFolder().appendingPathComponent("gradient_flow.csv")
    try AtomicFile.write(text, to: url)
    return url
  }

  @Test func shortCurvesKeepEveryTimestepOfTheFirstAndLastSnapshot() throws {
    let all = Self.rows(seqLen: 300, steps: [0, 50, 100])
    let url = try write(FlowPoint.csv(all))
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    #expect(try FlowSnapshots.read(url, seqLen: 300) == all.filter { $0.step != 50 })
  }

  @Test func longCurvesKeepAtMostTheCapWithBothEnds() throws {
    let seqLen = 100_003  // several read blocks
    let url = try write(FlowPoint.csv(Self.rows(seqLen: seqLen, steps: [0, 7])))
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    let kept = try FlowSnapshots.read(url, seqLen: seqLen)
    for step in [0, 7] {
      let timesteps = kept.filter { $0.step == step }.map(\.timestep)
      #expect(timesteps.count <= FlowSnapshots.maxTimesteps && timesteps.count > FlowSnapshots.maxTimesteps * 9 / 10)
      #expect(timesteps.first == 1 && timesteps.last == seqLen)
      let strides = Set(zip(timesteps, timesteps.dropFirst()).dropLast().map { $1 - $0 })
      #expect(strides.count == 1, "one stride between the ends: \(strides)")
    }
    #expect(kept.first { $0.timestep == seqLen && $0.step == 7 }?.normDh == Double(seqLen) * 1e-3 + 7)
  }

  @Test func errorsNameTheLineAcrossBlocks() throws {
    var text = FlowPoint.csv(Self.rows(seqLen: 50_000, steps: [0]))
    text += "0,0,forward,50001,oops,\n"
    let url = try write(text)
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    #expect(throws: ResultsError(path: url.path, line: 50_002, column: 19, message: "norm_dh 'oops' is not a number")) {
      try FlowSnapshots.read(url, seqLen: 50_001)
    }
    try AtomicFile.write("", to: url)
    #expect(throws: ResultsError.self) { try FlowSnapshots.read(url, seqLen: 1) }
    try AtomicFile.write("step,layer\n", to: url)
    #expect(throws: ResultsError.self) { try FlowSnapshots.read(url, seqLen: 1) }
  }
}
