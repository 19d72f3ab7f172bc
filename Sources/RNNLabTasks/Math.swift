#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// The natural logarithm, for closed-form baselines; kept in one file so the
/// task files need no platform imports.
func naturalLog(_ x: Double) -> Double { log(x) }
