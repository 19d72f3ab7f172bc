import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(Musl)
  import Musl
#endif

/// Who holds a results lock: written into the lock file so that a refused
/// runner can say whom it is waiting for.
struct LockOwner: Codable, Equatable, Sendable {
  var pid: Int32
  var host: String
  /// ISO 8601, UTC.
  var started: String

  /// This process, starting at `started`.
  static func current(started: Date) -> LockOwner {
    LockOwner(
      pid: getpid(), host: HostInfo.name,
      started: ISO8601DateFormatter().string(from: started))
  }

  /// One line of JSON with sorted keys.
  var encoded: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = (try? encoder.encode(self)) ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// The owner recorded in the open lock file, or nil when it is empty or unreadable
  /// (e.g. the holder has taken the lock but not yet written its record).
  static func read(from descriptor: Int32) -> LockOwner? {
    var bytes = [UInt8](repeating: 0, count: 4096)
    let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
    guard count > 0 else { return nil }
    return try? JSONDecoder().decode(LockOwner.self, from: Data(bytes[0..<count]))
  }
}
