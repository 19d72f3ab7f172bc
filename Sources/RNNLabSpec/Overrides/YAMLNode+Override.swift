/// Applying `--set` overrides to a spec's node tree before it is decoded,
/// guided by `SpecSchema.Shape`: a path may name any key the schema knows,
/// whether or not the file writes it (`models.lstm.layers` when `layers` was
/// left at its default); it may not name keys the schema does not know.
extension YAMLNode {
  /// The tree with `override.value` placed at `override.path`.
  public func applying(_ override: SpecOverride) throws(SpecError) -> YAMLNode {
    do {
      return try Self.set(override.value, at: Substring(override.path), in: self, shape: SpecSchema.specShape, walked: "")
    } catch {
      throw SpecError(in: override.source, error.message)
    }
  }

  /// Why an override cannot be applied; becomes a diagnostic of its source.
  struct OverrideFailure: Error {
    let message: String
  }

  private static func set(
    _ value: YAMLNode, at path: Substring, in node: YAMLNode?, shape: SpecSchema.Shape, walked: String
  ) throws(OverrideFailure) -> YAMLNode {
    switch shape {
    case .value:
      throw OverrideFailure(message: "\(Quoting.quoted(walked)) is a single value and has no key \(Quoting.quoted(String(path)))")
    case .mapping(let keys):
      return try setInMapping(value, at: path, in: node, keys: keys, walked: walked)
    case .namedList(let element, let noun, let fallbackKey):
      return try setInList(value, at: path, in: node, element: element, noun: noun, fallbackKey: fallbackKey, walked: walked)
    }
  }

  private static func setInMapping(
    _ value: YAMLNode, at path: Substring, in node: YAMLNode?, keys: [String: SpecSchema.Shape], walked: String
  ) throws(OverrideFailure) -> YAMLNode {
    let key = String(path.prefix { $0 != "." })
    let rest = path.dropFirst(key.count + 1)
    guard let childShape = keys[key] else {
      let known = SpecSchema.orderedKeys(of: keys)
      let place = walked.isEmpty ? "the spec" : Quoting.quoted(walked)
      if let guess = Suggestion.closest(to: key, among: known) {
        throw OverrideFailure(message: "unknown key \(Quoting.quoted(key)) (did you mean '\(guess)'?)")
      }
      throw OverrideFailure(message: "unknown key \(Quoting.quoted(key)) in \(place) (known keys: \(known.joined(separator: ", ")))")
    }
    let here = walked.isEmpty ? key : walked + "." + key
    var mapping = node ?? YAMLNode(.mapping([]), mark: value.mark)
    guard var entries = mapping.entries else {
      let owner = walked.isEmpty ? "the spec" : Quoting.quoted(walked)
      throw OverrideFailure(message: "cannot set \(Quoting.quoted(here)): \(owner) at \(mapping.mark) is \(mapping.kindDescription), not a mapping")
    }
    let index = entries.firstIndex { $0.key == key }
    let newValue = path.count == key.count
      ? value
      : try set(value, at: rest, in: index.map { entries[$0].value }, shape: childShape, walked: here)
    if let index {
      entries[index].value = newValue
    } else {
      entries.append(YAMLEntry(key: key, keyMark: value.mark, value: newValue))
    }
    mapping.content = .mapping(entries)
    return mapping
  }

  /// Entries are found by name, the longest that fits the path (names may
  /// contain dots), then by `fallbackKey` (tasks: kind) when no name fits.
  private static func setInList(
    _ value: YAMLNode, at path: Substring, in node: YAMLNode?, element: SpecSchema.Shape, noun: String,
    fallbackKey: String, walked: String
  ) throws(OverrideFailure) -> YAMLNode {
    guard var list = node, var items = list.items else {
      let found = node.map { "\($0.kindDescription) at \($0.mark)" } ?? "nothing"
      throw OverrideFailure(message: "cannot set \(Quoting.quoted("\(walked).\(path)")): \(Quoting.quoted(walked)) is \(found), not a list of \(noun)s")
    }
    func text(_ item: YAMLNode, _ key: String) -> String? { item[key]?.scalar?.text }
    func fits(_ name: String?) -> Bool {
      guard let name, !name.isEmpty else { return false }
      return path == name || path.hasPrefix(name + ".")
    }
    let names = items.map { text($0, "name") ?? text($0, fallbackKey) }
    var matches = items.indices.filter { fits(names[$0]) }
    var matchedName: (Int) -> String = { names[$0] ?? "" }
    if matches.isEmpty {
      matches = items.indices.filter { fits(text(items[$0], fallbackKey)) }
      matchedName = { text(items[$0], fallbackKey) ?? "" }
      if matches.count > 1 {
        let kind = matchedName(matches[0])
        let which = Quoting.list(matches.map { names[$0] ?? "" }, quoting: true)
        throw OverrideFailure(message: "\(noun)s \(which) all have \(fallbackKey) \(Quoting.quoted(kind)); address one by name")
      }
    }
    guard let index = matches.max(by: { matchedName($0).count < matchedName($1).count }) else {
      let first = String(path.prefix { $0 != "." })
      let known = names.compactMap { $0 }
      let hint = Suggestion.closest(to: first, among: known).map { " (did you mean \(Quoting.quoted($0))?)" }
        ?? " (the spec's \(noun)s: \(Quoting.list(known)))"
      throw OverrideFailure(message: "no \(noun) named \(Quoting.quoted(first))\(hint)")
    }
    let name = matchedName(index)
    if path.count == name.count {
      items[index] = value
    } else {
      let rest = path.dropFirst(name.count + 1)
      items[index] = try set(value, at: rest, in: items[index], shape: element, walked: "\(walked).\(name)")
    }
    list.content = .sequence(items)
    return list
  }
}
