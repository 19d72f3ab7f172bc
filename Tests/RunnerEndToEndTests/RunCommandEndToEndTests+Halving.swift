import Foundation
import RNNLabTestSupport
import Testing

/// Successive halving through the built binary: the same folder with any
/// `--jobs`, with shards, and after kill -9 at any moment; a promoted trial
/// equals the same trial trained straight through.
extension RunCommandEndToEndTests {
  static let halving = """
    name: halving
    seeds: [1, 2]
    tasks: [{kind: adding, seq_len: [10]}]
    search:
      method: halving
      samples: 5
      seed: 3
      eta: 2
      min_steps: 20
      space: {training.learning_rate: {log_uniform: [1.0e-3, 3.0e-2]}}
    models: [{name: rnn, cell: rnn, hidden: 8}, {name: lstm, cell: lstm, hidden: 8}]
    training: {steps: 80, batch_size: 8, eval_every: 10, eval_size: 16, val_size: 16, keep: best_val, checkpoint_every: 5}
    """

  @Test func aHalvingSearchIsTheSameWithAnyJobsShardsOrKills() throws {
    let spec = try RunnerProcess.temporarySpec(Self.halving)
    let one = Scratch(), two = Scratch(), sharded = Scratch(), killed = Scratch(), straight = Scratch()
    defer { [one, two, sharded, killed, straight].forEach { $0.remove() } }
    let first = try RunnerProcess.run([spec, "--out", one.path, "--jobs", "1"])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("20 trials: 8 done, 12 pruned"), "\(first.stdout)")
    let expected = try TrialFiles(one.path)
    // The report's rung table: every configuration, where it ended, the two selected.
    let report = try String(contentsOfFile: "\(one.path)/report.md", encoding: .utf8)
    let rungRows = report.split(separator: "\n").filter { $0.hasPrefix("| `") && $0.contains(" → ") || $0.contains("pruned at") }
    #expect(report.contains("#### Rungs\n") && report.contains("| model | T | config | val loss at 20 | val loss at 40 | end |"))
    #expect(rungRows.filter { $0.contains("pruned at") }.count == 6)  // 12 pruned trials, 2 seeds each
    #expect(rungRows.filter { $0.hasSuffix("| finished, selected |") }.count == 2)
    #expect(try RunnerProcess.run([spec, "--out", two.path, "--jobs", "2", "--quiet"]).status == 0)
    #expect(try TrialFiles(two.path) == expected)

    // Shards take turns: each trains its rung and waits for the other's.
    var rounds = 0
    repeat {
      for shard in ["0/2", "1/2"] {
        let run = try RunnerProcess.run([spec, "--out", sharded.path, "--shard", shard, "--quiet", "--no-report"])
        #expect(run.status == 0, "\(run.stderr)")
      }
      rounds += 1
    } while try TrialFiles.finishedCount(sharded.path) < 20 && rounds < 10
    #expect(rounds > 1, "a rung needs the other shard's trials")
    #expect(try TrialFiles(sharded.path) == expected)

    // Killed at a spread of moments, mid-rung and between rungs, then resumed.
    for delay in [150_000, 400_000, 900_000] as [useconds_t] {
      let running = try BackgroundRunner([spec, "--out", killed.path, "--jobs", "2", "--quiet"])
      usleep(delay)
      running.kill(SIGKILL)
      _ = try running.wait()
    }
    #expect(try RunnerProcess.run([spec, "--out", killed.path, "--quiet"]).status == 0)
    #expect(try TrialFiles(killed.path) == expected)

    // `verify` replays sampled trials through their recorded rungs, pruned ones included.
    let verified = try RunnerProcess.run(["verify", spec, "--against", one.path, "--sample", "20"])
    #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    #expect(verified.stdout.contains("20 trials: 20 matched (bit-identical)"), "\(verified.stdout)")

    // A promoted trial is the trial a random search trains straight through.
    let random = try RunnerProcess.temporarySpec(
      Self.halving.replacingOccurrences(of: "method: halving", with: "method: random")
        .replacingOccurrences(of: "  eta: 2\n  min_steps: 20\n", with: ""))
    let straightRun = try RunnerProcess.run([random, "--out", straight.path, "--quiet"])
    #expect(straightRun.status == 0, "\(straightRun.stderr)")
    let promoted = expected.files.keys.filter { $0.hasSuffix("/summary.json") }.filter {
      String(decoding: expected.files[$0]!, as: UTF8.self).contains("\"status\" : \"done\"")
    }.map { $0.replacingOccurrences(of: "/summary.json", with: "") }
    #expect(promoted.count == 8)
    let reference = try TrialFiles(straight.path)
    for id in promoted {
      for name in ["metrics.csv", "gradient_flow.csv"] {
        #expect(expected.files["\(id)/\(name)"] == reference.files["\(id)/\(name)"], "\(id)/\(name)")
      }
    }
  }
}
