import Foundation
import Testing
import TestSupport

/// `pack add` of a pack that cannot be found creates nothing: not the pack
/// root's folders, not its lock, not the root itself.
@Suite struct PackAddNothingCreatedTests {
    @Test func anUnresolvablePackLeavesAnEmptyFolderEmpty() async throws {
        let work = Workspace()
        defer { work.remove() }
        let empty = work.path + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let missing = work.path + "/missing"
        let cases: [(root: String, pack: String, says: String)] = [
            (empty, "Keil::STM32F4xx_DFP", "the pack root has no index yet; run `pack-manager pack init`"),
            (missing, "Keil::STM32F4xx_DFP", "the pack root has no index yet"),
            (empty, work.path + "/Acme.Widgets.1.0.0.pack", "no such file"),
            (empty, work.path + "/Acme.Widgets.pdsc", "not a usable pack description"),
        ]
        for (root, pack, says) in cases {
            let result = await InProcess.run(["pack", "add", "-q", "-R", root, "--json-path", work.path + "/json", pack])
            #expect(result.status == 1, "\(pack)")
            #expect(result.standardError.contains(says), "\(pack): \(result.standardError)")
        }
        #expect(work.contents() == ["empty"], "the empty folder stays empty, the missing one missing, and no device index")
    }

    @Test func aPackThatCanBeInstalledStillCreatesTheRoot() async throws {
        let work = Workspace()
        defer { work.remove() }
        let root = work.path + "/root"
        let result = await InProcess.run(["pack", "add", "-q", "-R", root, "--json-path", work.path + "/json", "--agree-embedded-license",
                                          Corpus.path("packs/HDSC.HC32L110.1.0.3.pack"), "Keil::NotThere"])
        #expect(result.status == 1, "one of the two failed")
        #expect(result.standardError.contains("Keil::NotThere: the pack root has no index yet"), "\(result.standardError)")
        #expect(result.standardOutput.contains("installed HDSC::HC32L110@1.0.3"), "\(result.standardOutput)")
        #expect(FileManager.default.fileExists(atPath: root + "/HDSC/HC32L110/1.0.3/HDSC.HC32L110.pdsc"))
    }
}
