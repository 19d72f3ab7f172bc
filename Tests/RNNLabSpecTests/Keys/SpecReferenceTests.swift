import Foundation
import Testing
@testable import RNNLabSpec

/// The key tables of docs/spec.md are generated from the declarations; this
/// fails while they differ. `RECORD_DOCS=1 swift test --filter
/// SpecReferenceTests` rewrites them.
@Suite struct SpecReferenceTests {
  static let document = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs/spec.md")

  @Test func docsTablesMatchTheDeclarations() throws {
    let text = try String(contentsOf: Self.document, encoding: .utf8)
    let updated = SpecReference.updating(text)
    if ProcessInfo.processInfo.environment["RECORD_DOCS"] == "1", updated != text {
      try updated.write(to: Self.document, atomically: true, encoding: .utf8)
      return
    }
    #expect(updated == text, "docs/spec.md is out of date: run RECORD_DOCS=1 swift test --filter SpecReferenceTests")
    // Every section is present, and every key appears in its table.
    for (name, _) in SpecReference.sections {
      #expect(text.contains("<!-- BEGIN GENERATED: \(name) "), "docs/spec.md lacks the '\(name)' markers")
    }
    for key in TrainingSpec.keys { #expect(text.contains("| `\(key.name)` |")) }
  }

  @Test func updatingReplacesOnlyBetweenTheMarkers() {
    let document = "intro\n<!-- BEGIN GENERATED: training (x) -->\nstale\n<!-- END GENERATED: training -->\nafter\n"
    let updated = SpecReference.updating(document)
    #expect(updated.hasPrefix("intro\n<!-- BEGIN GENERATED: training (x) -->\n| key | type | default |"))
    #expect(updated.hasSuffix("|\n<!-- END GENERATED: training -->\nafter\n"))
    #expect(!updated.contains("stale"))
    #expect(updated.contains("| `steps` | integer | `2000` | 1 to 1,000,000,000 | yes | yes |"))
    #expect(SpecReference.updating(updated) == updated)
  }
}
