import Foundation
import Testing

/// `runner report` and `runner compare` through the built binary.
@Suite struct ReportCommandTests {
  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../RNNLabReportTests/Golden").standardized

  /// A copy of the golden results folder: every command runs on a copy, since
  /// even reading takes the folder's lock (a lock file beside the sources,
  /// and a race between tests that run at once).
  static func copyOfGoldenInput() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-e2e-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: golden.appendingPathComponent("input"), to: folder)
    return folder
  }

  @Test func reportWritesTheGoldenReport() throws {
    let folder = try Self.copyOfGoldenInput()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try RunnerProcess.run(["report", folder.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "Wrote report.md, summary.csv, aggregate.csv and 15 plots to \(folder.path)\n")
    for name in ["report.md", "summary.csv", "aggregate.csv", "plots/adding-loss.svg"] {
      let expected = try Data(contentsOf: Self.golden.appendingPathComponent("expected/\(name)"))
      #expect(try Data(contentsOf: folder.appendingPathComponent(name)) == expected, "\(name)")
    }
  }

  /// Without a search there is nothing to select: both modes give the golden report and no selection.csv.
  @Test func selectModesAgreeWithoutSearchAndBadModeIsOneLine() throws {
    let folder = try Self.copyOfGoldenInput()
    defer { try? FileManager.default.removeItem(at: folder) }
    for mode in ["none", "best"] {
      let result = try RunnerProcess.run(["report", folder.path, "--select", mode])
      #expect(result.status == 0, "\(result.stderr)")
      for name in ["report.md", "summary.csv", "aggregate.csv"] {
        let expected = try Data(contentsOf: Self.golden.appendingPathComponent("expected/\(name)"))
        #expect(try Data(contentsOf: folder.appendingPathComponent(name)) == expected, "\(mode): \(name)")
      }
      #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("selection.csv").path))
    }
    let bad = try RunnerProcess.run(["report", folder.path, "--select", "worst"])
    #expect(bad.status == 2)
    #expect(bad.stderr.hasPrefix("runner: error: The value 'worst' is invalid for '--select <select>'"))
    #expect(bad.stderr.filter { $0 == "\n" }.count == 1)
  }

  @Test func missingOrMalformedFolderIsOneLineAndExitTwo() throws {
    let missing = try RunnerProcess.run(["report", "/nonexistent/results/x"])
    #expect(missing.status == 2)
    #expect(missing.stderr == "/nonexistent/results/x: error: no such results folder\n")

    let folder = try Self.copyOfGoldenInput(), pristine = try Self.copyOfGoldenInput()
    defer { for copy in [folder, pristine] { try? FileManager.default.removeItem(at: copy) } }
    let summary = folder.appendingPathComponent("trials/copy-T10-lstm-s2/summary.json")
    try Data("{\"trial_id\": ".utf8).write(to: summary)
    for arguments in [["report", folder.path], ["compare", pristine.path, folder.path]] {
      let result = try RunnerProcess.run(arguments)
      #expect(result.status == 2)
      #expect(result.stderr.hasPrefix("\(summary.path):1:14: error: invalid JSON"))
      #expect(result.stderr.filter { $0 == "\n" }.count == 1)
      #expect(result.stdout.isEmpty)
    }

    let unknown = try RunnerProcess.run(["report", pristine.path, "--compare-to", "tcn"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.hasPrefix("error: --compare-to: unknown model 'tcn'"))
  }

  @Test func compareListsChangesAddedAndRemoved() throws {
    let folder = try Self.copyOfGoldenInput(), pristine = try Self.copyOfGoldenInput()
    defer { for copy in [folder, pristine] { try? FileManager.default.removeItem(at: copy) } }
    for seed in [1, 2] {
      try FileManager.default.removeItem(at: folder.appendingPathComponent("trials/copy-T10-rnn-s\(seed)"))
    }
    let input = pristine.path
    let markdown = try RunnerProcess.run(["compare", input, folder.path])
    #expect(markdown.status == 0, "\(markdown.stderr)")
    #expect(markdown.stdout.hasPrefix("# Comparison\n"))
    #expect(markdown.stdout.contains("## Only in A (removed)\n\n| task | model | T | trials |\n| --- | --- | ---: | ---: |\n| `copy` | `rnn` | 10 | 2 |\n"))
    #expect(!markdown.stdout.contains("Only in B"))
    #expect(markdown.stdout.contains("## Trials only in A (removed)\n\n- `copy-T10-rnn-s1`\n- `copy-T10-rnn-s2`\n"))
    // Nothing else changed: by default no "same" rows, with --all every metric.
    #expect(!markdown.stdout.contains("| same |"))
    #expect(markdown.stdout.contains("No metric changed in the cells both folders have."))
    let all = try RunnerProcess.run(["compare", input, folder.path, "--all"])
    #expect(all.status == 0)
    #expect(all.stdout.contains("| same |"))

    let csv = try RunnerProcess.run(["compare", folder.path, input, "--format", "csv"])
    #expect(csv.status == 0)
    #expect(csv.stdout.hasPrefix("task,model,seq_len,metric,side,a,b,change,relative_change,test,p_value\n"))
    #expect(csv.stdout.contains("\ncopy,rnn,10,trials,added,,2,,,,\n"))
  }
}
