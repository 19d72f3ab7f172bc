internal import CYAML

/// Owns one libyaml parser over an in-memory buffer and hands out its events
/// one at a time as Swift values.
///
/// libyaml keeps a pointer to the input and to its own state, so both live in
/// manually allocated memory that this class frees in `deinit`; events are
/// copied and deleted immediately, so no C memory escapes.
final class YAMLParser {
  private let parser: UnsafeMutablePointer<yaml_parser_t>
  private let input: UnsafeMutableBufferPointer<UInt8>
  /// Positions libyaml gives as byte offsets, and the end of input: libyaml
  /// reports errors at end of input on a line past the last, clamped here.
  private let layout: YAMLTextLayout
  private let end: (line: Int, column: Int)
  let source: SpecSource
  /// Added to columns on line 1, for text that starts mid-line (the value
  /// of a `--set PATH=VALUE` argument).
  private let firstLineColumnOffset: Int

  init(bytes: [UInt8], source: SpecSource, firstLineColumnOffset: Int = 0) throws(SpecError) {
    self.source = source
    self.firstLineColumnOffset = firstLineColumnOffset
    parser = .allocate(capacity: 1)
    input = .allocate(capacity: max(bytes.count, 1))
    layout = YAMLTextLayout(bytes: bytes)
    end = layout.end
    _ = input.initialize(from: bytes)
    guard yaml_parser_initialize(parser) == 1 else {
      parser.deallocate()
      input.deallocate()
      throw SpecError(in: source, "out of memory while starting the YAML parser")
    }
    yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
  }

  deinit {
    yaml_parser_delete(parser)
    parser.deallocate()
    input.deallocate()
  }

  /// The next event, or the parser's error as one diagnostic.
  func nextEvent() throws(SpecError) -> YAMLEvent {
    var event = yaml_event_t()
    guard yaml_parser_parse(parser, &event) == 1 else { throw parseError() }
    defer { yaml_event_delete(&event) }
    let mark = self.mark(event.start_mark)
    switch event.type {
    case YAML_STREAM_START_EVENT: return .streamStart
    case YAML_STREAM_END_EVENT: return .streamEnd
    case YAML_DOCUMENT_START_EVENT: return .documentStart(mark)
    case YAML_DOCUMENT_END_EVENT: return .documentEnd
    case YAML_ALIAS_EVENT:
      return .alias(anchor: string(event.data.alias.anchor) ?? "", mark: mark)
    case YAML_SCALAR_EVENT:
      let data = event.data.scalar
      let text = data.value.map {
        String(decoding: UnsafeBufferPointer(start: $0, count: data.length), as: UTF8.self)
      } ?? ""
      let scalar = YAMLScalar(text: text, style: style(data.style), tag: string(data.tag))
      return .scalar(scalar, anchor: string(data.anchor), mark: mark)
    case YAML_SEQUENCE_START_EVENT:
      let data = event.data.sequence_start
      return .sequenceStart(anchor: string(data.anchor), tag: string(data.tag), mark: mark)
    case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
    case YAML_MAPPING_START_EVENT:
      let data = event.data.mapping_start
      return .mappingStart(anchor: string(data.anchor), tag: string(data.tag), mark: mark)
    case YAML_MAPPING_END_EVENT: return .mappingEnd
    default:
      throw SpecError(at: mark, "unexpected YAML event")
    }
  }

  // MARK: - Converting C values

  private func mark(_ raw: yaml_mark_t) -> Mark {
    var line = Int(raw.line) + 1
    var column = Int(raw.column) + 1
    if line > end.line {
      (line, column) = end
    }
    if line == 1 { column += firstLineColumnOffset }
    return Mark(source: source, line: line, column: column)
  }

  private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
  }

  private func style(_ raw: yaml_scalar_style_t) -> YAMLScalar.Style {
    switch raw {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
    case YAML_LITERAL_SCALAR_STYLE: return .literal
    case YAML_FOLDED_SCALAR_STYLE: return .folded
    default: return .plain
    }
  }

  /// libyaml's own problem text at its position: the reader reports a byte
  /// offset (bad UTF-8, control characters), the scanner and parser a mark
  /// and often a context ("while parsing a block mapping").
  private func parseError() -> SpecError {
    let state = parser.pointee
    let problem = state.problem.map { String(cString: $0) } ?? "invalid YAML"
    switch state.error {
    case YAML_MEMORY_ERROR:
      return SpecError(in: source, "out of memory while parsing YAML")
    case YAML_READER_ERROR:
      var message = problem
      if state.problem_value != -1 {
        let hex = String(UInt32(bitPattern: state.problem_value), radix: 16, uppercase: true)
        message += " (byte 0x\(hex.count < 2 ? "0" + hex : hex))"
      }
      var (line, column) = layout.position(ofByte: Int(state.problem_offset))
      if line == 1 { column += firstLineColumnOffset }
      return SpecError(at: Mark(source: source, line: line, column: column), message)
    default:
      var message = problem
      if let context = state.context.map({ String(cString: $0) }) {
        let contextMark = mark(state.context_mark)
        message += " (\(context) at \(contextMark))"
      }
      return SpecError(at: mark(state.problem_mark), message)
    }
  }
}
