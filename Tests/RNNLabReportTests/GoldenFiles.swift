import Foundation
import Testing

/// The golden test data in the source tree, next to this file:
/// `Golden/input` (a results folder written by `GoldenInput`) and
/// `Golden/expected` (the report of that folder).
///
/// Re-record both after an intended change with
/// `RECORD_GOLDEN=1 swift test --filter RNNLabReportTests`, then review the
/// diff (and look at the plots) before committing.
enum GoldenFiles {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
  static let input = folder.appendingPathComponent("input")
  static let expected = folder.appendingPathComponent("expected")

  static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

  /// Every file under `root` by relative path (hidden files skipped).
  static func contents(of root: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let fm = FileManager.default
    guard let walker = fm.enumerator(atPath: root.path) else { return files }
    while let relative = walker.nextObject() as? String {
      let url = root.appendingPathComponent(relative)
      var isFolder: ObjCBool = false
      guard !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
        fm.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue
      else { continue }
      files[relative] = try Data(contentsOf: url)
    }
    return files
  }

  /// Replaces `folder` by exactly `files`.
  static func record(_ files: [String: Data], into folder: URL) throws {
    try? FileManager.default.removeItem(at: folder)
    for (path, data) in files {
      let url = folder.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: url)
    }
  }

  /// Expects `actual` to equal the files in `folder` byte for byte, reporting
  /// missing and extra files and the first differing line of each file.
  static func expectEqual(_ actual: [String: Data], folder: URL, sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    let expected = try contents(of: folder)
    let hint = "re-record with RECORD_GOLDEN=1 swift test --filter RNNLabReportTests if the change is intended"
    #expect(
      Set(actual.keys) == Set(expected.keys),
      Comment(
        rawValue: "files differ from \(folder.path): missing \(Set(expected.keys).subtracting(actual.keys).sorted()), "
          + "extra \(Set(actual.keys).subtracting(expected.keys).sorted()); \(hint)"),
      sourceLocation: sourceLocation)
    for path in actual.keys.sorted() {
      guard let want = expected[path], let got = actual[path], want != got else { continue }
      let wantLines = String(decoding: want, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      let gotLines = String(decoding: got, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      let line = zip(wantLines, gotLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(wantLines.count, gotLines.count)
      let want1 = line < wantLines.count ? String(wantLines[line]) : "<end of file>"
      let got1 = line < gotLines.count ? String(gotLines[line]) : "<end of file>"
      Issue.record(
        Comment(rawValue: "\(path):\(line + 1): expected \(want1.debugDescription), got \(got1.debugDescription); \(hint)"),
        sourceLocation: sourceLocation)
    }
  }

  /// A fresh empty folder under the temporary directory.
  static func temporaryFolder(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
