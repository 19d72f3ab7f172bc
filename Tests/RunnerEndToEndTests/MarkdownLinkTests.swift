import Foundation
import Testing

/// Every relative link in the repository's Markdown (README, docs/, reports,
/// fixture notes) points at a file or folder that exists, inside the
/// repository, and at a heading that exists when it names one.
@Suite struct MarkdownLinkTests {
  @Test func relativeLinksPointAtExistingFilesAndHeadings() throws {
    let files = try RepositoryFiles.tracked().filter { $0.hasSuffix(".md") }
    #expect(files.contains("README.md") && files.contains("docs/running.md"))
    var broken: [String] = []
    for path in files {
      guard let bytes = RepositoryFiles.text(path) else { continue }
      let text = String(decoding: bytes, as: UTF8.self)
      for link in MarkdownLinks.links(in: text) {
        if let problem = Self.problem(with: link.target, in: path) {
          broken.append("\(path):\(link.line): (\(link.target)) \(problem)")
        }
      }
    }
    #expect(broken.isEmpty, "\(broken.count) broken links:\n\(broken.joined(separator: "\n"))")
  }

  /// Why a link target does not work, or nil when it does. Links with a
  /// scheme (https:, mailto:) are not checked.
  static func problem(with target: String, in path: String) -> String? {
    if target.contains(":") { return nil }
    let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    let file = parts[0], anchor = parts.count > 1 ? parts[1] : nil
    var resolved = path
    if !file.isEmpty {
      guard let inside = RepositoryFiles.resolve(file, from: RepositoryFiles.folder(of: path)) else {
        return "leaves the repository"
      }
      guard RepositoryFiles.exists(inside) else { return "names no file" }
      resolved = inside
    }
    guard let anchor, resolved.hasSuffix(".md"), let bytes = RepositoryFiles.text(resolved) else { return nil }
    let anchors = MarkdownLinks.headingAnchors(in: String(decoding: bytes, as: UTF8.self))
    return anchors.contains(anchor) ? nil : "names no heading '#\(anchor)' in \(resolved)"
  }

  @Test func linksAndAnchorsAreReadLikeGitHub() {
    let text = """
      # Faults and clusters
      See [a](docs/x.md#faults-and-clusters), ![p](plots/a.svg "title") and `[not](code.md)`.

          [indented](code.md)
      ```
      [fenced](code.md)
      ```
      ## Shards in separate folders, and merging
      ## Shards in separate folders, and merging
      """
    #expect(MarkdownLinks.links(in: text).map(\.target) == ["docs/x.md#faults-and-clusters", "plots/a.svg"])
    #expect(MarkdownLinks.links(in: text).map(\.line) == [2, 2])
    #expect(MarkdownLinks.headingAnchors(in: text) == [
      "faults-and-clusters", "shards-in-separate-folders-and-merging", "shards-in-separate-folders-and-merging-1",
    ])
    #expect(Self.problem(with: "running.md#resuming", in: "docs/clusters.md") == nil)
    #expect(Self.problem(with: "running.md#no-such-heading", in: "docs/clusters.md") != nil)
    #expect(Self.problem(with: "no-such-file.md", in: "docs/clusters.md") == "names no file")
    let climbing = [String](repeating: "..", count: 2).joined(separator: "/") + "/x.md"  // not spelt out: SelfContainedTests reads this file
    #expect(Self.problem(with: climbing, in: "docs/clusters.md") == "leaves the repository")
  }
}

/// Reads links and headings from Markdown text.
enum MarkdownLinks {
  /// Lines that are prose: not inside a fenced code block, not indented code.
  static func proseLines(_ text: String) -> [(number: Int, text: String)] {
    var lines: [(Int, String)] = []
    var fenced = false
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if line.hasPrefix("```") || line.hasPrefix("~~~") {
        fenced.toggle()
        continue
      }
      if fenced || line.hasPrefix("    ") || line.hasPrefix("\t") { continue }
      lines.append((index + 1, String(line)))
    }
    return lines
  }

  /// Every `[text](target)` and `![alt](target "title")` outside code, with its line.
  static func links(in text: String) -> [(line: Int, target: String)] {
    var found: [(Int, String)] = []
    for (number, line) in proseLines(text) {
      let prose = line.replacing(/`[^`]*`/, with: "")
      for match in prose.matches(of: /\]\(([^)\s]+)(?:\s+"[^"]*")?\)/) {
        found.append((number, String(match.output.1)))
      }
    }
    return found
  }

  /// The anchors GitHub gives the headings: lower case, punctuation other
  /// than `-` and `_` removed, spaces as `-`, repeats numbered `-1`, `-2`.
  static func headingAnchors(in text: String) -> [String] {
    var seen: [String: Int] = [:]
    var anchors: [String] = []
    for (_, line) in proseLines(text) {
      guard let match = line.firstMatch(of: /^#{1,6}\s+(.*?)\s*#*\s*$/) else { continue }
      let slug = String(
        String(match.output.1).lowercased().compactMap { character -> Character? in
          if character == " " { return "-" }
          return character.isLetter || character.isNumber || character == "-" || character == "_" ? character : nil
        })
      let count = seen[slug, default: 0]
      seen[slug] = count + 1
      anchors.append(count == 0 ? slug : "\(slug)-\(count)")
    }
    return anchors
  }
}
