"""RNNLab's seeded random streams, draw for draw: xoshiro256** seeded by SplitMix64.

Every random number RNNLab uses comes from `SeededGenerator`
(Sources/RNNLabRandom). This is the same generator in Python, so the task
batches built from it are RNNLab's own, bit for bit.
"""

MASK = (1 << 64) - 1


def _rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class SplitMix64:
    """Spreads a 64-bit seed over xoshiro's state, as the xoshiro authors recommend."""

    def __init__(self, state):
        self.state = state & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)


def fnv1a64(text):
    """64-bit FNV-1a of the UTF-8 bytes of `text`."""
    value = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x100000001B3) & MASK
    return value


def combine(a, b):
    """Mixes two 64-bit values into one (StableHash.combine)."""
    return SplitMix64((a ^ ((b * 0x9E3779B97F4A7C15) & MASK)) & MASK).next()


def trial_seed(seed, trial_id):
    """The seed every stream of a trial derives from: its spec seed and its id."""
    return combine(seed & MASK, fnv1a64(trial_id))


def config_hash_hex(text):
    """16 lowercase hex digits of fnv1a64(text), as RNNLab writes config hashes."""
    return f"{fnv1a64(text):016x}"


class Generator:
    """xoshiro256**: `Generator(seed)`, or `Generator(seed, "data")` for a named stream."""

    __slots__ = ("s0", "s1", "s2", "s3")

    def __init__(self, seed, stream=None):
        if stream is not None:
            seed = combine(seed & MASK, fnv1a64(stream))
        mixer = SplitMix64(seed)
        self.s0, self.s1, self.s2, self.s3 = mixer.next(), mixer.next(), mixer.next(), mixer.next()

    def next(self):
        s0, s1, s2, s3 = self.s0, self.s1, self.s2, self.s3
        x = (s1 * 5) & MASK
        result = ((((x << 7) | (x >> 57)) & MASK) * 9) & MASK
        t = (s1 << 17) & MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        self.s0, self.s1, self.s2, self.s3 = s0, s1, s2, ((s3 << 45) | (s3 >> 19)) & MASK
        return result

    def next_float(self):
        """Uniform in [0, 1) on the float32 grid of 2^-24 (exact in float32)."""
        return (self.next() >> 40) * 2.0 ** -24

    def next_int(self, bound):
        """Uniform integer in [0, bound) without modulo bias (Lemire's method)."""
        if bound <= 0:
            raise ValueError("bound must be positive")
        product = self.next() * bound
        if product & MASK < bound:
            threshold = ((1 << 64) - bound) % bound
            while product & MASK < threshold:
                product = self.next() * bound
        return product >> 64
