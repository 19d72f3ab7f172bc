import Foundation
import Testing

/// Nothing in the repository may point outside it: no `../` path that climbs
/// out of it or names nothing in it, and no absolute path of a particular
/// machine (a home folder, a work disk). Paths every system has (`/usr/bin/env`,
/// `/proc/cpuinfo`, `/etc/rnnlab` inside a pod) are not machine paths.
@Suite struct SelfContainedTests {
  /// Roots of absolute paths that exist only on some machine. Spelled
  /// without slashes, so this file does not match itself.
  static let machineRoots = ["work", "root", "home", "Users", "opt", "tmp", "mnt", "srv", "scratch", "private", "nix", "Volumes"]

  /// Machine-looking paths that are data, not references, each with why.
  static let allowedAbsolute: [(prefix: String, reason: String)] = [
    ("/home/me/", "a made-up working folder in the Slurm script tests"),
    ("/opt/rnnlab", "the container image's folder (Containerfile) and a made-up install location in the Slurm script tests"),
    ("/scratch/my", "a made-up working folder with a space, which the Slurm script must quote"),
    ("/tmp/x", "an --out outside the results volume, which emit k8s must refuse"),
    ("/tmp/rnnlab-fixture", "a made-up results folder of the report tests, never created"),
  ]

  /// `../` paths that are data, not references, each with why.
  static let allowedRelative: [(token: String, reason: String)] = [
    ("../escape", "a hostile experiment name the path-safety tests feed to the runner"),
    ("../x", "a hostile name the spec fuzzer and the nasty-spec tests feed to the runner"),
    ("../lstm", "a hostile model name the spec validation tests feed to the runner"),
    ("../../etc/passwd", "a hostile value of the spec fuzzer"),
    ("results/../../etc", "a hostile experiment name in the nasty specs"),
  ]

  /// Files whose paths mean something else: gitignore patterns are relative
  /// to the repository by definition (a leading `/` anchors one at its root).
  static func skipped(_ path: String) -> Bool {
    path == ".gitignore" || path.hasSuffix("/.gitignore")
  }

  @Test func noTrackedFileRefersOutsideTheRepository() throws {
    var offenders: [String] = []
    let files = try RepositoryFiles.tracked()
    #expect(files.count > 100, "expected the whole repository, found \(files.count) files")
    for path in files where !Self.skipped(path) {
      guard let bytes = RepositoryFiles.text(path) else { continue }
      for (line, token) in PathTokens.relative(in: bytes) where !Self.relativeIsFine(token, in: path) {
        offenders.append("\(path):\(line): '\(token)' leaves the repository or names nothing in it")
      }
      for (line, token) in PathTokens.absolute(in: bytes, roots: Self.machineRoots)
      where !Self.allowedAbsolute.contains(where: { token.hasPrefix($0.prefix) }) {
        offenders.append("\(path):\(line): '\(token)' is a path on some machine")
      }
    }
    #expect(offenders.isEmpty, "\(offenders.count) references outside the repository:\n\(offenders.joined(separator: "\n"))")
  }

  /// A `../` path is fine when, read from its file's folder, it stays in the
  /// repository and names something there, or when it is allow-listed.
  static func relativeIsFine(_ token: String, in path: String) -> Bool {
    if allowedRelative.contains(where: { $0.token == token }) { return true }
    let target = token.split(separator: "#", maxSplits: 1).first.map(String.init) ?? token
    if let resolved = RepositoryFiles.resolve(target, from: RepositoryFiles.folder(of: path)),
      RepositoryFiles.exists(resolved) { return true }
    // A results folder repeats its spec's paths (`tuned_from`), which are
    // relative to the spec file in experiments/.
    guard path.hasPrefix("results/"), let resolved = RepositoryFiles.resolve(target, from: "experiments") else { return false }
    return RepositoryFiles.exists(resolved)
  }

  @Test func theScannerFindsWhatItMust() {
    // Paths are written with "|" for "/", so this file does not trip its own check.
    func p(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "/") }
    let text = Array(p("see ..|shared|x.md and (..|..|a) or `|work|b|c` and |usr|bin|env, |proc|cpuinfo, a|home|x\n|root|y").utf8)
    #expect(PathTokens.relative(in: text).map(\.token) == [p("..|shared|x.md"), p("..|..|a")])
    #expect(PathTokens.absolute(in: text, roots: Self.machineRoots).map(\.token) == [p("|work|b|c"), p("|root|y")])
    #expect(PathTokens.absolute(in: text, roots: Self.machineRoots).map(\.line) == [1, 2])
    #expect(!Self.relativeIsFine(p("..|shared|reference|literature.md"), in: "experiments/long_dep.yaml"))
    #expect(!Self.relativeIsFine(p("..|..|x"), in: "docs/a.md"))
    #expect(Self.relativeIsFine(p("..|results|tuning"), in: "results/long_dep/spec.yaml"))
    #expect(!Self.relativeIsFine(p("..|results|tuning"), in: "docs/x/a.md"))
    #expect(Self.relativeIsFine(p("..|bench|peers|"), in: "docs/performance.md"))
    #expect(Self.relativeIsFine(p("..|RNNLabReportTests|Golden"), in: "Tests/RunnerEndToEndTests/ReportCommandTests.swift"))
  }
}

/// Finds path-like tokens in a file's bytes.
enum PathTokens {
  /// Bytes that may be part of a path token.
  static func isPathByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    default:
      return "_.~-/+@%#".utf8.contains(byte)
    }
  }

  /// Every token containing `../`, with its line, widened to the path bytes
  /// around it; a trailing `.` (end of a sentence) is dropped.
  static func relative(in bytes: [UInt8]) -> [(line: Int, token: String)] {
    var found: [(Int, String)] = []
    var line = 1, index = 0, lastEnd = -1
    let dot = UInt8(ascii: "."), slash = UInt8(ascii: "/")
    while index + 2 < bytes.count {
      if bytes[index] == 10 { line += 1 }
      if index > lastEnd, bytes[index] == dot, bytes[index + 1] == dot, bytes[index + 2] == slash {
        var start = index, end = index
        while start > 0, isPathByte(bytes[start - 1]) { start -= 1 }
        while end < bytes.count, isPathByte(bytes[end]) { end += 1 }
        var token = String(decoding: bytes[start..<end], as: UTF8.self)
        while token.hasSuffix(".") && !token.hasSuffix("..") { token.removeLast() }
        found.append((line, token))
        lastEnd = end
      }
      index += 1
    }
    return found
  }

  /// Every absolute path under one of `roots` (a slash, the root, a slash)
  /// that starts a token.
  static func absolute(in bytes: [UInt8], roots: [String]) -> [(line: Int, token: String)] {
    let prefixes = roots.map { Array("/\($0)/".utf8) }
    var found: [(Int, String)] = []
    var line = 1
    let slash = UInt8(ascii: "/")
    for index in bytes.indices {
      if bytes[index] == 10 { line += 1 }
      guard bytes[index] == slash, index == 0 || !isPathByte(bytes[index - 1]) else { continue }
      for prefix in prefixes where bytes.count - index >= prefix.count && bytes[index..<(index + prefix.count)].elementsEqual(prefix) {
        var end = index
        while end < bytes.count, isPathByte(bytes[end]) { end += 1 }
        found.append((line, String(decoding: bytes[index..<end], as: UTF8.self)))
        break
      }
    }
    return found
  }
}
