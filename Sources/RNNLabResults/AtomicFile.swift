import Foundation

/// Writes files so that a reader (or a run killed at any moment) sees either
/// the old content or the complete new content, never a half-written file.
public enum AtomicFile {
  /// Writes `data` to a temporary file next to `url`, flushes it to disk
  /// (unless `synchronize` is false: then a killed process still leaves the
  /// old or the new file, but a power loss may not) and renames it over `url`.
  /// Creates the parent folder if needed.
  public static func write(_ data: Data, to url: URL, synchronize: Bool = true) throws {
    let fm = FileManager.default
    let folder = url.deletingLastPathComponent()
    do {
      try fm.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw AtomicFileError(
        path: url.path, reason: "cannot create folder \(folder.path): \(AtomicFileError.reason(error))")
    }
    // pid + random suffix: unique across processes and across threads of one run.
    let temp = folder.appendingPathComponent(
      ".\(url.lastPathComponent).tmp-\(getpid())-\(UUID().uuidString.prefix(8))")
    // open(2), not FileManager.createFile, which itself writes through a
    // `.dat.nosync…` file of its own that a kill at that moment would leave.
    let descriptor = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw AtomicFileError(path: url.path, reason: "cannot create \(temp.path): \(String(cString: strerror(errno)))")
    }
    do {
      let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
      defer { try? handle.close() }
      try handle.write(contentsOf: data)
      if synchronize { try handle.synchronize() }
    } catch {
      try? fm.removeItem(at: temp)
      throw AtomicFileError(path: url.path, reason: AtomicFileError.reason(error))
    }
    if rename(temp.path, url.path) != 0 {
      let reason = String(cString: strerror(errno))
      try? fm.removeItem(at: temp)
      throw AtomicFileError(path: url.path, reason: reason)
    }
  }

  /// Writes UTF-8 text atomically.
  public static func write(_ text: String, to url: URL) throws {
    try write(Data(text.utf8), to: url)
  }
}

/// A write that failed, naming the file it was for.
public struct AtomicFileError: Error, CustomStringConvertible {
  public let path: String
  public let reason: String

  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }
  public var description: String { "\(path): error: cannot write file: \(reason)" }
}
