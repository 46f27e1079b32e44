@testable import CMSISPack
import Testing
import TestSupport

/// Mutated real files must never crash the reader or the index builder: they
/// either read (possibly with warnings) or fail with an error value.
@Suite struct RobustnessTests {
    static let fragments: [String] = [
        "<device Dname=\"X\">", "</device>", "<processor Dcore=\"\" Punits=\"99999999999999999999\"/>",
        "<memory id=\"IROM1\" start=\"0xFFFFFFFFFFFFFFFFFF\" size=\"-1\"/>", "<variant/>", "<family>",
        "<algorithm name=\"../../x\" start=\"0x\" size=\"\"/>", "<debug __apid=\"7\" Punit=\"-3\"/>",
        "<release version=\"\"/>", "&amp;", "&#0;", "<![CDATA[x]]>", "\u{FEFF}", "<?pi x?>", "<!-- -->",
        "<processor Pname=\"a\" Punits=\"0\"/>", "<subFamily>", "<accessportV2 __apid=\"0\" address=\"zz\"/>",
    ]

    static func mutate(_ bytes: [UInt8], using generator: inout SplitMix64) -> [UInt8] {
        var result = bytes
        for _ in 0..<Int.random(in: 1...4, using: &generator) where !result.isEmpty {
            let position = Int.random(in: 0..<result.count, using: &generator)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0: result[position] = UInt8.random(in: 0...255, using: &generator)
            case 1: result.removeSubrange(position..<min(result.count, position + Int.random(in: 1...200, using: &generator)))
            case 2: result.insert(contentsOf: Array(fragments.randomElement(using: &generator)!.utf8), at: position)
            case 3: result = Array(result.prefix(position))
            default:
                let end = min(result.count, position + Int.random(in: 1...400, using: &generator))
                result.insert(contentsOf: result[position..<end], at: position)
            }
        }
        return result
    }

    @Test(arguments: ["WestBerry.WB32F10x_DFP.pdsc", "test-fixtures/Open-CMSIS-Pack+devtools/ARM.RteTest_DFP.pdsc",
                      "Himax.WE2_DFP.pdsc", "Keil.STM32H745I-DISCO_BSP.pdsc"])
    func mutatedDescriptionsNeverCrash(file: String) throws {
        let original = try FileBytes.read(Corpus.path("pdsc/" + file))
        var generator = SplitMix64(state: UInt64(file.utf8.count))
        var read = 0
        var failed = 0
        for _ in 0..<150 {
            let bytes = Self.mutate(original, using: &generator)
            do {
                let result = try PackDescriptionReader.read(bytes: bytes, source: "fuzz.pdsc")
                var index = DeviceIndex()
                index.add(IndexedPack(result.description))
                _ = index.indexJSON()
                read += 1
            } catch {
                #expect(!error.description.isEmpty)
                failed += 1
            }
        }
        #expect(read + failed == 150)
    }

    @Test func mutatedIndexesNeverCrash() throws {
        let original = try FileBytes.read(Corpus.path("index/nuvoton/Nuvoton.pidx"))
        var generator = SplitMix64(state: 7)
        for _ in 0..<200 {
            _ = try? PackIndexReader.read(bytes: Self.mutate(original, using: &generator), source: "fuzz.pidx")
        }
    }

    @Test func mutatedJSONNeverCrashes() throws {
        let original = try FileBytes.read(Corpus.path("reference/Himax.WE2_DFP.index.json"))
        var generator = SplitMix64(state: 11)
        for _ in 0..<300 {
            if let value = try? JSONParser.parse(Self.mutate(original, using: &generator)) {
                _ = value.serialized()
                _ = DeviceIndexEntry(json: value)
            }
        }
    }
}
