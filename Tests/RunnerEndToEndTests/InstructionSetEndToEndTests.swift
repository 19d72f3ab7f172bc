import Foundation
import Testing

/// The same small training on every instruction-set path this machine runs
/// (the widest, and each narrower one forced with RNNLAB_ISA) gives the same
/// bits in every file a trial writes; the path itself is recorded.
@Suite(.serialized) struct InstructionSetEndToEndTests {
  /// lstm, a two-layer gru (its upper layer's input projection and weight
  /// gradients are whole-sequence GEMMs), peephole, cifg, birnn and an LSTM
  /// wide enough (H = 130) for the one-GEMM ∂L/∂W_hh; regression (adding)
  /// and classification (copy) losses; Adam with clipping.
  static let spec = """
    name: isa
    seeds: [3]
    tasks:
      - {kind: adding, seq_len: [12]}
      - {kind: copy, seq_len: [6]}
    models:
      - {name: lstm, cell: lstm, hidden: 20}
      - {name: gru2, cell: gru, hidden: 20, layers: 2}
      - {name: peephole, cell: peephole, hidden: 12}
      - {name: cifg, cell: cifg, hidden: 12}
      - {name: birnn, cell: rnn, hidden: 17, bidirectional: true}
      - {name: wide, cell: lstm, hidden: 130}
    training:
      steps: 5
      batch_size: 7
      optimizer: adam
      learning_rate: 0.01
      clip_norm: 1.0
      eval_every: 2
      eval_size: 8
    """

  static let paths = ["avx512", "avx2", "baseline"]

  @Test func everyPathGivesTheSameBits() throws {
    let spec = try RunnerProcess.temporarySpec(Self.spec)
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("runner-e2e-isa-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    var folders: [String: URL] = [:]
    for path in Self.paths {
      let out = root.appendingPathComponent(path)
      var environment = ["RNNLAB_ISA": path]
      // Baseline stands for a CPU without FMA: make glibc pick its non-FMA
      // libm variants too (log, cos, pow, logf), as it would there.
      if path == "baseline" { environment["GLIBC_TUNABLES"] = "glibc.cpu.hwcaps=-AVX2,-FMA,-AVX2_Usable,-FMA_Usable" }
      let result = try RunnerProcess.run([spec, "--out", out.path, "--quiet"], environment: environment)
      if result.status == 2, result.stderr.contains("does not support") { continue }  // not on this CPU
      #expect(result.status == 0, "\(path): \(result.stderr)")
      folders[path] = out
    }
    #expect(folders["baseline"] != nil && folders.count >= 2, "this CPU should run baseline and a vector path")
    let trials = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("baseline/trials").path).sorted()
    #expect(trials.count == 12)
    let reference = try #require(folders[Self.paths.first { folders[$0] != nil }!])
    for (path, folder) in folders {
      #expect(try Self.recordedPath(folder.appendingPathComponent("manifest.json")) == path)
      for trial in trials {
        let files = ["metrics.csv", "gradient_flow.csv", "weights.safetensors"]
        for file in files {
          let a = try Data(contentsOf: reference.appendingPathComponent("trials/\(trial)/\(file)"))
          let b = try Data(contentsOf: folder.appendingPathComponent("trials/\(trial)/\(file)"))
          #expect(!a.isEmpty && a == b, "\(trial)/\(file) differs on \(path)")
        }
        let summary = folder.appendingPathComponent("trials/\(trial)/summary.json")
        #expect(try Self.recordedPath(summary) == path)
        #expect(
          try Self.resultLines(summary) == Self.resultLines(reference.appendingPathComponent("trials/\(trial)/summary.json")),
          "\(trial)/summary.json differs on \(path)")
      }
    }
  }

  @Test func anUnknownPathIsBadInput() throws {
    let result = try RunnerProcess.run(["validate", "experiments/smoke.yaml"], environment: ["RNNLAB_ISA": "sse9"])
    #expect(result.status == 2)
    #expect(result.stderr == "RNNLAB_ISA: error: unknown instruction set 'sse9' (expected one of avx512, avx2, baseline)\n")
  }

  /// The `isa` a summary.json or manifest.json records.
  static func recordedPath(_ url: URL) throws -> String? {
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
    return object?["isa"] as? String
  }

  /// summary.json without the lines that are not results (timings, path).
  static func resultLines(_ url: URL) throws -> [String] {
    try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init).filter { line in
      !["\"isa\"", "\"wall_seconds\"", "\"steps_per_second\""].contains { line.trimmingCharacters(in: .whitespaces).hasPrefix($0) }
    }
  }
}
