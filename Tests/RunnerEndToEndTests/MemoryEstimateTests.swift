import Foundation
import Testing

/// `runner plan`'s memory estimate against the peak RSS of a real run of the
/// same trial (VmHWM, read through getrusage of a python3 parent that has
/// no other child): within ±25 %. The shapes keep compute small and buffers
/// large (one step, one evaluation sequence), so the sequence caches dominate.
@Suite struct MemoryEstimateTests {
  static func spec(_ name: String, task: String, seqLen: Int, cell: String, bidirectional: Bool, batch: Int) -> String {
    """
    name: \(name)
    seeds: [1]
    tasks: [{kind: \(task), seq_len: [\(seqLen)]}]
    models: [{name: m, cell: \(cell), hidden: 8, bidirectional: \(bidirectional)}]
    training: {steps: 1, batch_size: \(batch), eval_every: 1, eval_size: 1}
    """
  }

  @Test(
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")),
    arguments: [
      spec("rnn", task: "adding", seqLen: 1000, cell: "rnn", bidirectional: false, batch: 512),
      spec("gru", task: "copy", seqLen: 250, cell: "gru", bidirectional: true, batch: 512),
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
    #expect(abs(estimate - peak) <= 0.25 * peak, "estimate \(estimate), peak RSS \(peak)")
  }
}
