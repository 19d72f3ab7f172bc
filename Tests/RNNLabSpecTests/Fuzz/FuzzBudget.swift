import Foundation
import RNNLabRandom

/// How long a fuzz run is and which inputs it tries, from the environment:
///
/// - `RNNLAB_FUZZ_ITERATIONS` inputs per fuzz test (default 3000);
/// - `RNNLAB_FUZZ_SEED` the run's seed (default fixed, so the suite is
///   deterministic); every input gets its own seed derived from it;
/// - `RNNLAB_FUZZ_REPLAY` one input seed (as printed by a failure) to run
///   alone, printing its text;
/// - `RNNLAB_FUZZ_INPUT_SECONDS` the time one input may take (default 5; a debug build plans the largest grids allowed in about 3).
struct FuzzBudget {
  let iterations: Int
  let runSeed: UInt64
  let replay: UInt64?
  let perInputLimit: Duration

  init(defaultIterations: Int = 3000) {
    let environment = ProcessInfo.processInfo.environment
    iterations = environment["RNNLAB_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? defaultIterations
    runSeed = environment["RNNLAB_FUZZ_SEED"].flatMap(Self.seed) ?? 0x5EED_F022
    replay = environment["RNNLAB_FUZZ_REPLAY"].flatMap(Self.seed)
    perInputLimit = .milliseconds(environment["RNNLAB_FUZZ_INPUT_SECONDS"].flatMap { Double($0) }.map { Int($0 * 1000) } ?? 5000)
  }

  /// The seeds of the inputs to try, in order: derived from the run seed
  /// and a stream name per test, or only the replayed one.
  func inputSeeds(stream: String) -> [UInt64] {
    if let replay { return [replay] }
    let base = StableHash.combine(runSeed, StableHash.fnv1a64(stream))
    return (0..<iterations).map { StableHash.combine(base, UInt64($0)) }
  }

  /// Decimal or `0x` hexadecimal.
  static func seed(_ text: String) -> UInt64? {
    text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
  }

  /// The bytes as text, with `\n` kept and every other byte outside
  /// printable ASCII as `\xHH`, so a replayed input can be read exactly.
  static func escaped(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
      byte == 0x0A || (0x20..<0x7F).contains(byte) && byte != UInt8(ascii: "\\")
        ? String(UnicodeScalar(byte)) : "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }.joined()
  }

  /// `0x…` with 16 digits, the form failures print.
  static func hex(_ seed: UInt64) -> String {
    let digits = String(seed, radix: 16)
    return "0x" + String(repeating: "0", count: 16 - digits.count) + digits
  }
}
