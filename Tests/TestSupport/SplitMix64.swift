/// SplitMix64: small, fast and the same on every machine, so the input a
/// seeded test makes is the same bytes everywhere.
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    /// Stream `index` of `seed` (one per fuzz input), its first value skipped.
    public init(seed: UInt64, index: Int) {
        state = seed ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        _ = next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
