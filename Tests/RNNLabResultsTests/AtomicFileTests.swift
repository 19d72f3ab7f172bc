import Foundation
import Testing
@testable import RNNLabResults

@Suite struct AtomicFileTests {
  @Test func writesAndReplacesWholeFiles() throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("rnnlab-atomic-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("nested/summary.json")
    try AtomicFile.write("first", to: file)
    try AtomicFile.write("second", to: file)
    #expect(try String(contentsOf: file, encoding: .utf8) == "second")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
    #expect(leftovers == ["summary.json"])
  }

  @Test func failureNamesTheFile() throws {
    let file = URL(fileURLWithPath: "/proc/rnnlab-cannot-write/x.json")
    #expect(throws: AtomicFileError.self) { try AtomicFile.write("x", to: file) }
  }
}
