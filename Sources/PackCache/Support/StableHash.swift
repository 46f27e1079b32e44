/// FNV-1a: hashes for names that must be the same on every run and machine
/// (Swift's `Hasher` is seeded per process).
enum StableHash {
    /// 64 bits: the cache's file names derived from URLs.
    static func hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }

    /// 32 bits: the catalogue's page names, kept short in URLs.
    static func hex32(_ text: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return String(hash, radix: 16)
    }
}
