import Foundation
import RNNLabEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(Musl)
  import Musl
#endif

/// The platform a run's numbers depend on, for `manifest.json` and `runner verify`.
extension HostInfo {
  /// `OS arch; CPU model`, e.g. `Linux x86_64; Intel(R) Xeon(R) Processor`.
  ///
  /// The engine sums in orders it fixes itself and picks its vector path at
  /// run time with the same bits on each, so the CPU model does not change a
  /// result; the OS (its C library's `log`, `cos`, `pow`) and the
  /// architecture may (see `Verification.expectsIdenticalResults`).
  public static var platform: String {
    "\(operatingSystem) \(architecture); \(cpuModel)"
  }

  /// The kernel's name (`uname -s`): `Linux`, `Darwin`.
  static var operatingSystem: String { unameField(\.sysname) }

  /// The machine architecture (`uname -m`): `x86_64`, `arm64`, `aarch64`.
  static var architecture: String { unameField(\.machine) }

  /// The CPU's marketing name, or `unknown CPU`.
  static var cpuModel: String {
    #if canImport(Darwin)
      var size = 0
      guard sysctlbyname("machdep.cpu.brand_string", nil, &size, nil, 0) == 0, size > 0 else {
        return "unknown CPU"
      }
      var buffer = [CChar](repeating: 0, count: size)
      guard sysctlbyname("machdep.cpu.brand_string", &buffer, &size, nil, 0) == 0 else { return "unknown CPU" }
      return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    #else
      guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown CPU" }
      return cpuModel(inCPUInfo: text) ?? "unknown CPU"
    #endif
  }

  /// The first CPU's model in Linux `/proc/cpuinfo` text: `model name` on x86,
  /// else the ARM `CPU implementer`/`CPU part` pair.
  static func cpuModel(inCPUInfo text: String) -> String? {
    var fields: [String: String] = [:]
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.trimmingCharacters(in: .whitespaces).isEmpty, !fields.isEmpty { break }  // first CPU only
      guard let colon = line.firstIndex(of: ":") else { continue }
      let key = line[..<colon].trimmingCharacters(in: .whitespaces)
      fields[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    if let name = fields["model name"], !name.isEmpty { return name }
    if let implementer = fields["CPU implementer"], let part = fields["CPU part"] {
      return "CPU implementer \(implementer) part \(part)"
    }
    return nil
  }

  private static func unameField<T>(_ field: KeyPath<utsname, T>) -> String {
    var info = utsname()
    guard uname(&info) == 0 else { return "unknown" }
    return withUnsafeBytes(of: info[keyPath: field]) { bytes in
      String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }
  }
}
