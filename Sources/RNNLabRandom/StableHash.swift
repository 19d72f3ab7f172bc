/// Hashes that never change between runs, processes or platforms (unlike
/// Swift's `Hasher`, which is randomly seeded per process). Used for seeds
/// derived from names and for configuration hashes.
public enum StableHash {
  /// FNV-1a's starting value: the hash of no bytes.
  public static let fnv1a64Basis: UInt64 = 0xcbf2_9ce4_8422_2325

  /// 64-bit FNV-1a of the UTF-8 bytes of `text`.
  public static func fnv1a64(_ text: String) -> UInt64 { fnv1a64(text.utf8) }

  /// 64-bit FNV-1a of `bytes`, continuing from `hash` (the hash of what came
  /// before them), so a growing file can be hashed piece by piece. Each step
  /// is a bijection of the running hash, so any one changed byte changes it.
  public static func fnv1a64<Bytes: Sequence<UInt8>>(_ bytes: Bytes, continuing hash: UInt64 = fnv1a64Basis) -> UInt64 {
    var hash = hash
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    return hash
  }

  /// Mixes two 64-bit values into one, order-sensitive and well spread.
  public static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
    var mixer = SplitMix64(state: a ^ (b &* 0x9E37_79B9_7F4A_7C15))
    return mixer.next()
  }

  /// The seed of one trial's stream: derived from the trial's seed and its id,
  /// so it never depends on which other trials exist or run.
  public static func trialSeed(seed: Int, trialID: String) -> UInt64 {
    combine(UInt64(bitPattern: Int64(seed)), fnv1a64(trialID))
  }

  /// 16 lowercase hex digits of `fnv1a64(text)`.
  public static func hex(_ text: String) -> String {
    let value = String(fnv1a64(text), radix: 16)
    return String(repeating: "0", count: 16 - value.count) + value
  }
}
