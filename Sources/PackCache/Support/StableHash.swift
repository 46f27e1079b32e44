/// FNV-1a: hashes for names that must be the same on every run and machine
/// (Swift's `Hasher` is seeded per process).
enum StableHash {
    /// 64 bits: the cache's file names derived from URLs.
    static func hex(_ text: String) -> String {
        fnv1a(text, basis: UInt64(0xcbf2_9ce4_8422_2325), prime: 0x0000_0100_0000_01B3)
    }

    /// 32 bits: the catalogue's page names, kept short in URLs.
    static func hex32(_ text: String) -> String {
        fnv1a(text, basis: UInt32(2_166_136_261), prime: 16_777_619)
    }

    private static func fnv1a<Hash: FixedWidthInteger & UnsignedInteger>(_ text: String, basis: Hash, prime: Hash) -> String {
        var hash = basis
        for byte in text.utf8 {
            hash ^= Hash(byte)
            hash = hash &* prime
        }
        return String(hash, radix: 16)
    }
}
