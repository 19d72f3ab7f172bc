import Foundation
import Testing

/// `evaluation: {lengths: …}` through the binary: the error for a task that
/// cannot take it, what `plan` says, and a run that verifies against itself.
@Suite struct LengthEvaluationEndToEndTests {
  static let spec = """
    name: lengths
    seeds: [1, 2]
    tasks:
      - kind: first_symbol
        seq_len: [4, 8]
        evaluation: {lengths: [16, 8]}
    models: [{name: gru, cell: gru, hidden: 4}]
    training: {steps: 6, batch_size: 4, learning_rate: 0.01, eval_every: 3, eval_size: 8, keep: best_val}
    """

  @Test func aTaskWhoseLagDoesNotGrowIsRefusedWithOneLine() throws {
    let path = try RunnerProcess.temporarySpec("""
      name: x
      tasks: [{kind: lookahead, seq_len: [10], evaluation: {lengths: [40]}}]
      models: [{cell: gru, hidden: 4, bidirectional: true}]
      """)
    for command in ["validate", "plan", "run"] {
      let result = try RunnerProcess.run(command, path)
      #expect(result.status == 2, "\(command)")
      #expect(result.stderr == "\(path):2:42: error: 'evaluation' does not apply to task kind 'lookahead': its lag is 'offset', which another length leaves unchanged; give tasks with other offsets instead\n", "\(command)")
    }
  }

  @Test func planListsTheExtraEvaluations() throws {
    let result = try RunnerProcess.run("plan", try RunnerProcess.temporarySpec(Self.spec))
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines[0].hasSuffix("config_hash       eval_lengths  memory"))
    #expect(lines[1].contains("  8 16  "))
    #expect(lines.contains("task first_symbol: after training, every trial is also tested at T = 8, 16 (8 sequences each)"))
  }

  @Test func aRunWritesTheNumbersReportsThemAndVerifies() throws {
    let spec = try RunnerProcess.temporarySpec(Self.spec)
    let out = Scratch()
    defer { out.remove() }
    #expect(try RunnerProcess.run([spec, "--out", out.path, "--quiet", "--jobs", "2"]).status == 0)
    let csv = try String(contentsOfFile: out.path + "/summary.csv", encoding: .utf8)
    #expect(csv.contains(",steps_to_solve,eval_T8_loss,eval_T8_accuracy,eval_T8_solved,eval_T16_loss,"))
    let report = try String(contentsOfFile: out.path + "/report.md", encoding: .utf8)
    #expect(report.contains("| `gru` | T = 4 | "))
    #expect(FileManager.default.fileExists(atPath: out.path + "/plots/first_symbol-tested-lengths.svg"))
    let verify = try RunnerProcess.run(["verify", spec, "--against", out.path, "--jobs", "1"])
    #expect(verify.status == 0)
    #expect(verify.stdout.contains("4 trials: 4 matched (bit-identical)"))
  }
}
