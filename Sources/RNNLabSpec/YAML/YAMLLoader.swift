import Foundation

/// Reads YAML files and text into node trees; every failure, from a missing
/// file to a syntax error, becomes one `SpecError` diagnostic.
public enum YAMLLoader {
  /// Largest file accepted; specs are a few kilobytes.
  public static let maxFileBytes = 4 << 20

  /// The root node of the single document in the file at `path`, or nil
  /// when the file holds no document (empty, whitespace or comments only).
  public static func load(path: String) throws(SpecError) -> YAMLNode? {
    let source = SpecSource(name: path)
    return try parse(bytes: try readFile(path, source: source), source: source)
  }

  /// The root node of the single document in `text`, or nil when it holds
  /// none. `firstLineColumnOffset` shifts columns on line 1, for text that
  /// begins mid-line in what the user typed.
  public static func parse(_ text: String, source: SpecSource, firstLineColumnOffset: Int = 0) throws(SpecError) -> YAMLNode? {
    try parse(bytes: Array(text.utf8), source: source, firstLineColumnOffset: firstLineColumnOffset)
  }

  /// Like `parse(_:source:)` for raw bytes, which may be anything: libyaml
  /// reports invalid UTF-8 and control characters itself.
  public static func parse(bytes: [UInt8], source: SpecSource, firstLineColumnOffset: Int = 0) throws(SpecError) -> YAMLNode? {
    // Blank text holds no document. libyaml would say so too, except that
    // it rejects a tab at the start of a line even when nothing follows.
    let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
    if text.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) { return nil }
    let parser = try YAMLParser(bytes: bytes, source: source, firstLineColumnOffset: firstLineColumnOffset)
    var composer = YAMLComposer(parser: parser)
    return try composer.composeSingleDocument()
  }

  /// The file's bytes, or one diagnostic naming why they cannot be read.
  static func readFile(_ path: String, source: SpecSource) throws(SpecError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw SpecError(in: source, "cannot open: \(errorText())") }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw SpecError(in: source, "cannot read: \(errorText())") }
    if status.st_mode & S_IFMT == S_IFDIR {
      throw SpecError(in: source, "is a directory, expected a YAML spec file")
    }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 << 10)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count == 0 { break }
      if count < 0 {
        if errno == EINTR { continue }
        throw SpecError(in: source, "cannot read: \(errorText())")
      }
      bytes += chunk[..<count]
      if bytes.count > maxFileBytes {
        throw SpecError(in: source, "file is larger than \(maxFileBytes >> 20) MiB; a spec is a small text file")
      }
    }
    return bytes
  }

  private static func errorText() -> String {
    String(cString: strerror(errno)).lowercased()
  }
}
