/// Lines and columns of a YAML input counted the way libyaml counts them,
/// for the positions libyaml does not give as marks: reader errors (a byte
/// offset) and the end of input.
///
/// libyaml reads UTF-8, or UTF-16 when the input starts with its byte-order
/// mark; it skips a leading byte-order mark; it breaks lines at LF, CR, CR LF,
/// NEL (U+0085) and the Unicode line and paragraph separators; and it counts
/// columns in characters (code points). Positions computed with only `\n`
/// in mind are wrong for old-Mac CR files, UTF-16 files and files with NEL.
struct YAMLTextLayout {
  private enum Encoding { case utf8, utf16LittleEndian, utf16BigEndian }

  private let bytes: [UInt8]
  private let encoding: Encoding
  /// Bytes of the leading byte-order mark, which take no column.
  private let markLength: Int

  init(bytes: [UInt8]) {
    self.bytes = bytes
    if bytes.starts(with: [0xFF, 0xFE]) {
      (encoding, markLength) = (.utf16LittleEndian, 2)
    } else if bytes.starts(with: [0xFE, 0xFF]) {
      (encoding, markLength) = (.utf16BigEndian, 2)
    } else {
      (encoding, markLength) = (.utf8, bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)
    }
  }

  /// The 1-based line and column just past the last character.
  var end: (line: Int, column: Int) { position(ofByte: bytes.count) }

  /// The 1-based line and column of the character that starts at byte
  /// `offset` (or of the end of input when the offset is past it).
  func position(ofByte offset: Int) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    var index = markLength
    let end = min(offset, bytes.count)
    while index < end {
      let (value, width) = character(at: index)
      switch value {
      case 0x0D where character(at: index + width).value == 0x0A:
        break  // CR LF: the LF makes the break
      case 0x0A, 0x0D, 0x85, 0x2028, 0x2029:
        line += 1
        column = 1
      default:
        column += 1
      }
      index += width
    }
    return (line, column)
  }

  /// The code point at byte `index` and the bytes it takes; an invalid
  /// sequence counts as one character the way Unicode replaces it (its
  /// maximal subpart, as an editor shows one U+FFFD), and reading past the
  /// end gives a value that is no break.
  private func character(at index: Int) -> (value: UInt32, width: Int) {
    guard index < bytes.count else { return (UInt32.max, 1) }
    switch encoding {
    case .utf8:
      if bytes[index] < 0x80 { return (UInt32(bytes[index]), 1) }
      var decoder = Unicode.UTF8.ForwardParser()
      var rest = bytes[index...].makeIterator()
      switch decoder.parseScalar(from: &rest) {
      case .valid(let encoded): return (Unicode.UTF8.decode(encoded).value, encoded.count)
      case .error(let length): return (0xFFFD, length)
      case .emptyInput: return (UInt32.max, 1)
      }
    case .utf16LittleEndian, .utf16BigEndian:
      guard let unit = codeUnit(at: index) else { return (UInt32.max, 1) }
      if (0xD800..<0xDC00).contains(unit), let low = codeUnit(at: index + 2), (0xDC00..<0xE000).contains(low) {
        return (0x10000 + (UInt32(unit) - 0xD800) << 10 + (UInt32(low) - 0xDC00), 4)
      }
      return (UInt32(unit), 2)
    }
  }

  private func codeUnit(at index: Int) -> UInt16? {
    guard index + 1 < bytes.count else { return nil }
    let (first, second) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
    return encoding == .utf16LittleEndian ? second << 8 | first : first << 8 | second
  }
}
