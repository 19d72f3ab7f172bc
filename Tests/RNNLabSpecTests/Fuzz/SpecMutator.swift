import RNNLabRandom

/// Makes fuzz inputs: a spec from the corpus with a few seeded mutations,
/// byte-level, line-level and YAML-aware. The input depends only on the seed
/// (and the corpus), so a failing seed replays the same bytes.
struct SpecMutator {
  /// The starting texts, in a fixed order.
  let corpus: [[UInt8]]
  /// The valid ones among them, picked two times in three so that many
  /// inputs get past the parser into the validator.
  let valid: [[UInt8]]

  /// One kind of change to the text; the name is printed with a failure.
  enum Mutation: String, CaseIterable {
    case flipBit, setByte, insertBadBytes, deleteBytes, duplicateBytes, truncate
    case deleteLine, duplicateLine, swapLines, foreignLine, reindentLine, tabIndent
    case replaceValue, swapValues, anchorAndAlias, deepFlowNesting, deepBlockNesting, aliasBomb
    case multipleDocuments, unsafeName, typoKey, longLine, unicodeKey, mergeKey
    case byteOrderMark, crlf, oddLineBreaks, utf16, directive, emptyValue
  }

  /// The bytes of input `seed` and the mutations that made them.
  func input(seed: UInt64) -> (bytes: [UInt8], mutations: [Mutation]) {
    var random = SeededGenerator(seed: seed)
    let bases = valid.isEmpty || random.nextInt(below: 3) == 0 ? corpus : valid
    var bytes = bases[random.nextInt(below: bases.count)]
    var applied: [Mutation] = []
    // Mostly one or two changes, so that many inputs still get past the
    // parser into the validator; sometimes up to six.
    var count = 1
    while count < 6, random.nextInt(below: 2) == 0 { count += 1 }
    for _ in 0..<count {
      let mutation = Mutation.allCases[random.nextInt(below: Mutation.allCases.count)]
      mutate(&bytes, mutation, &random)
      applied.append(mutation)
    }
    return (bytes, applied)
  }

  // MARK: - Mutations

  private func mutate(_ bytes: inout [UInt8], _ mutation: Mutation, _ random: inout SeededGenerator) {
    switch mutation {
    case .flipBit:
      guard !bytes.isEmpty else { return }
      bytes[random.nextInt(below: bytes.count)] ^= 1 << UInt8(random.nextInt(below: 8))
    case .setByte:
      guard !bytes.isEmpty else { return }
      let choices = NastyValues.interestingBytes
      let byte = random.nextInt(below: 2) == 0 ? choices[random.nextInt(below: choices.count)] : UInt8(random.nextInt(below: 256))
      bytes[random.nextInt(below: bytes.count)] = byte
    case .insertBadBytes:
      let bad = NastyValues.badBytes[random.nextInt(below: NastyValues.badBytes.count)]
      bytes.insert(contentsOf: bad, at: random.nextInt(below: bytes.count + 1))
    case .deleteBytes:
      let range = Self.range(in: bytes.count, maxLength: 32, &random)
      bytes.removeSubrange(range)
    case .duplicateBytes:
      let range = Self.range(in: bytes.count, maxLength: 64, &random)
      bytes.insert(contentsOf: Array(bytes[range]), at: random.nextInt(below: bytes.count + 1))
    case .truncate:
      bytes.removeSubrange(random.nextInt(below: bytes.count + 1)...)
    case .byteOrderMark:
      bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: random.nextInt(below: 4) == 0 ? random.nextInt(below: bytes.count + 1) : 0)
    case .crlf:
      bytes = bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
    case .oddLineBreaks:
      // Old-Mac CR everywhere, or one NEL, LS or PS, which libyaml also breaks lines at.
      let breaks: [[UInt8]] = [[0x0D], [0xC2, 0x85], [0xE2, 0x80, 0xA8], [0xE2, 0x80, 0xA9]]
      let choice = random.nextInt(below: breaks.count)
      if choice == 0 {
        bytes = bytes.map { $0 == 0x0A ? 0x0D : $0 }
      } else {
        bytes.insert(contentsOf: breaks[choice], at: random.nextInt(below: bytes.count + 1))
      }
    case .utf16:
      let units = Array(String(decoding: bytes, as: UTF8.self).utf16)
      let littleEndian = random.nextInt(below: 2) == 0
      bytes = (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) + units.flatMap { unit in
        littleEndian ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
      }
    case .directive:
      let directives = ["%YAML 1.1\n---\n", "%YAML 1.2\n---\n", "%YAML 2.0\n---\n", "%TAG ! tag:x.org,2000:\n---\n",
                        "%FOO bar\n---\n", "--- !!map\n", "--- \n", "%YAML 1.1\n", "---\n...\n"]
      bytes.insert(contentsOf: Array(directives[random.nextInt(below: directives.count)].utf8), at: 0)
    case .multipleDocuments:
      let endings = ["---\n", "...\n", "---\na: 1\n", "...\n---\n", "--- |\n  text\n", "---\n" + String(decoding: bytes, as: UTF8.self)]
      if !bytes.isEmpty, bytes.last != 0x0A { bytes.append(0x0A) }
      bytes += Array(endings[random.nextInt(below: endings.count)].utf8)
    case .aliasBomb:
      let width = 2 + random.nextInt(below: 9)
      let depth = 2 + random.nextInt(below: 9)
      var text = "x-l0: &l0 [" + Array(repeating: "lol", count: width).joined(separator: ", ") + "]\n"
      for level in 1..<depth {
        text += "x-l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: width).joined(separator: ", ") + "]\n"
      }
      bytes = Array(text.utf8) + bytes
      if random.nextInt(below: 2) == 0 { replaceValue(in: &bytes, with: "*l\(depth - 1)", &random) }
    default:
      mutateLines(&bytes, mutation, &random)
    }
  }

  /// The mutations that work on whole lines or on `key: value` pairs.
  private func mutateLines(_ bytes: inout [UInt8], _ mutation: Mutation, _ random: inout SeededGenerator) {
    var lines = Self.lines(bytes)
    func anyLine() -> Int { random.nextInt(below: lines.count) }
    switch mutation {
    case .deleteLine:
      lines.remove(at: anyLine())
    case .duplicateLine:
      let line = anyLine()
      lines.insert(lines[line], at: random.nextInt(below: 2) == 0 ? line : random.nextInt(below: lines.count + 1))
    case .swapLines:
      lines.swapAt(anyLine(), anyLine())
    case .foreignLine:
      let other = Self.lines(corpus[random.nextInt(below: corpus.count)])
      lines.insert(other[random.nextInt(below: other.count)], at: random.nextInt(below: lines.count + 1))
    case .reindentLine:
      let line = anyLine()
      if random.nextInt(below: 2) == 0 {
        lines[line].insert(contentsOf: Array(repeating: 0x20, count: 1 + random.nextInt(below: 4)), at: 0)
      } else {
        lines[line].removeFirst(min(lines[line].prefix { $0 == 0x20 }.count, 1 + random.nextInt(below: 4)))
      }
    case .tabIndent:
      let line = anyLine()
      let indent = lines[line].prefix { $0 == 0x20 }.count
      lines[line].replaceSubrange(0..<indent, with: [0x09] + Array(repeating: 0x20, count: max(0, indent - 2)))
    case .deepFlowNesting:
      let depth = [10, 255, 256, 257, 300, 2_000][random.nextInt(below: 6)]
      let open = random.nextInt(below: 2) == 0 ? "[" : "{a: "
      let close = open == "[" ? "]" : "}"
      let text = String(repeating: open, count: depth) + "1" + String(repeating: close, count: random.nextInt(below: 8) == 0 ? depth / 2 : depth)
      replaceValue(inLines: &lines, with: text, &random)
    case .deepBlockNesting:
      let depth = [50, 255, 256, 300][random.nextInt(below: 4)]
      let block = (0..<depth).map { level in Array((String(repeating: " ", count: level) + (level % 2 == 0 ? "k:" : "- ")).utf8) }
      lines.insert(contentsOf: block, at: random.nextInt(below: lines.count + 1))
    default:
      mutateValues(&lines, mutation, &random)
    }
    bytes = Self.joined(lines)
  }

  /// The mutations that need `key: value` lines.
  private func mutateValues(_ lines: inout [[UInt8]], _ mutation: Mutation, _ random: inout SeededGenerator) {
    let valueLines = lines.indices.filter { Self.valueStart(lines[$0]) != nil }
    guard !valueLines.isEmpty else { return }
    let line = valueLines[random.nextInt(below: valueLines.count)]
    let start = Self.valueStart(lines[line])!
    switch mutation {
    case .replaceValue:
      let values = NastyValues.scalars
      lines[line].replaceSubrange(start..., with: Array(values[random.nextInt(below: values.count)].utf8))
    case .emptyValue:
      lines[line].removeSubrange(start...)
    case .swapValues:
      let other = valueLines[random.nextInt(below: valueLines.count)]
      let otherStart = Self.valueStart(lines[other])!
      let value = Array(lines[line][start...])
      lines[line].replaceSubrange(start..., with: lines[other][otherStart...])
      lines[other].replaceSubrange(otherStart..., with: value)
    case .anchorAndAlias:
      let anchor = ["a", "fz", "b0", "x-y", "é", String(repeating: "q", count: 300)][random.nextInt(below: 6)]
      lines[line].insert(contentsOf: Array("&\(anchor) ".utf8), at: start)
      let other = valueLines[random.nextInt(below: valueLines.count)]
      let otherStart = Self.valueStart(lines[other])!
      let alias = random.nextInt(below: 4) == 0 ? "*\(anchor) " : "*\(anchor)"
      if random.nextInt(below: 3) == 0 {
        lines[other].insert(contentsOf: Array(alias.utf8), at: otherStart)  // an alias with trailing text
      } else {
        lines[other].replaceSubrange(otherStart..., with: Array(alias.utf8))
      }
    case .mergeKey:
      let indent = lines[line].prefix { $0 == 0x20 || $0 == 0x2D }.count
      let merges = ["<<: *a", "<<: [*a, *a]", "<<: {a: 1}", "<<: 1", "<<: [1]", "<<: {}", "<<: *l0", "<<:"]
      lines.insert(Array(repeating: 0x20, count: indent) + Array(merges[random.nextInt(below: merges.count)].utf8),
                   at: line + random.nextInt(below: 2))
    case .unsafeName:
      let names = ["a/b", "..", ".", "../x", "/", "a\\tb", "\"a\\tb\"", "\"\\0\"", "\"a\\u0007\"", "\"..\"", "'a/b'",
                   "\"line\\nbreak\"", "-", "~", "nul\u{0}", "x\u{7F}", "é", "a b", String(repeating: "x", count: 300)]
      let named = lines.indices.filter { Self.key(lines[$0]).map { ["name", "kind", "cell"].contains($0) } ?? false }
      let target = named.isEmpty ? line : named[random.nextInt(below: named.count)]
      lines[target].replaceSubrange(Self.valueStart(lines[target])!..., with: Array(names[random.nextInt(below: names.count)].utf8))
    case .typoKey:
      let keyStart = lines[line].firstIndex { $0 != 0x20 && $0 != 0x2D } ?? 0
      let keyEnd = start - 2
      guard keyEnd > keyStart else { return }
      let at = keyStart + random.nextInt(below: keyEnd - keyStart)
      switch random.nextInt(below: 3) {
      case 0: lines[line].remove(at: at)
      case 1: lines[line].insert(lines[line][at], at: at)
      default: lines[line][at] = UInt8(ascii: "a") + UInt8(random.nextInt(below: 26))
      }
    case .longLine:
      let length = [1_000, 10_000, 100_000][random.nextInt(below: 3)]
      let unit = ["a", "9", "é", " ", "\\"][random.nextInt(below: 5)]
      lines[line].replaceSubrange(start..., with: Array(String(repeating: unit, count: length).utf8))
    case .unicodeKey:
      let keyStart = lines[line].firstIndex { $0 != 0x20 && $0 != 0x2D } ?? 0
      let marks = ["\u{301}", "\u{200B}", "\u{FEFF}", "\u{0130}", "\u{212A}", "\u{2028}", "\u{85}"]
      lines[line].insert(contentsOf: Array(marks[random.nextInt(below: marks.count)].utf8), at: keyStart + random.nextInt(below: max(1, start - 2 - keyStart)))
    default:
      preconditionFailure("\(mutation) is not a value mutation")
    }
  }

  // MARK: - Text helpers

  /// Replaces the value of a random `key: value` line of `bytes`.
  private func replaceValue(in bytes: inout [UInt8], with text: String, _ random: inout SeededGenerator) {
    var lines = Self.lines(bytes)
    replaceValue(inLines: &lines, with: text, &random)
    bytes = Self.joined(lines)
  }

  private func replaceValue(inLines lines: inout [[UInt8]], with text: String, _ random: inout SeededGenerator) {
    let valueLines = lines.indices.filter { Self.valueStart(lines[$0]) != nil }
    guard !valueLines.isEmpty else { return }
    let line = valueLines[random.nextInt(below: valueLines.count)]
    lines[line].replaceSubrange(Self.valueStart(lines[line])!..., with: Array(text.utf8))
  }

  /// A random non-empty range (empty only when `count` is 0).
  private static func range(in count: Int, maxLength: Int, _ random: inout SeededGenerator) -> Range<Int> {
    guard count > 0 else { return 0..<0 }
    let start = random.nextInt(below: count)
    return start..<min(count, start + 1 + random.nextInt(below: maxLength))
  }

  /// Lines without their `\n`; at least one (possibly empty).
  static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
    bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
  }

  static func joined(_ lines: [[UInt8]]) -> [UInt8] {
    Array(lines.joined(separator: [0x0A]))
  }

  /// Where the value of a `key: value` line starts (after `: `), ignoring
  /// lines that are comments or have nothing after the colon.
  static func valueStart(_ line: [UInt8]) -> Int? {
    guard line.first(where: { $0 != 0x20 }) != UInt8(ascii: "#") else { return nil }
    for index in line.indices.dropLast() where line[index] == UInt8(ascii: ":") && line[index + 1] == 0x20 {
      return index + 2 < line.count ? index + 2 : nil
    }
    return nil
  }

  /// The key of a `key: value` line, without indentation or a list dash.
  static func key(_ line: [UInt8]) -> String? {
    guard let start = valueStart(line) else { return nil }
    let key = line[..<(start - 2)].drop { $0 == 0x20 || $0 == 0x2D }
    return String(decoding: key, as: UTF8.self)
  }
}
