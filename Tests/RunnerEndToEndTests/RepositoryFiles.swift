import Foundation

/// The repository's files as text, for the checks that read the whole tree
/// (self-containment, Markdown links).
enum RepositoryFiles {
  /// The repository root (the package root).
  static var root: URL { RunnerProcess.packageRoot }

  /// Paths of the tracked files, relative to the root: `git ls-files`, or,
  /// outside a git checkout (a source tarball), every file but build
  /// products, caches and your own runs.
  static func tracked() throws -> [String] {
    let git = try? RunnerProcess.execute(URL(fileURLWithPath: "/usr/bin/env"), ["git", "ls-files", "-z"])
    if let git, git.status == 0, !git.stdout.isEmpty {
      return git.stdout.split(separator: "\0").map(String.init)
    }
    let skipped = [".git", ".build", ".swiftpm", "runs", "__pycache__"]
    var paths: [String] = []
    let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
    while let url = enumerator?.nextObject() as? URL {
      if skipped.contains(where: { url.lastPathComponent.hasPrefix($0) }) {
        enumerator?.skipDescendants()
        continue
      }
      if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        paths.append(String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)))
      }
    }
    return paths.sorted()
  }

  /// The bytes of a file as text, or nil for a binary file (a NUL byte in
  /// its first 8000 bytes, git's rule) or one that is gone from the tree.
  static func text(_ path: String) -> [UInt8]? {
    guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else { return nil }
    let bytes = [UInt8](data)
    return bytes.prefix(8000).contains(0) ? nil : bytes
  }

  /// `path` with `.` and `..` resolved against `folder` (both relative to
  /// the root), or nil when it climbs above the root.
  static func resolve(_ path: String, from folder: String) -> String? {
    var parts = folder.split(separator: "/").map(String.init)
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      switch part {
      case ".": continue
      case "..":
        if parts.isEmpty { return nil }
        parts.removeLast()
      default: parts.append(String(part))
      }
    }
    return parts.joined(separator: "/")
  }

  /// The folder part of a relative path ("" for a file at the root).
  static func folder(of path: String) -> String {
    path.split(separator: "/").dropLast().joined(separator: "/")
  }

  /// Whether a file or folder exists at `path`, relative to the root.
  static func exists(_ path: String) -> Bool {
    FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
  }
}
