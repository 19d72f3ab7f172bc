/// A small, fast, seedable random number generator (xoshiro256**), so every
/// random draw in RNNLab is reproducible bit for bit on every platform.
///
/// The state is filled from the seed with SplitMix64, as the xoshiro authors
/// recommend. Floats are made from the top bits by hand rather than through
/// `Float.random(in:using:)`, whose algorithm the standard library may change.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  @usableFromInline var s0, s1, s2, s3: UInt64

  /// A generator whose whole stream is determined by `seed`.
  public init(seed: UInt64) {
    var mixer = SplitMix64(state: seed)
    s0 = mixer.next()
    s1 = mixer.next()
    s2 = mixer.next()
    s3 = mixer.next()
  }

  /// A generator for one named stream of one trial: `init`, `data`, `eval`, …
  /// Streams never share draws, so adding draws to one leaves the others unchanged.
  /// The four state words, for a checkpoint; `init(state:)` resumes from them.
  public var state: [UInt64] { [s0, s1, s2, s3] }

  /// The generator whose `state` was `state`; nil unless four words, not all zero.
  public init?(state: [UInt64]) {
    guard state.count == 4, state.contains(where: { $0 != 0 }) else { return nil }
    (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3])
  }

  public init(seed: UInt64, stream: String) {
    self.init(seed: StableHash.combine(seed, StableHash.fnv1a64(stream)))
  }

  @inlinable @inline(__always)
  static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

  @inlinable
  public mutating func next() -> UInt64 {
    let result = Self.rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = Self.rotl(s3, 45)
    return result
  }

  /// Uniform in [0, 1) with 24 random bits (every float on that grid equally likely).
  @inlinable
  public mutating func nextFloat() -> Float { Float(next() >> 40) * 0x1p-24 }

  /// Uniform in [0, 1) with 53 random bits.
  @inlinable
  public mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1p-53 }

  /// Uniform in [low, high).
  @inlinable
  public mutating func uniform(_ low: Float, _ high: Float) -> Float {
    low + (high - low) * nextFloat()
  }

  /// Uniform integer in `0..<bound` without modulo bias (Lemire's method).
  @inlinable
  public mutating func nextInt(below bound: Int) -> Int {
    precondition(bound > 0, "bound must be positive")
    let b = UInt64(bound)
    var product = next().multipliedFullWidth(by: b)
    if product.low < b {
      let threshold = (0 &- b) % b
      while product.low < threshold { product = next().multipliedFullWidth(by: b) }
    }
    return Int(product.high)
  }

  /// Standard normal draw (Box–Muller in Double, so it does not depend on
  /// the platform's Float libm).
  public mutating func nextGaussian() -> Double {
    var u1 = nextDouble()
    while u1 == 0 { u1 = nextDouble() }
    let u2 = nextDouble()
    return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
  }
}

/// SplitMix64, used to spread a 64-bit seed over xoshiro's 256-bit state.
@usableFromInline struct SplitMix64 {
  @usableFromInline var state: UInt64
  @usableFromInline init(state: UInt64) { self.state = state }
  @usableFromInline mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
