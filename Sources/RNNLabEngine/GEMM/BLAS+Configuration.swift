#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
import Foundation
#endif

/// Threading, kernel choice and identification of the BLAS in use.
///
/// OpenBLAS built with DYNAMIC_ARCH (Debian's 0.3.21) picks its kernels by
/// CPU model when the library loads, and misses newer CPUs: on an AVX-512
/// Xeon it may choose "Prescott" (SSE3) or "Haswell" (AVX2) kernels, 2–5×
/// slower than its "SkylakeX" AVX-512 ones. Setting `OPENBLAS_CORETYPE`
/// from inside the process is too late (the library reads it in its load-time
/// constructor), so `selectFastestKernels()` sets the variable and re-runs
/// OpenBLAS's own exported selection (`gotoblas_dynamic_quit` +
/// `gotoblas_dynamic_init`), which is exactly what the variable does at load.
extension BLAS {
  /// Makes the BLAS use one thread: trials run in parallel on the cores instead.
  public static func configureSingleThreaded() {
    #if !canImport(Accelerate)
    openblas_set_num_threads(1)
    #endif
  }

  /// The library, version, build and kernel in use, for trial metadata;
  /// e.g. `OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY SkylakeX MAX_THREADS=64`.
  public static var description: String {
    #if canImport(Accelerate)
    return "Accelerate"
    #else
    // OpenBLAS builds this text in one static buffer (strcpy, then strcat of
    // the core name), so two threads asking at once can read
    // "…PrescottPrescott…": serialise the calls.
    return descriptionLock.withLock {
      let config = String(cString: openblas_get_config()).trimmingCharacters(in: .whitespaces)
      let core = coreName ?? "unknown"
      return config.contains(core) ? config : "\(config) core=\(core)"
    }
    #endif
  }

  #if !canImport(Accelerate)
  /// Guards `openblas_get_config()`'s shared buffer.
  private static let descriptionLock = NSLock()
  #endif

  /// OpenBLAS's name for the kernels in use (`SkylakeX`, `Haswell`, …), or nil
  /// for another BLAS.
  public static var coreName: String? {
    #if canImport(Accelerate)
    return nil
    #else
    return String(cString: openblas_get_corename())
    #endif
  }

  /// Switches OpenBLAS to the fastest kernels this CPU runs, once, and returns
  /// the kernel name in use. Leaves a user's `OPENBLAS_CORETYPE` alone, and
  /// does nothing for a BLAS without runtime kernel selection.
  ///
  /// Call it at startup, before the first BLAS call and before starting
  /// threads: while it runs OpenBLAS has no kernel table.
  @discardableResult
  public static func selectFastestKernels() -> String { kernelSelection }

  /// The kernel `selectFastestKernels()` chose, computed on first use (thread-safe once).
  private static let kernelSelection: String = {
    #if canImport(Accelerate)
    return "Accelerate"
    #else
    let current = coreName ?? ""
    guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
      let quit = symbol("gotoblas_dynamic_quit"), let initialize = symbol("gotoblas_dynamic_init"),
      let target = preferredCore(
        current: current, cpuFlags: cpuFlags(), isAvailable: { symbol("gotoblas_" + $0.uppercased()) != nil })
    else { return current }
    typealias Hook = @convention(c) () -> Void
    setenv("OPENBLAS_CORETYPE", target, 1)
    unsafeBitCast(quit, to: Hook.self)()
    unsafeBitCast(initialize, to: Hook.self)()
    unsetenv("OPENBLAS_CORETYPE")
    return coreName ?? target
    #endif
  }()

  /// The OpenBLAS core to switch to, or nil to keep `current`: SkylakeX on
  /// CPUs with AVX-512 (F, CD, BW, DQ, VL) unless an AVX-512 core already
  /// runs; Haswell on AVX2+FMA CPUs that were given an older core. Only names
  /// whose kernel table the library has (`isAvailable`) are returned, because
  /// OpenBLAS exits on an unknown core name.
  static func preferredCore(
    current: String, cpuFlags: Set<String>, isAvailable: (String) -> Bool
  ) -> String? {
    let core = current.lowercased()
    let avx512Cores: Set<String> = ["skylakex", "cooperlake", "sapphirerapids"]
    let avx2Cores: Set<String> = avx512Cores.union(["haswell", "zen"])
    let hasAVX512 = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
      .allSatisfy(cpuFlags.contains)
    let hasAVX2 = ["avx2", "fma"].allSatisfy(cpuFlags.contains)
    if hasAVX512, !avx512Cores.contains(core), isAvailable("SkylakeX") { return "SkylakeX" }
    if hasAVX2, !avx2Cores.contains(core), isAvailable("Haswell") { return "Haswell" }
    return nil
  }

  #if !canImport(Accelerate)
  /// The CPU feature flags the kernel reports (Linux `/proc/cpuinfo`; the
  /// kernel hides AVX-512 there when the OS does not save its registers).
  static func cpuFlags() -> Set<String> {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
      let colon = line.firstIndex(of: ":")
    else { return [] }
    return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
  }

  /// The address of an exported symbol of the loaded libraries, or nil.
  static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
    dlsym(UnsafeMutableRawPointer(bitPattern: 0), name)  // RTLD_DEFAULT
  }
  #endif
}
