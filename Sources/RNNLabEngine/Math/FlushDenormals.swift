#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs engine work with subnormal floats flushed to zero.
///
/// Vanishing gradients decay through the subnormal range (below 1.2e-38 in
/// float32) on long sequences, and x86 cores take a microcode assist for
/// every subnormal operand: measured, a GRU step at T=200 ran 10× slower in
/// the matrix products because of them. Flushing (the MXCSR FTZ and DAZ bits, which XLA
/// also sets) makes such values exactly 0, which changes nothing a trial
/// reports beyond "vanished". The caller's floating-point environment is
/// restored afterwards, so nothing leaks to other code on the thread.
enum FlushDenormals {
  @inline(__always)
  static func run<R>(_ body: () throws -> R) rethrows -> R {
    #if arch(x86_64) && canImport(Glibc)
    var saved = fenv_t()
    fegetenv(&saved)
    var flushing = saved
    flushing.__mxcsr |= 0x8040  // FTZ (bit 15) and DAZ (bit 6)
    fesetenv(&flushing)
    defer { fesetenv(&saved) }
    #endif
    return try body()
  }
}
