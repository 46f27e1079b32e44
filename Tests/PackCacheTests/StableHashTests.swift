@testable import PackCache
import Testing

/// The cache's file names and the catalogue's page names come from these
/// hashes: they must not change between versions (FNV-1a's published values).
@Suite struct StableHashTests {
    @Test func bothWidthsGiveFNV1a() {
        #expect(StableHash.hex("") == "cbf29ce484222325")
        #expect(StableHash.hex("a") == "af63dc4c8601ec8c")
        #expect(StableHash.hex("foobar") == "85944171f73967e8")
        #expect(StableHash.hex("https://www.keil.com/pack/index.pidx") == "54e19be162a0009b")
        #expect(StableHash.hex32("") == "811c9dc5")
        #expect(StableHash.hex32("a") == "e40c292c")
        #expect(StableHash.hex32("foobar") == "bf9cf968")
        #expect(StableHash.hex32("https://www.keil.com/pack/index.pidx") == "62dabc9b")
    }
}
