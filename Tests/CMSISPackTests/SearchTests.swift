@testable import CMSISPack
import Testing

/// The one matching rule behind `find`, `find-part`, `dump-parts`, `dump`
/// and `show`'s suggestions, and the look-ups that moved out of the CLI.
@Suite struct SearchTests {
    @Test func findPartMatchesWordsAnywhereIgnoringCaseAndSortsByBytes() {
        let names = ["stm32f407vg", "STM32F407IG", "STM32F411", "nRF52840", "B-L475E"]
        #expect(NameMatcher(terms: ["f407", "STM32"]).filter(names) == ["STM32F407IG", "stm32f407vg"])
        #expect(NameMatcher(terms: ["f407", "nrf"], mode: .any).filter(names) == ["STM32F407IG", "nRF52840", "stm32f407vg"])
        // No words, or only empty ones, match nothing (the reference's reduce over no sets fails).
        #expect(NameMatcher(terms: []).filter(names).isEmpty)
        #expect(NameMatcher(terms: [""]).filter(names).isEmpty)
    }

    @Test func globsAreFindsAndPlainTextIsFindParts() {
        // find-part, as the reference: `word in name`, so '*' is a character to look for.
        #expect(!NameMatcher(terms: ["stm32f4*"]).matches("STM32F407VG"))
        // find: a term with '*' or '?' is a glob for the whole name.
        #expect(NameMatcher(terms: ["stm32f4*"], globs: true).rank("STM32F407VG") == 2)
        #expect(NameMatcher(terms: ["stm32f4?"], globs: true).rank("STM32F407VG") == nil)
        // Ranks: equal, then prefix, then anywhere; the best term counts.
        let matcher = NameMatcher(terms: ["stm32f407vg", "f407"], mode: .any)
        #expect(matcher.rank("STM32F407VG") == 0)
        #expect(NameMatcher(terms: ["stm32"]).rank("STM32F407VG") == 1)
        #expect(NameMatcher(terms: ["f407"]).rank("STM32F407VG") == 2)
    }

    @Test func aPackIsFoundByEitherSpelling() {
        #expect(PackFamily(lenient: "ARM::CMSIS") == PackFamily(vendor: "ARM", name: "CMSIS"))
        #expect(PackFamily(lenient: "Keil.STM32F4xx_DFP")?.lookupKey == "keil.stm32f4xx_dfp")
        #expect(PackFamily(lenient: "arm::cmsis")?.lookupKey == PackFamily(vendor: "ARM", name: "CMSIS").lookupKey)
        #expect(PackFamily(lenient: "CMSIS") == nil)
    }

    func index() throws -> DeviceIndex {
        var index = DeviceIndex()
        let devices = PDSC.family("<processor Dcore=\"Cortex-M4\"/><device Dname=\"Chip407\"/><device Dname=\"Chip411\"/>")
        let boards = "<board name=\"Chip407-Board\" vendor=\"V\"><mountedDevice deviceIndex=\"0\" Dvendor=\"ARM:82\" Dname=\"Chip407\"/></board>"
            + "<board name=\"Chip411\" vendor=\"V\"><mountedDevice deviceIndex=\"0\" Dvendor=\"ARM:82\" Dname=\"Missing\"/></board>"
        index.add(try PDSC.pack(PDSC.text(vendor: "Acme", name: "Chips_DFP", devices: devices, boards: boards), source: "Acme.Chips_DFP.1.0.0.pdsc"))
        return index
    }

    @Test func showSuggestsSimilarNamesAndOtherKinds() throws {
        let index = try index()
        #expect(CatalogSearch.suggestions(for: "chip4", as: .device, in: index) == ["Chip407", "Chip411"])
        #expect(CatalogSearch.suggestions(for: "board", as: .board, in: index) == ["Chip407-Board"])
        #expect(CatalogSearch.suggestions(for: "chips", as: .pack, in: index) == ["Acme.Chips_DFP"])
        #expect(CatalogSearch.suggestions(for: "chip", as: .device, in: index, limit: 1) == ["Chip407"])
        let other = CatalogSearch.otherSubject(named: "chip407-board", than: .device, in: index)
        #expect(other?.subject == .board && other?.name == "Chip407-Board")
        #expect(CatalogSearch.otherSubject(named: "acme::chips_dfp", than: .device, in: index)?.name == "Acme.Chips_DFP")
        #expect(CatalogSearch.otherSubject(named: "Chip407", than: .device, in: index) == nil)
    }

    @Test func findPartLongEntriesFollowTheReference() throws {
        let index = try index()
        let entries = index.partEntries(devices: ["Chip407", "Chip411"], boards: ["Chip407-Board", "Chip411"])
        // A board shows its first mounted device; a board named like a device replaces it
        // (the printed forms sort their keys, so only which value wins matters).
        #expect(entries.map(\.key) == ["Chip407", "Chip407-Board", "Chip411"])
        #expect(entries[1].identity == "Chip407" && entries[1].value == entries[0].value)
        #expect(entries[2].value == .string("Could not find part: Missing") && entries[2].identity == nil)
    }

    @Test func dumpFiltersByWordsAndFindsTheNewestPacksDevice() throws {
        let old = try PDSC.read(PDSC.text(vendor: "A", name: "Old", date: "2020-01-01",
                                          devices: PDSC.family("<processor Dcore=\"Cortex-M0\"/><device Dname=\"Chip\"/>"))).description
        let new = try PDSC.read(PDSC.text(vendor: "B", name: "New", date: "2024-01-01",
                                          devices: PDSC.family("<processor Dcore=\"Cortex-M4\"/><device Dname=\"Chip\"/><device Dname=\"Other\"/>"))).description
        #expect([old, new].effectiveDevice(named: "chip")?.properties.processors.first?.core == "Cortex-M4")
        #expect([old, new].effectiveDevice(named: "nothing") == nil)
        let dump = DescriptionDump(.devices, words: ["CH"]).items(of: [new, old])
        #expect(dump.items.map(\.name) == ["Chip", "Chip"])
        #expect(dump.failures.isEmpty)
        #expect(DescriptionDump(.devices).items(of: [new]).items.map(\.name) == ["Chip", "Other"])
    }
}
