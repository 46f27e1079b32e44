import CMSISPack
import Foundation
import Testing
import TestSupport

/// `cache` follows the conventions of the other commands: it remembers the
/// index it was pointed at (as `pack init` does), reports as JSON with
/// --json, and says so when it follows a remembered index.
@Suite struct CacheConventionsTests {
    let work = Corpus.temporaryDirectory("cache-conventions")
    var data: String { work + "/data" }
    static let environment = PackManagerBinary.offline(["CMSIS_PACK_MANAGER_INDEX_URLS": ""])

    func world() throws -> (PackWorld, MirrorServer) {
        var world = PackWorld(root: work + "/www")
        let mirror = try MirrorServer(root: world.root)
        world.baseURL = mirror.baseURL
        let pack = try PackWorld.corpusPack("pdsc/HDSC.HC32L110.pdsc")
        try world.publish(pack)
        try world.writeIndex([(pack.vendor, pack.name, pack.version, pack.vendor)])
        return (world, mirror)
    }

    func cache(_ arguments: [String]) throws -> CommandResult {
        try PackManagerBinary.run(["cache"] + arguments + ["--data-path", data], environment: Self.environment)
    }

    @Test func theIndexGivenOnceIsFollowedByLaterRuns() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (_, mirror) = try world()
        let url = mirror.baseURL + "/index.pidx"
        #expect(try cache(["descriptors", "-q", "--index-url", url]).status == 0)
        // No --index-url: the remembered index, not Keil's (which the offline environment could not reach).
        let again = try cache(["descriptors"])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardError.contains("following the index of an earlier --index-url (\(url)"))
        #expect(!FileManager.default.fileExists(atPath: data + "/vendors.list"))
        // A vendor list named explicitly wins over the remembered index.
        try "\(work)/none.pidx\n".write(toFile: work + "/vendors.list", atomically: true, encoding: .utf8)
        let listed = try cache(["descriptors", "-q", "--vidx-list", work + "/vendors.list"])
        #expect(listed.status == 1)
        #expect(listed.standardError.contains("none.pidx: no such file"))
        // cache clean forgets it with the rest of the cache.
        #expect(try cache(["clean"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: data + "/.cpm/index-urls"))
    }

    @Test func jsonReportsForUpdatesAndClean() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (_, mirror) = try world()
        let url = mirror.baseURL + "/index.pidx"
        let update = try cache(["descriptors", "--json", "--index-url", url])
        #expect(update.status == 0)
        let report = try JSONParser.parse(Array(update.standardOutput.utf8))
        #expect(report["succeeded"] == .bool(true))
        #expect(report["listed"]?.uint64Value == 1)
        #expect(report["new"]?.arrayValue?.count == 1)
        #expect(report["data_path"]?.stringValue == data)
        #expect(report["json_path"]?.stringValue == data)
        #expect(report["index_urls"] == .array([.string(url)]))
        #expect(update.standardOutput.hasSuffix("}\n"))
        #expect(!update.standardOutput.contains("Descriptions:"))

        let clean = try cache(["clean", "--json"])
        #expect(clean.status == 0)
        let cleaned = try JSONParser.parse(Array(clean.standardOutput.utf8))
        #expect(cleaned["folders"]?.arrayValue?.first?["path"]?.stringValue == data)
        #expect(cleaned["folders"]?.arrayValue?.first?["folder_removed"] == .bool(true))
    }

    @Test func aMissingLocalIndexIsNotCalledOffline() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let result = try PackManagerBinary.run(["pack", "init", "-R", work + "/root", work + "/none.pidx"], environment: Self.environment)
        #expect(result.status == 1)
        #expect(result.standardError.contains("no such file"))
        #expect(!result.standardError.contains("offline"))
    }
}
