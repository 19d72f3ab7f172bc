import Foundation
import Testing
@testable import RNNLabSpec

/// The libyaml wrapper: node tree, marks, scalar styles, anchors, limits.
@Suite struct YAMLLoaderTests {
  let source = SpecSource(name: "t.yaml")

  private func parse(_ text: String) throws(SpecError) -> YAMLNode? {
    try YAMLLoader.parse(text, source: source)
  }

  /// The single diagnostic a text produces when loaded as a node tree.
  private func loadError(_ text: String) -> String? {
    do {
      _ = try parse(text)
      return nil
    } catch {
      #expect(error.diagnostics.count == 1)
      return error.description
    }
  }

  @Test func nodesKeepOneBasedLineAndColumn() throws {
    let root = try #require(try parse("a: 1\nlist:\n  - x\n  - {k: v}\n"))
    #expect(root.mark.line == 1 && root.mark.column == 1)
    let entries = try #require(root.entries)
    #expect(entries.map(\.key) == ["a", "list"])
    #expect(entries[1].keyMark.line == 2 && entries[1].keyMark.column == 1)
    let items = try #require(root["list"]?.items)
    #expect(items[0].mark.description == "3:5")
    #expect(items[1].mark.description == "4:5")
    #expect(items[1]["k"]?.mark.description == "4:9")
  }

  @Test func scalarsResolveByStyleAndCoreSchema() throws {
    let root = try #require(try parse("""
      int: 1
      quoted: "1"
      single: '1'
      float: 2.5
      exp: 1e-3
      bool: true
      yes: yes
      null1: null
      null2: ~
      empty:
      hex: 0x1F
      inf: -.inf
      str: !!str 12
      flt: !!float 3
      big: 99999999999999999999
      """))
    #expect(root["int"]?.scalar?.value == .int(1))
    #expect(root["quoted"]?.scalar?.value == .string("1"))
    #expect(root["quoted"]?.scalar?.style == .doubleQuoted)
    #expect(root["single"]?.scalar?.value == .string("1"))
    #expect(root["float"]?.scalar?.value == .float(2.5))
    #expect(root["exp"]?.scalar?.value == .float(0.001))
    #expect(root["bool"]?.scalar?.value == .bool(true))
    #expect(root["yes"]?.scalar?.value == .string("yes"))  // YAML 1.2: not a boolean
    #expect(root["null1"]?.scalar?.value == .null)
    #expect(root["null2"]?.scalar?.value == .null)
    #expect(root["empty"]?.scalar?.value == .null)
    #expect(root["hex"]?.scalar?.value == .int(31))
    #expect(root["inf"]?.scalar?.value == .float(-.infinity))
    #expect(root["str"]?.scalar?.value == .string("12"))
    #expect(root["flt"]?.scalar?.value == .float(3))
    #expect(root["big"]?.scalar?.value == .integerOutOfRange("99999999999999999999"))
  }

  @Test func aliasesExpandAndMergeKeysMerge() throws {
    let root = try #require(try parse("""
      base: &b {x: 1, y: 2}
      list: &l [1, 2]
      copy: *l
      merged:
        <<: *b
        y: 3
      """))
    #expect(root["copy"] == root["list"])
    let merged = try #require(root["merged"]?.entries)
    #expect(merged.map(\.key) == ["y", "x"])
    #expect(root["merged"]?["y"]?.scalar?.value == .int(3))
    #expect(root["merged"]?["x"]?.scalar?.value == .int(1))
  }

  @Test func aliasBombIsRejectedQuicklyAtTheAlias() throws {
    let clock = ContinuousClock()
    var message: String?
    let elapsed = clock.measure {
      do throws(SpecError) {
        _ = try YAMLLoader.load(path: SpecTestSupport.fixture("alias_bomb.yaml"))
      } catch {
        message = error.description
      }
    }
    let text = try #require(message)
    #expect(text.hasSuffix("alias_bomb.yaml:6:8: error: alias '*e' expands the document past 100000 nodes"))
    #expect(elapsed < .seconds(10))  // milliseconds; a blow-up would take far longer
  }

  @Test func structuralErrorsAreOneLineAtTheirPosition() {
    #expect(loadError("a: 1\nb: 2\na: 3\n") == "t.yaml:3:1: error: duplicate key 'a' (first at 1:1)")
    #expect(loadError("a: 1\n---\nb: 2\n") == "t.yaml:2:1: error: more than one YAML document; a spec is a single document")
    #expect(loadError("a: *nope\n") == "t.yaml:1:4: error: undefined alias '*nope'")
    #expect(loadError("a: !!int abc\n") == "t.yaml:1:4: error: 'abc' is not a valid !!int")
    #expect(loadError("a: !custom 1\n") == "t.yaml:1:4: error: unsupported tag '!custom'")
    #expect(loadError("? [k]\n: v\n") == "t.yaml:1:3: error: mapping keys must be plain values, not a list")
  }

  @Test func syntaxErrorsUseLibyamlProblemText() {
    #expect(loadError("a: [1, 2\nb: 3\n")
      == "t.yaml:2:2: error: did not find expected ',' or ']' (while parsing a flow sequence at 1:4)")
    #expect(loadError("a:\n  b: 1\n c: 2\n")
      == "t.yaml:3:2: error: did not find expected key (while parsing a block mapping at 1:1)")
    // At end of input libyaml points past the last line; the mark is clamped.
    #expect(loadError("a: [1") == "t.yaml:1:6: error: did not find expected ',' or ']' (while parsing a flow sequence at 1:4)")
  }

  @Test func emptyInputsHaveNoDocument() throws {
    #expect(try parse("") == nil)
    #expect(try parse("  \n\n   \n") == nil)
    #expect(try parse("# just a comment\n") == nil)
  }

  @Test func badBytesAreReaderErrors() throws {
    func bytesError(_ bytes: [UInt8]) -> String? {
      do {
        _ = try YAMLLoader.parse(bytes: bytes, source: source)
        return nil
      } catch {
        return error.description
      }
    }
    #expect(bytesError(Array("name: a".utf8) + [0xFF, 0xFE] + Array("b\n".utf8))
      == "t.yaml:1:8: error: invalid leading UTF-8 octet (byte 0xFF)")
    #expect(bytesError(Array("a: 1\nb: x".utf8) + [0] + Array("y\n".utf8))
      == "t.yaml:2:5: error: control characters are not allowed (byte 0x00)")
    // Random-looking binary junk: some single-line error, never a crash.
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<20 {
      let junk = (0..<512).map { _ in UInt8.random(in: 0...255, using: &generator) }
      if let message = bytesError(junk) {
        #expect(message.hasPrefix("t.yaml:") && !message.contains("\n"))
      }
    }
  }

  @Test func deepNestingIsAnErrorNotAStackOverflow() {
    let depth = 10_000
    let sequences = "a: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    #expect(loadError(sequences) == "t.yaml:1:259: error: nesting deeper than 256 levels")
    var block = ""
    for level in 0..<1_000 { block += String(repeating: " ", count: level) + "k:\n" }
    #expect(loadError(block)?.hasSuffix("error: nesting deeper than 256 levels") == true)
  }

  @Test func filesThatCannotBeReadAreErrors() throws {
    let folder = try SpecTestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let missing = folder.appendingPathComponent("missing.yaml").path
    #expect(throws: SpecError.self) { try YAMLLoader.load(path: missing) }
    #expect(SpecTestSupport.fileErrors(missing) == ["\(missing): error: cannot open: no such file or directory"])
    #expect(SpecTestSupport.fileErrors(folder.path)
      == ["\(folder.path): error: is a directory, expected a YAML spec file"])
    let empty = folder.appendingPathComponent("empty.yaml")
    try Data().write(to: empty)
    #expect(SpecTestSupport.fileErrors(empty.path)
      == ["\(empty.path): error: the spec is empty; expected a mapping with 'name', 'tasks' and 'models'"])
  }

  @Test func diagnosticsNeverSpanLines() {
    let diagnostic = SpecDiagnostic(at: Mark(source: source, line: 2, column: 3), "bad 'a\nb'\u{0}")
    #expect(diagnostic.description == "t.yaml:2:3: error: bad 'a\\nb'\\u{0}")
  }
}
