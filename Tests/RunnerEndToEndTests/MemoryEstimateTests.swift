import Foundation
import Testing

/// `runner plan`'s memory estimate against the peak RSS of a real run of the
/// same trial (VmHWM, read through getrusage of a python3 parent that has
/// no other child): never below 80 % of it, never above 150 % (the grid in
/// docs/faults.md has ratios 1.01–1.13). The shapes keep compute small and
/// buffers large (one step), so the sequence caches dominate; the third
/// probes a whole training batch, whose float64 copy of the network the
/// estimate once left out (59 MiB then, now 116 MiB).
@Suite struct MemoryEstimateTests {
  static func spec(
    _ name: String, task: String, seqLen: Int, cell: String, bidirectional: Bool, batch: Int, evalSize: Int = 1
  ) -> String {
    """
    name: \(name)
    seeds: [1]
    tasks: [{kind: \(task), seq_len: [\(seqLen)]}]
    models: [{name: m, cell: \(cell), hidden: 8, bidirectional: \(bidirectional)}]
    training: {steps: 1, batch_size: \(batch), eval_every: 1, eval_size: \(evalSize)}
    """
  }

  @Test(
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")),
    arguments: [
      spec("rnn", task: "adding", seqLen: 1000, cell: "rnn", bidirectional: false, batch: 512),
      spec("gru", task: "copy", seqLen: 250, cell: "gru", bidirectional: true, batch: 512),
      spec("probe", task: "adding", seqLen: 400, cell: "lstm", bidirectional: false, batch: 256, evalSize: 256),
      // Tested at 400 times the training length: the buffers grow to it.
      spec("lengths", task: "adding", seqLen: 10, cell: "lstm", bidirectional: false, batch: 128, evalSize: 128)
        .replacingOccurrences(of: "seq_len: [10]}", with: "seq_len: [10], evaluation: {lengths: [4000]}}"),
    ])
  func estimateIsWithinAQuarterOfThePeakRSS(text: String) throws {
    let spec = try RunnerProcess.temporarySpec(text), out = Scratch()
    defer { out.remove() }
    let plan = try RunnerProcess.run(["plan", spec, "--format", "csv"])
    let estimate = try #require(Double(String(plan.stdout.split(separator: "\n")[1].split(separator: ",").last!)))
    let measure = "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); "
      + "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)"
    let run = try RunnerProcess.execute(
      URL(fileURLWithPath: "/usr/bin/python3"),
      ["-c", measure, RunnerProcess.executable.path, spec, "--out", out.path, "--jobs", "1", "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    let peak = try #require(Double(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    #expect(estimate > 64 * 1_048_576, "the shape is large enough to be measured")
    #expect(estimate >= 0.8 * peak && estimate <= 1.5 * peak, "estimate \(estimate), peak RSS \(peak)")
  }
}
