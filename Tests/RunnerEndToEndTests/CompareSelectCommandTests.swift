import Foundation
import Testing

/// `runner compare --select` through the built binary, on the rnn trials of
/// the committed search (results/search: 12 configurations × 3 seeds, c1 selected).
@Suite struct CompareSelectCommandTests {
  /// A temporary results folder holding results/search's 36 rnn trials.
  static func rnnSearch() throws -> URL {
    let source = RunnerProcess.packageRoot.appendingPathComponent("results/search/trials")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-e2e-\(UUID().uuidString)")
    let trials = folder.appendingPathComponent("trials")
    try FileManager.default.createDirectory(at: trials, withIntermediateDirectories: true)
    for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name.contains("-rnn-") {
      try FileManager.default.copyItem(
        at: source.appendingPathComponent(name), to: trials.appendingPathComponent(name))
    }
    return folder
  }

  @Test func bestComparesTheSelectedConfigurationAndNonePoolsAndWarns() throws {
    let folder = try Self.rnnSearch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let best = try RunnerProcess.run(["compare", folder.path, folder.path, "--all"])
    #expect(best.status == 0, "\(best.stderr)")
    #expect(
      best.stdout.contains(
        "(36 trials, a search of 12 configurations per task × length × model; compared: the selected "
          + "configuration of each, 3 trials)\n"))
    #expect(best.stdout.contains("| `rnn` | 100 | finished | 3/3 | 3/3 | same |"))
    #expect(best.stdout.contains("| `adding` | `rnn` | 100 | c1 | c1 |\n"))
    #expect(best.stderr.isEmpty)

    let csv = try RunnerProcess.run(["compare", folder.path, folder.path, "--select", "none", "--format", "csv"])
    #expect(csv.status == 0, "\(csv.stderr)")
    #expect(csv.stdout.contains("\nadding,rnn,100,trials,both,36,36,0,0.0,,\n"))
    let warning = "runner compare: warning: A pools all 12 configurations of each task × length × model "
      + "(`--select none`), so its means mix good and bad settings\n"
    #expect(csv.stderr == warning + warning.replacingOccurrences(of: "warning: A", with: "warning: B"))
    let markdown = try RunnerProcess.run(["compare", folder.path, folder.path, "--select", "none"])
    #expect(markdown.stdout.contains("> **Pooled:** B pools all 12 configurations"))
    #expect(markdown.stderr.isEmpty)
  }

  @Test func unknownSelectModeIsOneLineAndExitTwo() throws {
    let folder = try Self.rnnSearch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let bad = try RunnerProcess.run(["compare", folder.path, folder.path, "--select", "worst"])
    #expect(bad.status == 2)
    #expect(bad.stderr.hasPrefix("runner: error: The value 'worst' is invalid for '--select <select>'"))
    #expect(bad.stderr.filter { $0 == "\n" }.count == 1)
    #expect(bad.stdout.isEmpty)
  }
}
