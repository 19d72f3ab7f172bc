import Foundation
import Testing

/// `runner report` and `runner compare` through the built binary.
@Suite struct ReportCommandTests {
  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../RNNLabReportTests/Golden").standardized

  /// The `runner` executable next to the test bundle (SwiftPM builds both into one folder).
  static func runnerURL() throws -> URL {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = folder.appendingPathComponent("runner")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      folder.deleteLastPathComponent()
    }
    throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "runner next to \(CommandLine.arguments[0])"])
  }

  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(_ arguments: [String]) throws -> Output {
    let process = Process()
    process.executableURL = try runnerURL()
    process.arguments = arguments
    let (out, err) = (Pipe(), Pipe())
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }

  /// A copy of the golden results folder to write into.
  static func copyOfGoldenInput() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-e2e-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: golden.appendingPathComponent("input"), to: folder)
    return folder
  }

  @Test func reportWritesTheGoldenReport() throws {
    let folder = try Self.copyOfGoldenInput()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try Self.run(["report", folder.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "Wrote report.md, summary.csv, aggregate.csv and 10 plots to \(folder.path)\n")
    for name in ["report.md", "summary.csv", "aggregate.csv", "plots/adding-loss.svg"] {
      let expected = try Data(contentsOf: Self.golden.appendingPathComponent("expected/\(name)"))
      #expect(try Data(contentsOf: folder.appendingPathComponent(name)) == expected, "\(name)")
    }
  }

  @Test func missingOrMalformedFolderIsOneLineAndExitTwo() throws {
    let missing = try Self.run(["report", "/nonexistent/results/x"])
    #expect(missing.status == 2)
    #expect(missing.stderr == "/nonexistent/results/x: error: no such results folder\n")

    let folder = try Self.copyOfGoldenInput()
    defer { try? FileManager.default.removeItem(at: folder) }
    let summary = folder.appendingPathComponent("trials/copy-T10-lstm-s2/summary.json")
    try Data("{\"trial_id\": ".utf8).write(to: summary)
    for arguments in [["report", folder.path], ["compare", Self.golden.appendingPathComponent("input").path, folder.path]] {
      let result = try Self.run(arguments)
      #expect(result.status == 2)
      #expect(result.stderr.hasPrefix("\(summary.path):1:14: error: invalid JSON"))
      #expect(result.stderr.filter { $0 == "\n" }.count == 1)
      #expect(result.stdout.isEmpty)
    }

    let unknown = try Self.run(["report", Self.golden.appendingPathComponent("input").path, "--compare-to", "tcn"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.hasPrefix("error: --compare-to: unknown model 'tcn'"))
  }

  @Test func compareListsChangesAddedAndRemoved() throws {
    let folder = try Self.copyOfGoldenInput()
    defer { try? FileManager.default.removeItem(at: folder) }
    for seed in [1, 2] {
      try FileManager.default.removeItem(at: folder.appendingPathComponent("trials/copy-T10-rnn-s\(seed)"))
    }
    let input = Self.golden.appendingPathComponent("input").path
    let markdown = try Self.run(["compare", input, folder.path])
    #expect(markdown.status == 0, "\(markdown.stderr)")
    #expect(markdown.stdout.hasPrefix("# Comparison\n"))
    #expect(markdown.stdout.contains("## Only in A (removed)\n\n| task | model | T | trials |\n| --- | --- | ---: | ---: |\n| `copy` | `rnn` | 10 | 2 |\n"))
    #expect(!markdown.stdout.contains("Only in B"))

    let csv = try Self.run(["compare", folder.path, input, "--format", "csv"])
    #expect(csv.status == 0)
    #expect(csv.stdout.hasPrefix("task,model,seq_len,metric,side,a,b,change,relative_change\n"))
    #expect(csv.stdout.contains("\ncopy,rnn,10,trials,added,,2,,\n"))
  }
}
