import CCPUFeatures

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// The vector instruction sets the engine's kernels are compiled for (the
/// `RNNLabKernels*` modules), chosen once per process at run time.
///
/// Every path gives the same bits: the kernels are one Swift source with
/// explicit fused multiply-adds, vectorised across output elements only, so
/// the vector width changes the speed and nothing else. One binary runs on
/// any x86-64 CPU; `RNNLAB_ISA` forces a narrower path (tests, benchmarks).
public enum InstructionSet: String, CaseIterable, Sendable {
  /// x86-64-v4: AVX-512 (F, BW, CD, DQ, VL), 16 floats per register.
  case avx512
  /// x86-64-v3: AVX2 + FMA, 8 floats per register.
  case avx2
  /// Any x86-64 CPU (SSE2; fused multiply-adds through the C library's
  /// correctly rounded `fmaf`, slowly), and every other architecture.
  case baseline

  /// The environment variable that forces a path.
  public static let environmentVariable = "RNNLAB_ISA"

  /// Whether this CPU (and its OS) runs the path.
  public var isSupported: Bool {
    switch self {
    case .avx512: Self.cpuLevel >= 4
    case .avx2: Self.cpuLevel >= 3
    case .baseline: true
    }
  }

  /// The x86-64 level CPUID and XGETBV report (1 on other architectures).
  private static let cpuLevel = Int(rnnlab_x86_64_level())

  /// The paths this machine runs, widest first.
  public static var supported: [InstructionSet] { allCases.filter(\.isSupported) }

  /// The widest path this machine runs.
  public static var widest: InstructionSet { supported[0] }

  /// The path `RNNLAB_ISA` asks for in `value` (nil or empty: the widest).
  /// - Throws: `InstructionSetError` for an unknown name or a path this CPU lacks.
  public static func requested(_ value: String?) throws(InstructionSetError) -> InstructionSet {
    guard let value, !value.isEmpty else { return widest }
    guard let isa = InstructionSet(rawValue: value) else {
      let names = allCases.map(\.rawValue).joined(separator: ", ")
      throw InstructionSetError(message: "unknown instruction set '\(value)' (expected one of \(names))")
    }
    guard isa.isSupported else {
      let names = supported.map(\.rawValue).joined(separator: ", ")
      throw InstructionSetError(message: "this CPU does not support \(value) (it supports \(names))")
    }
    return isa
  }

  /// `RNNLAB_ISA` as this process's environment has it, or nil.
  public static var environmentValue: String? {
    getenv(environmentVariable).map { String(cString: $0) }
  }

  /// The path the engine runs in this process, fixed on first use: the one
  /// `RNNLAB_ISA` names, else the widest (`runner` rejects a bad value at
  /// start-up, before this is read).
  public static let active: InstructionSet = (try? requested(environmentValue)) ?? widest
}

/// A bad `RNNLAB_ISA` value, as one line: `RNNLAB_ISA: error: …`.
public struct InstructionSetError: Error, Equatable, CustomStringConvertible {
  public let message: String
  public var description: String { "\(InstructionSet.environmentVariable): error: \(message)" }
}
