import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(Musl)
  import Musl
#endif

/// Facts about the machine and the source a run comes from, for
/// `manifest.json` and the lock file.
public enum HostInfo {
  /// The host name (`gethostname`), without a DNS lookup.
  public static var name: String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// The commit of the git checkout this runner was built from, or nil when the
  /// source folder is gone (the binary was copied elsewhere) or git is missing.
  /// A checkout with uncommitted changes gets a `-dirty` suffix, since its
  /// commit alone no longer says what ran.
  public static func sourceCommit(sourceFile: String = #filePath) -> String? {
    let folder = URL(fileURLWithPath: sourceFile).deletingLastPathComponent().path
    guard FileManager.default.fileExists(atPath: folder),
      let commit = git(["-C", folder, "rev-parse", "--verify", "HEAD"]), commit.count == 40
    else { return nil }
    let changes = git(["-C", folder, "status", "--porcelain", "--untracked-files=no"]) ?? ""
    return changes.isEmpty ? commit : commit + "-dirty"
  }

  /// The trimmed standard output of `git arguments`, or nil if it fails.
  private static func git(_ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
