import Foundation
import RNNLabResults
import Testing

@testable import RNNLabReport

/// Writing the report into a results folder.
@Suite struct ReporterTests {
  @Test func writesEveryFileAndRemovesStalePlots() throws {
    let root = try GoldenFiles.temporaryFolder("reporter")
    defer { try? FileManager.default.removeItem(at: root) }
    try GoldenInput.write(to: root)
    let layout = ResultsLayout(root: root)
    try AtomicFile.write("<svg/>", to: layout.plotsFolder.appendingPathComponent("old-task-loss.svg"))
    try AtomicFile.write("keep", to: layout.plotsFolder.appendingPathComponent("notes.txt"))
    let written = try Reporter.write(folder: root)
    #expect(written.count == 18)
    let expected = try GoldenFiles.contents(of: GoldenFiles.expected)
    for (path, data) in expected {
      #expect(try Data(contentsOf: root.appendingPathComponent(path)) == data, "\(path)")
    }
    let plots = try FileManager.default.contentsOfDirectory(atPath: layout.plotsFolder.path)
    #expect(!plots.contains("old-task-loss.svg"))
    #expect(plots.contains("notes.txt"))
    // A second report over the folder (now also holding the report files) changes nothing.
    try Reporter.write(folder: root)
    #expect(try Data(contentsOf: layout.reportURL) == expected["report.md"])
  }

  @Test func emptyFolderGivesAShortReport() throws {
    let root = try GoldenFiles.temporaryFolder("reporter-empty")
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(
      at: ResultsLayout(root: root).trialFolder("adding-T10-rnn-s1"), withIntermediateDirectories: true)
    try AtomicFile.write("name: pending\n", to: ResultsLayout(root: root).specURL)
    let files = try Fixtures.render(ResultsFolder.load(root))
    #expect(files.keys.sorted() == ["aggregate.csv", "report.md", "summary.csv"])
    let report = try #require(files["report.md"])
    #expect(report.hasPrefix("# pending\n"))
    #expect(report.contains("> **Not finished:** 1 trial folder without summary.json"))
    #expect(report.hasSuffix("No finished trials yet.\n"))
    // An empty description (as the resolved spec writes it) adds no empty paragraph.
    try AtomicFile.write("name: pending\ndescription: \"\"\n", to: ResultsLayout(root: root).specURL)
    let undescribed = try #require(try Fixtures.render(ResultsFolder.load(root))["report.md"])
    #expect(undescribed.hasPrefix("# pending\n\n0 trials"))
    #expect(files["summary.csv"] == TrialSummary.csv([]))
  }

  @Test func unknownCompareToIsAnError() throws {
    #expect(throws: ReportError.self) {
      try Reporter(folder: ResultsFolder.load(GoldenFiles.input), compareTo: "transformer").render()
    }
  }

  @Test func summaryCSVListsEveryTrialInReportOrder() throws {
    let files = try Fixtures.render(ResultsFolder.load(GoldenFiles.input))
    let records = try CSV.parse(try #require(files["summary.csv"]), path: "summary.csv")
    #expect(records.count == 25)
    let ids = records.dropFirst().map { $0.fields[TrialSummary.csvHeader.firstIndex(of: "trial_id")!] }
    #expect(ids.prefix(3) == ["adding-T25-rnn-s1", "adding-T25-rnn-s2", "adding-T25-lstm-s1"])
    let statuses = records.dropFirst().map { $0.fields[TrialSummary.csvHeader.firstIndex(of: "status")!] }
    #expect(statuses.filter { $0 == "diverged" }.count == 1)
    #expect(statuses.filter { $0 == "failed" }.count == 1)
  }
}
