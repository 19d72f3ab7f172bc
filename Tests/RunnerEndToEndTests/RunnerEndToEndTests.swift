import Foundation
import Testing

/// The built `runner` binary: output and exit codes of validate, plan, run.
@Suite struct RunnerEndToEndTests {
  @Test func validateAcceptsTheExampleSpecs() throws {
    let result = try RunnerProcess.run("validate", "experiments/long_dep.yaml", "experiments/smoke.yaml")
    #expect(result.status == 0)
    #expect(result.stdout == """
      experiments/long_dep.yaml: ok: 690 trials (15 lengths over 5 tasks × 6 models × 5 or 10 seeds)
      experiments/smoke.yaml: ok: 8 trials (1 task × 2 lengths × 2 models × 2 seeds)

      """)
    #expect(result.stderr == "")
  }

  @Test func validatePrintsEveryErrorAndExits2() throws {
    let path = try RunnerProcess.temporarySpec("""
      name: x
      tasks: [{kind: adding, seq_len: [0]}]
      models: [{cell: lstmm, hidden: 8}]
      training: {stepz: 1}
      """)
    let result = try RunnerProcess.run("validate", "experiments/smoke.yaml", path)
    #expect(result.status == 2)
    #expect(result.stdout == "experiments/smoke.yaml: ok: 8 trials (1 task × 2 lengths × 2 models × 2 seeds)\n")
    #expect(result.stderr == """
      \(path):2:34: error: each of 'seq_len' must be at least 1, got 0
      \(path):3:17: error: unknown cell 'lstmm' (expected one of: rnn, lstm, peephole, cifg, gru); did you mean 'lstm'?
      \(path):4:12: error: unknown key 'stepz' (did you mean 'steps'?)

      """)
  }

  @Test func aBrokenSearchConfigurationStopsValidateAndPlan() throws {
    // The warm-up of configuration c01 is as long as training: refused before anything runs.
    let path = try RunnerProcess.temporarySpec("""
      name: x
      tasks: [{kind: adding, seq_len: [10]}]
      models: [{cell: lstm, hidden: 4, forget_bias: chrono}]
      training: {steps: 10}
      search: {method: grid, space: {training.warmup_steps: [0, 10]}}
      """)
    for command in ["validate", "plan"] {
      let result = try RunnerProcess.run(command, path)
      #expect(result.status == 2, "\(command)")
      #expect(result.stdout == "", "\(command)")
      #expect(result.stderr == "\(path):5:9: error: configuration c01 of model 'lstm': 'warmup_steps' (10) must be fewer than 'steps' (10)\n", "\(command)")
    }
  }

  @Test func validateReportsUnreadablePaths() throws {
    let result = try RunnerProcess.run("validate", "experiments/nope.yaml", "experiments")
    #expect(result.status == 2)
    #expect(result.stderr == """
      experiments/nope.yaml: error: cannot open: no such file or directory
      experiments: error: is a directory, expected a YAML spec file

      """)
  }

  @Test func planAsCSVListsEveryTrialInOrder() throws {
    let committed = try Scratch.copyOfCommittedResults("smoke")
    defer { committed.remove() }
    let result = try RunnerProcess.run("plan", "experiments/smoke.yaml", "--format", "csv", "--out", committed.path)
    #expect(result.status == 0)
    let rows = result.stdout.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    #expect(rows.count == 9)
    #expect(rows[0] == ["index", "trial_id", "task", "seq_len", "model", "cell", "hidden", "layers", "bidirectional",
                        "seed", "steps", "config_hash", "memory", "status"])
    #expect(rows.dropFirst().map { $0[1] } == [
      "adding-T10-rnn-s1", "adding-T10-rnn-s2", "adding-T10-lstm-s1", "adding-T10-lstm-s2",
      "adding-T20-rnn-s1", "adding-T20-rnn-s2", "adding-T20-lstm-s1", "adding-T20-lstm-s2",
    ])
    #expect(rows[1] == ["0", "adding-T10-rnn-s1", "adding", "10", "rnn", "rnn", "8", "1", "false", "1", "20", rows[1][11], rows[1][12], "done"])
    #expect(rows.dropFirst().allSatisfy { $0[11].count == 16 })
    // The estimated peak memory, in bytes: the runner's baseline and a little more.
    #expect(rows.dropFirst().allSatisfy { (Int($0[12]) ?? 0) > 32 << 20 && (Int($0[12]) ?? 0) < 64 << 20 })
    // The status column is there because the results folder exists.
    #expect(result.stderr == "8 trials (1 task × 2 lengths × 2 models × 2 seeds): 8 done\n")
  }

  @Test func planAppliesSetOverrides() throws {
    let committed = try Scratch.copyOfCommittedResults("smoke")
    defer { committed.remove() }
    let result = try RunnerProcess.run(
      "plan", "experiments/smoke.yaml", "--format", "csv", "--out", committed.path, "--set", "training.steps=5",
      "--set", "models.lstm.hidden=32", "--set", "tasks.adding.seq_len=[7]", "--set", "seeds=[9]")
    #expect(result.status == 0)
    #expect(result.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").dropLast(3).joined(separator: ",") } == [
      "0,adding-T7-rnn-s9,adding,7,rnn,rnn,8,1,false,9,5",
      "1,adding-T7-lstm-s9,adding,7,lstm,lstm,32,1,false,9,5",
    ])
    #expect(result.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.hasSuffix(",pending") })
  }

  @Test func planAsJSONIncludesTheResolvedSpec() throws {
    let result = try RunnerProcess.run("plan", "experiments/smoke.yaml", "--format", "json")
    #expect(result.status == 0)
    let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(document["total"] as? Int == 8)
    let spec = try #require(document["spec"] as? [String: Any])
    let training = try #require(spec["training"] as? [String: Any])
    #expect(training["optimizer"] as? String == "adam")  // a default, not in the file
    #expect(training["steps"] as? Int == 20)
  }

  @Test func planTableEndsWithTheTotal() throws {
    let committed = try Scratch.copyOfCommittedResults("long_dep")
    defer { committed.remove() }
    let result = try RunnerProcess.run("plan", "experiments/long_dep.yaml", "--out", committed.path)
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 692)
    // results/long_dep is committed whole, so every trial shows as done there.
    #expect(lines.first?.hasSuffix("  config_hash       memory  status") == true)
    #expect(lines.last == "690 trials (15 lengths over 5 tasks × 6 models × 5 or 10 seeds): 690 done")
  }

  @Test func planShowsWhereEachTrialStandsInAResultsFolder() throws {
    let spec = try RunnerProcess.temporarySpec("""
      name: standing
      seeds: [1, 2]
      tasks: [{kind: adding, seq_len: [6]}]
      models:
        - {name: calm, cell: lstm, hidden: 4}
        - {name: wild, cell: rnn, hidden: 4, training: {learning_rate: 100.0, optimizer: sgd, clip_norm: null}}
      training: {steps: 20, batch_size: 4, eval_every: 5, eval_size: 8}
      """)
    let out = Scratch()
    defer { out.remove() }
    let before = try RunnerProcess.run("plan", spec, "--out", out.path, "--format", "csv")
    #expect(before.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.hasSuffix(",pending") })
    #expect(before.stderr == "4 trials (1 task × 1 length × 2 models × 2 seeds): 4 pending\n")
    #expect(try RunnerProcess.run([spec, "--out", out.path, "--quiet", "--set", "seeds=[1]"]).status == 1)
    try FileManager.default.removeItem(atPath: out.path + "/trials/adding-T6-calm-s1/summary.json")
    let after = try RunnerProcess.run("plan", spec, "--out", out.path)
    #expect(after.status == 0)
    let status = after.stdout.split(separator: "\n").dropFirst().dropLast().map { $0.split(separator: " ").last! }
    #expect(status == ["interrupted", "pending", "diverged", "pending"])
    #expect(after.stdout.hasSuffix("4 trials (1 task × 1 length × 2 models × 2 seeds): 1 diverged, 1 interrupted, 2 pending\n"))
    let changed = try RunnerProcess.run("plan", spec, "--out", out.path, "--set", "training.steps=21", "--format", "json")
    let document = try #require(try JSONSerialization.jsonObject(with: Data(changed.stdout.utf8)) as? [String: Any])
    let trials = try #require(document["trials"] as? [[String: Any]])
    #expect(trials.map { $0["status"] as? String } == ["interrupted", "pending", "changed", "pending"])
  }

  @Test func badOverrideIsOneLineAndExit2() throws {
    let result = try RunnerProcess.run("plan", "experiments/smoke.yaml", "--set", "training.stepz=3")
    #expect(result.status == 2)
    #expect(result.stdout == "")
    #expect(result.stderr == "--set training.stepz=3: error: unknown key 'stepz' (did you mean 'steps'?)\n")
  }

  @Test func usageErrorsExit2WithOneLine() throws {
    for arguments in [["plan", "--frob", "experiments/smoke.yaml"], ["plan"], ["plan", "experiments/smoke.yaml", "--format", "xml"]] {
      let result = try RunnerProcess.run(arguments)
      #expect(result.status == 2, "\(arguments)")
      #expect(result.stderr.hasPrefix("runner: error: "), "\(arguments)")
      #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments)")
    }
    let unknown = try RunnerProcess.run(["plan", "--frob", "experiments/smoke.yaml"])
    #expect(unknown.stderr == "runner: error: Unknown option '--frob' (see 'runner help')\n")
  }

  @Test func helpAndVersionExit0() throws {
    let help = try RunnerProcess.run(["--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("USAGE: runner <subcommand>"))
    #expect(help.stdout.contains("validate"))
    let planHelp = try RunnerProcess.run(["plan", "--help"])
    #expect(planHelp.status == 0)
    #expect(planHelp.stdout.contains("--set <path=value>"))
    let version = try RunnerProcess.run(["--version"])
    #expect(version.status == 0 && version.stdout == "0.1.0\n")
  }

  @Test func helpTextsAgreeOnExitCodesAndShowExamples() throws {
    func help(_ arguments: [String]) throws -> String {
      let result = try RunnerProcess.run(arguments + ["--help"])
      #expect(result.status == 0, "\(arguments)")
      // Undo the 80-column wrapping so phrases can be matched whole.
      return result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
    let codes = "3 internal error (a bug, or a file that could not be written), 130 interrupted (Ctrl-C or SIGTERM)."
    for command in [[], ["run"], ["verify"]] {
      #expect(try help(command).contains(codes), "\(command)")
    }
    let run = try help(["run"])
    #expect(run.contains("Examples: # 8 tiny trials, about a second: runner experiments/smoke.yaml"))
    let verify = try help(["verify"])
    #expect(verify.components(separatedBy: "0.001").count == 2, "the default tolerance is printed once")
  }

  @Test func runReportsAMissingSpecAsBadInput() throws {
    // Training itself is covered in RunCommandEndToEndTests.
    let invalid = try RunnerProcess.run(["experiments/nope.yaml"])
    #expect(invalid.status == 2)
    #expect(invalid.stderr == "experiments/nope.yaml: error: cannot open: no such file or directory\n")
  }

  @Test func hostileInputNeverCrashes() throws {
    let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    let bomb = (["a: &a [x, x, x, x, x, x, x, x, x]"] + zip("bcdefghij", "abcdefghi").map { name, previous in
      "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]"
    }).joined(separator: "\n")
    for text in ["", "\u{0}\u{1}\u{2}", "a: " + deep, bomb, "x: 1e999", "- [", "name: x\nname: y", "\t\ta: 1"] {
      let path = try RunnerProcess.temporarySpec(text)
      let result = try RunnerProcess.run(["validate", path])
      #expect(result.status == 2, "\(text.prefix(20))")
      let lines = result.stderr.split(separator: "\n")
      #expect(!lines.isEmpty && lines.allSatisfy { $0.hasPrefix(path + ":") }, "\(text.prefix(20))")
    }
  }
}
