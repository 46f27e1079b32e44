@testable import CMSISPack
import Foundation
import Testing
import TestSupport

@Suite struct PackArchiveTests {
    static let packs = ["GigaDevice.GD32F10x_DFP.2.0.2.pack", "HDSC.HC32L110.1.0.3.pack", "Holtek.HT32F675x5_DFP.1.0.5.pack",
                        "NXP.MK64F12_DFP.11.0.0.pack", "Nuvoton.NuMicro_M051_BSP.1.0.0.pack",
                        "upstream-test-pack-index/MyVendor.MyPack.1.1.0.pack"]

    @Test(arguments: packs)
    func everyCorpusPackHasAReadableDescription(pack: String) throws {
        let archive = try PackArchive(path: Corpus.path("packs/" + pack))
        let read = try archive.readDescription()
        let name = try PackNaming.parsePackFileName((pack as NSString).lastPathComponent)
        #expect(read.description.vendor == name.vendor)
        #expect(read.description.name == name.name)
        #expect(read.description.source.contains("!/"))
    }

    @Test func readsAFlashAlgorithmWithoutExtractingTheRest() throws {
        let archive = try PackArchive(path: Corpus.path("packs/NXP.MK64F12_DFP.11.0.0.pack"))
        let flm = try archive.read(member: "arm/MK_P1M0.FLM")
        #expect(flm.count > 1000)
        #expect(Array(flm.prefix(4)) == [0x7F, 0x45, 0x4C, 0x46])  // an ELF file
        // Backslashes and different case find the same member.
        #expect(try archive.read(member: "ARM\\mk_p1m0.flm") == flm)
    }

    @Test func missingMembersAndNonZipFilesFailClearly() throws {
        let archive = try PackArchive(path: Corpus.path("packs/NXP.MK64F12_DFP.11.0.0.pack"))
        let missing = #expect(throws: PackArchiveError.self) { try archive.read(member: "no/such.FLM") }
        #expect(missing?.reason.contains("no/such.FLM") == true)
        let notZip = #expect(throws: PackArchiveError.self) { try PackArchive(path: Corpus.path("pdsc/ARM.CMSIS.pdsc")) }
        #expect(notZip?.reason.contains("not a zip") == true)
        #expect(throws: PackArchiveError.self) { try PackArchive(path: "/nonexistent/x.pack") }
    }

    @Test func memberLimitStopsOversizedMembers() throws {
        let archive = try PackArchive(path: Corpus.path("packs/NXP.MK64F12_DFP.11.0.0.pack"))
        let error = #expect(throws: PackArchiveError.self) { try archive.read(member: "arm/MK_P1M0.FLM", limit: 100) }
        #expect(error?.reason.contains("limit") == true)
    }

    @Test func packAndExtractedDescriptionIndexTheSame() throws {
        let fromPack = try #require(PackLoader.index([Corpus.path("packs/NXP.MK64F12_DFP.11.0.0.pack")]).first).result.get()
        let fromFile = try #require(PackLoader.index([Corpus.path("pdsc/NXP.MK64F12_DFP.pdsc")]).first).result.get()
        #expect(fromPack.devices == fromFile.devices)
    }
}
