import Foundation
import RNNLabResults
import Testing

@testable import RNNLabReport

/// The report of the golden results folder, compared byte for byte with the
/// committed expected files (see `GoldenFiles` for re-recording).
@Suite struct GoldenReportTests {
  /// The committed input is exactly what `GoldenInput` writes, so the test
  /// data stays reproducible and the writers stay deterministic.
  @Test func committedInputMatchesItsBuilder() throws {
    let folder = try GoldenFiles.temporaryFolder("golden-input")
    defer { try? FileManager.default.removeItem(at: folder) }
    try GoldenInput.write(to: folder)
    let built = try GoldenFiles.contents(of: folder)
    if GoldenFiles.recording {
      try GoldenFiles.record(built, into: GoldenFiles.input)
    } else {
      try GoldenFiles.expectEqual(built, folder: GoldenFiles.input)
    }
  }

  @Test func reportMatchesGoldenFiles() throws {
    var input = GoldenFiles.input
    var cleanup: URL?
    if GoldenFiles.recording {
      // Record from a fresh build of the input, so the order of the two tests does not matter.
      input = try GoldenFiles.temporaryFolder("golden-record")
      cleanup = input
      try GoldenInput.write(to: input)
    }
    defer { cleanup.map { try? FileManager.default.removeItem(at: $0) } }
    let files = try Reporter(folder: ResultsFolder.load(input)).render()
    let actual = Dictionary(uniqueKeysWithValues: files.map { ($0.path, Data($0.contents.utf8)) })
    if GoldenFiles.recording {
      try GoldenFiles.record(actual, into: GoldenFiles.expected)
    } else {
      try GoldenFiles.expectEqual(actual, folder: GoldenFiles.expected)
    }
  }
}
