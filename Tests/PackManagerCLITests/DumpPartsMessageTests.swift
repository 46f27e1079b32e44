import Foundation
import Testing
import TestSupport

/// `dump-parts` says what it wrote: all of it, or nothing and why, with the
/// command that fetches what is missing.
@Suite struct DumpPartsMessageTests {
    @Test func aPackNotInTheCacheWritesNothingAndSaysWhatToRun() async throws {
        let work = Workspace()
        defer { work.remove() }
        let data = work.path + "/data"
        let added = await InProcess.run(["add-packs", "--data-path", data, Corpus.path("pdsc/WestBerry.WB32F10x_DFP.pdsc")])
        #expect(added.status == 0, "\(added.standardError)")
        let out = work.path + "/out"
        let result = await InProcess.run(["dump-parts", "--data-path", data, "--pack-root", work.path + "/no-root", out, "WB32F103CB"])
        #expect(result.status == 1)
        #expect(!result.standardOutput.contains("written to"), "nothing claims to be written: \(result.standardOutput)")
        #expect(result.standardError.contains("pack WestBerry.WB32F10x_DFP."), "\(result.standardError)")
        #expect(result.standardError.contains("is not in the cache"))
        #expect(result.standardError.contains("its flash algorithms are needed by WB32F103CB"))
        #expect(result.standardError.contains("error: nothing written to \(out): a pack is not in the cache"))
        #expect(result.standardError.contains("`pack-manager cache devices WB32F103CB --data-path \(data)`, then run dump-parts again"))
        #expect(!FileManager.default.fileExists(atPath: out), "no folder without its flash algorithms")
    }

    @Test func aCompleteDumpSaysWhatWasWritten() async throws {
        let work = Workspace()
        defer { work.remove() }
        let data = work.path + "/data"
        let added = await InProcess.run(["add-packs", "--data-path", data, Corpus.path("packs/HDSC.HC32L110.1.0.3.pack")])
        #expect(added.status == 0, "\(added.standardError)")
        let out = work.path + "/out"
        let result = await InProcess.run(["dump-parts", "--data-path", data, "--pack-root", work.path + "/no-root", out, "HC32L110C6PA"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "1 device and 1 flash algorithm written to \(out)\n")
        #expect(FileManager.default.fileExists(atPath: out + "/index.json"))
    }
}
