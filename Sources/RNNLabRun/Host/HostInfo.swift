import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(Musl)
  import Musl
#endif

/// Facts about the machine, for `manifest.json` and the lock file (the
/// source commit is fixed at build time: `BuildInfo.commit`).
public enum HostInfo {
  /// The host name (`gethostname`), without a DNS lookup.
  public static var name: String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
