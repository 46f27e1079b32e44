@testable import CMSISPack
import Testing
import TestSupport

@Suite struct PackIndexReaderTests {
    @Test func readsKeilIndexSnapshots() throws {
        try Corpus.requireAvailable()
        let result = try PackIndexReader.read(path: Corpus.path("index/keil-2023-01-27/index.pidx"))
        #expect(result.index.kind == .pidx)
        #expect(result.index.vendor == "Keil")
        #expect(result.index.timestamp == "2023-01-27T12:10:25.3084813+00:00")
        #expect(result.index.packs.count > 800)
        let bgm = try #require(result.index.packs.first { $0.reference.name == "BGM1_DFP" })
        #expect(bgm.deprecated == "2019-11-12")
        #expect(bgm.replacement == "SiliconLabs.GeckoPlatform_BGM1_DFP")
        #expect(bgm.pdscURL == "https://www.silabs.com/documents/public/cmsis-packs/SiliconLabs.BGM1_DFP.pdsc")
        #expect(bgm.packURL == "https://www.silabs.com/documents/public/cmsis-packs/SiliconLabs.BGM1_DFP.5.8.10.pack")
    }

    @Test func everyCorpusIndexReadsOrFailsClearly() throws {
        try Corpus.requireAvailable()
        for file in ["keil-2017-04-14/index.pidx", "keil-2020-01-14/index.pidx", "keil-2023-01-27/index.pidx",
                     "gigadevice-gd32f10x/index.pidx", "holtek/Holtek.pidx", "infineon/Infineon.pidx",
                     "infineon-cypress/Cypress.pidx", "milandr-mdr1986x/index.pidx", "nuvoton/Nuvoton.pidx",
                     "test-fixtures/Open-CMSIS-Pack+devtools/local_repository.pidx"] {
            let result = try PackIndexReader.read(path: Corpus.path("index/" + file))
            #expect(!result.index.packs.isEmpty, "\(file)")
        }
    }

    @Test func readsAVendorIndex() throws {
        try Corpus.requireAvailable()
        let result = try PackIndexReader.read(path: Corpus.path("index/upstream-bench/bench.vidx"))
        #expect(result.index.kind == .vidx)
        #expect(result.index.vendorIndexes.count == 5)
        #expect(result.index.vendorIndexes.first?.pidxURL == "http://www.active-semi.com/keil_pack/Active-Semi.pidx")
        #expect(!result.index.packs.isEmpty)
    }

    @Test func readsTheLegacyIdxFormat() throws {
        try Corpus.requireAvailable()
        let result = try PackIndexReader.read(path: Corpus.path("index/keil-2017-04-14/index.idx"))
        #expect(result.index.kind == .legacy)
        let first = try #require(result.index.packs.first)
        #expect(first.reference.description == "ARM.CMSIS-Driver_Validation.1.1.0")
        #expect(first.pdscURL == "http://www.keil.com/pack/ARM.CMSIS-Driver_Validation.pdsc")
        #expect(first.line == 3)
    }

    @Test func malformedIndexReportsThePosition() throws {
        try Corpus.requireAvailable()
        let error = #expect(throws: PackReadError.self) {
            try PackIndexReader.read(path: Corpus.path("index/malformed/sheltonyu-test/ArteryTek.pidx"))
        }
        guard case .xml(let xml)? = error else {
            Issue.record("expected an XML error, got \(String(describing: error))")
            return
        }
        #expect(xml.line == 8)
    }

    @Test func hostileEntriesAreRefusedWithTheirLine() throws {
        let text = """
        <?xml version="1.0"?>
        <index schemaVersion="1.1.0">
          <vendor>Evil</vendor><url>http://x/</url>
          <pindex>
            <pdsc url="http://x/" vendor="../../etc" name="passwd" version="1.0.0"/>
            <pdsc url="http://x/" vendor="Good" name="Pack" version="1.0.0/../../x"/>
            <pdsc url="http://x/" vendor="Good" name="Pack" version="1.0.0"/>
            <pdsc url="http://x/" vendor="Good" name="Pack" version="1.0.0"/>
          </pindex>
          <vindex><pidx url="http://y/" vendor="a/b"/></vindex>
        </index>
        """
        let result = try PackIndexReader.read(bytes: Array(text.utf8), source: "evil.pidx")
        #expect(result.index.packs.map(\.reference.description) == ["Good.Pack.1.0.0"])
        #expect(result.index.vendorIndexes.isEmpty)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.line) == [5, 6, 10])
        #expect(errors[0].description.contains("../../etc"))
        #expect(result.diagnostics.contains { $0.severity == .warning && $0.line == 8 })
    }

    @Test func aPackDescriptionIsNotAnIndex() throws {
        try Corpus.requireAvailable()
        #expect(throws: PackReadError.self) {
            try PackIndexReader.read(path: Corpus.path("pdsc/ARM.CMSIS.pdsc"))
        }
    }
}
