/// Builds the node tree of one YAML document from parser events, resolving
/// anchors and aliases (and `<<` merge keys) and enforcing the limits that
/// keep hostile input harmless.
struct YAMLComposer {
  /// Most nodes a document may expand to, aliases counted at full size: a
  /// spec needs a few hundred; an alias bomb needs billions and is stopped
  /// at the alias that crosses the line, after a few thousand events.
  static let maxNodes = 100_000
  /// Deepest nesting accepted; the composer recurses once per level, so this
  /// bound is also what keeps deep input from overflowing the stack.
  static let maxDepth = 256

  /// A composed subtree with the sizes the limits need.
  private struct Composed {
    var node: YAMLNode
    /// Nodes in the subtree, aliases expanded.
    var size: Int
    /// Levels of collections in the subtree (a scalar is 0).
    var height: Int
  }

  private let parser: YAMLParser
  private var anchors: [String: Composed] = [:]
  private var expandedNodes = 0

  init(parser: YAMLParser) {
    self.parser = parser
  }

  /// The root of the only document, or nil for a stream with no document
  /// (an empty file, or only comments). More than one document is an error.
  mutating func composeSingleDocument() throws(SpecError) -> YAMLNode? {
    guard case .streamStart = try parser.nextEvent() else {
      preconditionFailure("libyaml streams begin with STREAM-START")
    }
    guard case .documentStart = try parser.nextEvent() else { return nil }
    let root = try compose(try parser.nextEvent(), depth: 0).node
    _ = try parser.nextEvent()  // DOCUMENT-END
    if case .documentStart(let mark) = try parser.nextEvent() {
      throw SpecError(at: mark, "more than one YAML document; a spec is a single document")
    }
    return root
  }

  // MARK: - Nodes

  private mutating func compose(_ event: YAMLEvent, depth: Int) throws(SpecError) -> Composed {
    switch event {
    case .scalar(let scalar, let anchor, let mark):
      try checkTag(scalar, at: mark)
      return try register(Composed(node: YAMLNode(.scalar(scalar), mark: mark), size: 1, height: 0),
                          anchor: anchor, at: mark)
    case .alias(let anchor, let mark):
      guard let target = anchors[anchor] else {
        throw SpecError(at: mark, "undefined alias \(Quoting.quoted("*" + anchor))")
      }
      expandedNodes += target.size
      if expandedNodes > Self.maxNodes {
        throw SpecError(at: mark, "alias \(Quoting.quoted("*" + anchor)) expands the document past \(Self.maxNodes) nodes")
      }
      if depth + target.height > Self.maxDepth {
        throw SpecError(at: mark, "alias \(Quoting.quoted("*" + anchor)) nests the document deeper than \(Self.maxDepth) levels")
      }
      return target
    case .sequenceStart(let anchor, let tag, let mark):
      try checkCollection(tag: tag, expected: YAMLTag.sequence, depth: depth, at: mark)
      var items: [YAMLNode] = []
      var size = 1
      var height = 0
      while true {
        let next = try parser.nextEvent()
        if case .sequenceEnd = next { break }
        let item = try compose(next, depth: depth + 1)
        items.append(item.node)
        size += item.size
        height = max(height, item.height)
      }
      return try register(Composed(node: YAMLNode(.sequence(items), mark: mark), size: size, height: height + 1),
                          anchor: anchor, at: mark)
    case .mappingStart(let anchor, let tag, let mark):
      try checkCollection(tag: tag, expected: YAMLTag.mapping, depth: depth, at: mark)
      return try register(try composeMapping(at: mark, depth: depth), anchor: anchor, at: mark)
    default:
      // libyaml only produces well-nested streams, so this is unreachable.
      throw SpecError(in: parser.source, "unexpected YAML structure")
    }
  }

  private mutating func composeMapping(at mark: Mark, depth: Int) throws(SpecError) -> Composed {
    var entries: [YAMLEntry] = []
    var keyMarks: [String: Mark] = [:]
    var merged: [YAMLEntry] = []
    var size = 1
    var height = 0
    while true {
      let keyEvent = try parser.nextEvent()
      if case .mappingEnd = keyEvent { break }
      let key = try compose(keyEvent, depth: depth + 1)
      let value = try compose(try parser.nextEvent(), depth: depth + 1)
      size += key.size + value.size
      height = max(height, value.height)
      guard let keyScalar = key.node.scalar else {
        // At the key as written: an aliased key's node marks its anchor.
        throw SpecError(at: Self.mark(of: keyEvent) ?? key.node.mark,
                        "mapping keys must be plain values, not \(key.node.kindDescription)")
      }
      if keyScalar.text == "<<", keyScalar.style == .plain, keyScalar.tag == nil {
        merged += try mergeSources(value.node)
        continue
      }
      if let first = keyMarks[keyScalar.text] {
        throw SpecError(at: key.node.mark,
                        "duplicate key \(Quoting.quoted(keyScalar.text)) (first at \(first))")
      }
      keyMarks[keyScalar.text] = key.node.mark
      entries.append(YAMLEntry(key: keyScalar.text, keyMark: key.node.mark, value: value.node))
    }
    // Explicit keys win over merged ones; among merged maps the first wins.
    for entry in merged where keyMarks[entry.key] == nil {
      keyMarks[entry.key] = entry.keyMark
      entries.append(entry)
    }
    return Composed(node: YAMLNode(.mapping(entries), mark: mark), size: size, height: height + 1)
  }

  /// The entries a `<<` merge key brings in: one mapping or a list of them.
  private func mergeSources(_ value: YAMLNode) throws(SpecError) -> [YAMLEntry] {
    switch value.content {
    case .mapping(let entries): return entries
    case .sequence(let items):
      var result: [YAMLEntry] = []
      var seen = Set<String>()
      for item in items {
        guard let entries = item.entries else {
          throw SpecError(at: item.mark, "'<<' merges mappings, got \(item.kindDescription)")
        }
        result += entries.filter { seen.insert($0.key).inserted }
      }
      return result
    case .scalar:
      throw SpecError(at: value.mark, "'<<' merges mappings, got \(value.kindDescription)")
    }
  }

  /// Where a node event starts.
  private static func mark(of event: YAMLEvent) -> Mark? {
    switch event {
    case .alias(_, let mark), .scalar(_, _, let mark), .sequenceStart(_, _, let mark), .mappingStart(_, _, let mark):
      return mark
    default:
      return nil
    }
  }

  // MARK: - Checks

  private mutating func register(_ composed: Composed, anchor: String?, at mark: Mark) throws(SpecError) -> Composed {
    expandedNodes += 1
    if expandedNodes > Self.maxNodes {
      throw SpecError(at: mark, "document has more than \(Self.maxNodes) nodes")
    }
    if let anchor { anchors[anchor] = composed }
    return composed
  }

  private func checkCollection(tag: String?, expected: String, depth: Int, at mark: Mark) throws(SpecError) {
    if depth >= Self.maxDepth {
      throw SpecError(at: mark, "nesting deeper than \(Self.maxDepth) levels")
    }
    if let tag, tag != expected, tag != YAMLTag.nonSpecific {
      throw SpecError(at: mark, "unsupported tag \(Quoting.quoted(tag)) on a collection")
    }
  }

  /// Only the core schema's tags are accepted, and a tagged scalar must fit
  /// its tag (`!!int abc` is an error, not a string).
  private func checkTag(_ scalar: YAMLScalar, at mark: Mark) throws(SpecError) {
    guard let tag = scalar.tag, tag != YAMLTag.nonSpecific, tag != YAMLTag.string else { return }
    let fits: Bool
    switch tag {
    case YAMLTag.int:
      switch scalar.value {
      case .int, .integerOutOfRange: fits = true
      default: fits = false
      }
    case YAMLTag.float:
      if case .float = scalar.value { fits = true } else { fits = false }
    case YAMLTag.bool:
      if case .bool = scalar.value { fits = true } else { fits = false }
    case YAMLTag.null:
      fits = ScalarValue.isNull(scalar.text)
    default:
      throw SpecError(at: mark, "unsupported tag \(Quoting.quoted(tag))")
    }
    if !fits {
      let shortTag = "!!" + tag.dropFirst("tag:yaml.org,2002:".count)
      throw SpecError(at: mark, "\(Quoting.quoted(scalar.text)) is not a valid \(shortTag)")
    }
  }
}
