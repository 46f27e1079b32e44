import CMSISPack
import OwnedFiles
import Foundation
import PackCache
import Testing
import TestSupport

/// `pack-manager cache …` against a real HTTP server on 127.0.0.1 (the
/// shared mirror.py, started and stopped by each test). Any request that
/// tries to leave the machine goes to a dead proxy and fails.
@Suite(.serialized) struct CacheUpdateTests {
    let work = Corpus.temporaryDirectory("update")
    var data: String { work + "/data" }
    var json: String { work + "/json" }

    static let offline = PackManagerBinary.offline(["CMSIS_PACK_MANAGER_INDEX_URLS": ""])

    static let corpusFiles = ["pdsc/WestBerry.WB32F10x_DFP.pdsc", "pdsc/HDSC.HC32L110.pdsc",
                              "pdsc/MindMotion.MM32F031_DFP.pdsc", "pdsc/Keil.STM32H745I-DISCO_BSP.pdsc"]

    /// Starts a mirror over a fresh world holding the four corpus packs.
    func startWorld(_ arguments: [String] = [], files: [String] = corpusFiles) throws -> (PackWorld, MirrorServer, [PackWorld.Pack]) {
        var world = PackWorld(root: work + "/www")
        let mirror = try MirrorServer(root: world.root, arguments: arguments)
        world.baseURL = mirror.baseURL
        let packs = try files.map(PackWorld.corpusPack)
        for pack in packs { try world.publish(pack) }
        try world.writeIndex(packs.map { ($0.vendor, $0.name, $0.version, $0.vendor) })
        return (world, mirror, packs)
    }

    func update(_ mirror: MirrorServer, _ action: [String] = ["descriptors"], index: String = "index.pidx",
                _ extra: [String] = []) throws -> CommandResult {
        try PackManagerBinary.run(["cache"] + action + ["-q", "--index-url", "\(mirror.baseURL)/\(index)",
                                                        "--data-path", data, "--json-path", json] + extra,
                                  environment: Self.offline)
    }

    func cachedPDSC(_ pack: PackWorld.Pack, version: String? = nil) -> String {
        "\(data)/\(pack.vendor).\(pack.name).\(version ?? pack.version).pdsc"
    }

    func served(_ world: PackWorld, _ pack: PackWorld.Pack, folder: String? = nil) throws -> [UInt8] {
        try FileBytes.read("\(world.root)/\(folder ?? pack.vendor)/\(pack.vendor).\(pack.name).pdsc")
    }

    func index() throws -> DeviceIndex { try DeviceIndex.read(IndexPaths(directory: json)) }

    @Test func fullUpdateThenASecondRunTransfersNothing() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (world, mirror, packs) = try startWorld()
        let cold = try update(mirror)
        #expect(cold.status == 0, "\(cold.standardError)")
        #expect(cold.standardOutput.contains("4 listed in 1 index file: 4 new, 0 updated, 0 unchanged, 0 failed"))
        for pack in packs {
            #expect(try FileBytes.read(cachedPDSC(pack)) == served(world, pack))
        }
        let devices = try index().devices
        #expect(devices["WB32F103CB"]?.fromPack?.version == "0.1.0")
        #expect(devices["HC32L110C6PA"] != nil)
        let indexModified = FileStat(json + "/index.json")?.modified

        // Warm: the index lists the versions held, so only the index is asked about.
        var mark = mirror.requests().count
        let warm = try update(mirror)
        #expect(warm.status == 0)
        #expect(warm.standardOutput.contains("0 new, 0 updated, 4 unchanged (4 at the listed version, not asked again), 0 failed"), "\(warm.standardOutput)")
        let indexOnly = mirror.requests(since: mark)
        #expect(indexOnly.map(\.path) == ["/index.pidx"] && indexOnly[0].status == 304 && indexOnly[0].flags.contains("cond"))
        // --revalidate: every description too, each conditionally, and nothing transferred.
        mark = mirror.requests().count
        let revalidated = try update(mirror, ["descriptors"], ["--revalidate"])
        #expect(revalidated.standardOutput.contains("0 new, 0 updated, 4 unchanged, 0 failed"), "\(revalidated.standardOutput)")
        let requests = mirror.requests(since: mark)
        #expect(requests.count == 5)
        #expect(requests.allSatisfy { $0.status == 304 && $0.flags.contains("cond") && $0.bytes == 0 })
        // Nothing changed, so the device index was not rewritten.
        #expect(FileStat(json + "/index.json")?.modified == indexModified)
    }

    @Test func updateFromAVendorIndex() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (world, mirror, packs) = try startWorld()
        // index.vidx lists one .pidx per vendor, each listing that vendor's packs.
        var vindex = "<?xml version=\"1.0\"?>\n<index schemaVersion=\"1.1.0\"><vendor>Test</vendor><url>\(mirror.baseURL)/</url><vindex>\n"
        for pack in packs {
            try world.writeIndex([(pack.vendor, pack.name, pack.version, pack.vendor)], file: "vendors/\(pack.vendor).pidx")
            vindex += "<pidx url=\"\(mirror.baseURL)/vendors/\" vendor=\"\(pack.vendor)\"/>\n"
        }
        vindex += "</vindex></index>\n"
        try world.writeRaw("index.vidx", vindex)
        let result = try update(mirror, index: "index.vidx")
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("4 listed in 5 index files: 4 new"))
        for pack in packs { #expect(FileManager.default.fileExists(atPath: cachedPDSC(pack))) }
    }

    @Test func changedContentNewVersionAndRemovedPackArePickedUp() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (world, mirror, packs) = try startWorld()
        #expect(try update(mirror).status == 0)
        let (changed, bumped, removed) = (packs[0], packs[1], packs[2])

        var edited = changed
        edited.text += "\n<!-- changed upstream, same version -->\n"
        try world.publish(edited)
        var newer = bumped
        newer.text = bumped.text.replacingOccurrences(of: "<releases>", with: "<releases>\n    <release version=\"9.0.0\" date=\"2030-01-01\">bumped</release>")
        newer.version = "9.0.0"
        try world.publish(newer)
        try world.writeIndex([(changed.vendor, changed.name, changed.version, changed.vendor),
                              (newer.vendor, newer.name, "9.0.0", newer.vendor),
                              (packs[3].vendor, packs[3].name, packs[3].version, packs[3].vendor)])
        Thread.sleep(forTimeInterval: 1.1)

        // A change under the same version is seen only when asked for (--revalidate, or a week after the last check).
        let result = try PackManagerBinary.run(["cache", "descriptors", "-q", "-v", "--revalidate", "--index-url", "\(mirror.baseURL)/index.pidx",
                                                "--data-path", data, "--json-path", json], environment: Self.offline)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("1 new, 1 updated, 1 unchanged"), "\(result.standardOutput)")
        #expect(try FileBytes.read(cachedPDSC(changed)) == served(world, changed))
        #expect(FileManager.default.fileExists(atPath: cachedPDSC(bumped, version: "9.0.0")))
        #expect(FileManager.default.fileExists(atPath: cachedPDSC(bumped)), "the previous version stays")
        #expect(FileManager.default.fileExists(atPath: cachedPDSC(removed)), "a removed pack's description stays on disk")
        let devices = try index().devices
        #expect(devices["HC32L110C6PA"]?.fromPack?.version == "9.0.0")
        #expect(!devices.values.contains { $0.fromPack?.pack == removed.name }, "the removed pack's devices left the index")
        #expect(result.standardOutput.contains("removed from the index: \(removed.vendor).\(removed.name) \(removed.version)"))
    }

    @Test func aRehostedPackIsFollowedToItsNewURL() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (world, mirror, packs) = try startWorld(files: ["pdsc/WestBerry.WB32F10x_DFP.pdsc"])
        let pack = packs[0]
        try world.publish(pack, folder: "old")
        try world.writeIndex([(pack.vendor, pack.name, pack.version, "old")])
        #expect(try update(mirror).status == 0)

        // The publisher moves: the description left at the old place is a
        // newer release that names the new place; the index still lists 0.1.0 there.
        var moved = pack
        moved.text = pack.text.replacingOccurrences(of: "<releases>", with: "<releases>\n    <release version=\"0.2.0\" date=\"2031-01-01\">moved</release>")
        moved.version = "0.2.0"
        try world.publish(moved, folder: "new")
        let name = "\(pack.vendor).\(pack.name).pdsc"
        try FileBytes.writeAtomically(try FileBytes.read("\(world.root)/new/\(name)"), to: "\(world.root)/old/\(name)")
        Thread.sleep(forTimeInterval: 1.1)
        // The index still lists the version held, so the description is asked about only on --revalidate (or after a week).
        #expect(try update(mirror, ["descriptors"], ["--revalidate"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: cachedPDSC(pack, version: "0.2.0")), "the newer description at the pack's URL is picked up")

        // Now only the new place has 0.3.0; the stale index still names the old place.
        var third = moved
        third.text = moved.text.replacingOccurrences(of: "<releases>", with: "<releases>\n    <release version=\"0.3.0\" date=\"2032-01-01\">third</release>")
        third.version = "0.3.0"
        try world.publish(third, folder: "new")
        Thread.sleep(forTimeInterval: 1.1)
        let mark = mirror.requests().count
        let result = try update(mirror)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(FileManager.default.fileExists(atPath: cachedPDSC(pack, version: "0.3.0")))
        let paths = mirror.requests(since: mark).map(\.path)
        #expect(paths.contains("/new/\(pack.vendor).\(pack.name).pdsc"))
        #expect(!paths.contains("/old/\(pack.vendor).\(pack.name).pdsc"))
        #expect(try index().devices["WB32F103CB"]?.fromPack?.version == "0.3.0")
    }

    @Test func notFoundIsReportedOnceAndTheRunGoesOn() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (world, mirror, packs) = try startWorld()
        try FileManager.default.removeItem(atPath: "\(world.root)/\(packs[0].vendor)/\(packs[0].vendor).\(packs[0].name).pdsc")
        let result = try update(mirror)
        #expect(result.status == 1)
        #expect(result.standardError.contains("\(packs[0].vendor).\(packs[0].name): \(mirror.baseURL)/\(packs[0].vendor)/\(packs[0].vendor).\(packs[0].name).pdsc: not found"))
        #expect(result.standardOutput.contains("3 new, 0 updated, 0 unchanged, 1 failed"))
        let missing = mirror.requests().filter { $0.path.hasSuffix("\(packs[0].name).pdsc") }
        #expect(missing.count == 1, "404 is not retried")
        #expect(FileManager.default.fileExists(atPath: cachedPDSC(packs[1])))
    }

    @Test func serviceUnavailableIsRetriedWithinTheRun() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (_, mirror, packs) = try startWorld(["--fail-rate", "1", "--fault-match", "WB32F10x", "--fault-attempts", "2"])
        let result = try update(mirror)
        #expect(result.status == 0, "\(result.standardError)")
        let statuses = mirror.requests().filter { $0.path.contains("WB32F10x") }.map(\.status)
        #expect(statuses == [503, 503, 200])
        #expect(FileManager.default.fileExists(atPath: cachedPDSC(packs[0])))
    }

    @Test func aConnectionDroppedMidBodyIsRetriedAndTheFileIsWhole() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (world, mirror, packs) = try startWorld(["--drop-rate", "1", "--fault-match", "HC32L110", "--fault-attempts", "1"])
        let result = try update(mirror)
        #expect(result.status == 0, "\(result.standardError)")
        let requests = mirror.requests().filter { $0.path.contains("HC32L110") }
        #expect(requests.first?.flags.contains("drop") == true)
        #expect(requests.count == 2)
        #expect(try FileBytes.read(cachedPDSC(packs[1])) == served(world, packs[1]))
    }

    @Test func aTricklingBodyIsDroppedAndRetried() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (world, mirror, packs) = try startWorld(["--slow-bytes-per-s", "300", "--slow-match", "HC32L110", "--slow-attempts", "1"])
        let started = Date()
        let result = try update(mirror, ["descriptors"], index: "index.pidx", ["--min-speed", "2000", "--speed-window", "1"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(Date().timeIntervalSince(started) < 15)
        let requests = mirror.requests().filter { $0.path.contains("HC32L110") }
        #expect(requests.count == 2)
        #expect(try FileBytes.read(cachedPDSC(packs[1])) == served(world, packs[1]))
    }

    @Test func aServerThatDoesNotAnswerTimesOut() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (_, mirror, _) = try startWorld(["--latency-ms", "3000"])
        let started = Date()
        let result = try update(mirror, ["descriptors"], index: "index.pidx", ["--timeout", "0.5", "--attempts", "2"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("timed out"))
        #expect(result.standardError.contains(mirror.baseURL + "/index.pidx"))
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test func redirectsAreFollowedAndLoopsAreStopped() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (world, mirror, packs) = try startWorld(["--redirect-match", "HC32L110", "--redirect-loop-match", "WB32F10x"])
        let result = try update(mirror)
        #expect(result.status == 1)
        #expect(try FileBytes.read(cachedPDSC(packs[1])) == served(world, packs[1]), "a 301 is followed")
        #expect(result.standardError.contains("more than 5 redirects"))
        #expect(mirror.requests().filter { $0.path.contains("WB32F10x") }.count <= 6)
        #expect(!FileManager.default.fileExists(atPath: cachedPDSC(packs[0])))
    }

    @Test func endlessBodiesAreStoppedAtTheLimit() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (_, mirror, packs) = try startWorld(["--huge-match", "WB32F10x", "--huge-mode", "length"])
        let result = try update(mirror)
        #expect(result.status == 1)
        #expect(result.standardError.contains("larger than the limit"))
        #expect(!FileManager.default.fileExists(atPath: cachedPDSC(packs[0])))
    }

    @Test func aMalformedDescriptionNeverReplacesAGoodOne() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (world, mirror, packs) = try startWorld()
        #expect(try update(mirror).status == 0)
        let good = try FileBytes.read(cachedPDSC(packs[0]))
        let published = String(decoding: try served(world, packs[0]), as: UTF8.self)
        try world.writeRaw("\(packs[0].vendor)/\(packs[0].vendor).\(packs[0].name).pdsc", String(published.prefix(published.count / 2)))
        Thread.sleep(forTimeInterval: 1.1)
        let result = try update(mirror, ["descriptors"], ["--revalidate"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("not a valid pack description"))
        #expect(result.standardError.contains("truncated") || result.standardError.contains(":"))
        #expect(try FileBytes.read(cachedPDSC(packs[0])) == good)
        #expect(try index().devices["WB32F103CB"] != nil)
    }

    @Test func hostileIndexEntriesAreRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (world, mirror, packs) = try startWorld()
        try world.writeRaw("evil/passwd.pdsc", packs[0].text)
        try world.writeRaw("index.pidx", """
            <?xml version="1.0"?>
            <index schemaVersion="1.1.0"><vendor>Evil</vendor><url>\(mirror.baseURL)/</url><pindex>
              <pdsc url="\(mirror.baseURL)/evil/" vendor="../../etc" name="passwd" version="1.0.0"/>
              <pdsc url="\(mirror.baseURL)/\(packs[0].vendor)/" vendor="\(packs[0].vendor)" name="\(packs[0].name)" version="../../../x"/>
              <pdsc url="\(mirror.baseURL)/\(packs[1].vendor)/" vendor="\(packs[1].vendor)" name="\(packs[1].name)" version="\(packs[1].version)"/>
            </pindex></index>
            """)
        let result = try update(mirror)
        #expect(result.status == 1)
        #expect(result.standardError.contains("index.pidx:3: error: entry refused: '../../etc'"))
        #expect(result.standardError.contains("index.pidx:4: error: entry refused"))
        #expect(FileManager.default.fileExists(atPath: cachedPDSC(packs[1])))
        let outside = try FileManager.default.contentsOfDirectory(atPath: work).filter { !$0.hasPrefix("www") }.sorted()
        #expect(outside == ["data", "json"], "nothing was written outside the cache")
        #expect(!mirror.requests().contains { $0.path.contains("evil") })
    }

    @Test func aFailingIndexChangesNothing() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (_, mirror, packs) = try startWorld()
        #expect(try update(mirror).status == 0)
        let before = try FileBytes.read(json + "/index.json")
        let failing = try mirror.restarted(arguments: ["--fail-rate", "1", "--fault-match", "index.pidx"])
        let result = try update(failing)
        #expect(result.status == 1)
        #expect(result.standardError.contains("index.pidx"))
        #expect(result.standardError.contains("server error (HTTP 503)"))
        #expect(try FileBytes.read(json + "/index.json") == before)
        #expect(FileManager.default.fileExists(atPath: cachedPDSC(packs[0])))
    }

    @Test func localIndexesByPathAndFileURL() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let world = PackWorld(root: work + "/local")
        let pack = try PackWorld.corpusPack("pdsc/WestBerry.WB32F10x_DFP.pdsc")
        try world.writeRaw("packs/WestBerry.WB32F10x_DFP.pdsc", pack.text)
        // A relative URL, resolved against the index file.
        try world.writeRaw("index.pidx", """
            <?xml version="1.0"?><index schemaVersion="1.1.0"><vendor>Local</vendor><url>./</url><pindex>
            <pdsc url="packs/" vendor="WestBerry" name="WB32F10x_DFP" version="0.1.0"/></pindex></index>
            """)
        for source in [world.root + "/index.pidx", "file://" + world.root + "/index.pidx"] {
            let result = try PackManagerBinary.run(["cache", "descriptors", "-q", "--index-url", source,
                                                    "--data-path", data, "--json-path", json], environment: Self.offline)
            #expect(result.status == 0, "\(result.standardError)")
        }
        #expect(FileManager.default.fileExists(atPath: cachedPDSC(pack)))
        #expect(try index().devices["WB32F103CB"] != nil)
    }

    @Test func vendorListIsCreatedWithTheHTTPSDefaultAndRead() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (_, mirror, packs) = try startWorld()
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        try FileBytes.writeAtomically(Array("# our mirror\n\(mirror.baseURL)/index.pidx\n\n".utf8), to: data + "/vendors.list")
        let result = try PackManagerBinary.run(["cache", "desc", "-q", "--data-path", data, "--json-path", json], environment: Self.offline)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(FileManager.default.fileExists(atPath: cachedPDSC(packs[0])))
        let fresh = work + "/fresh"
        _ = try PackManagerBinary.run(["cache", "pdsc", "-q", "--attempts", "1", "--data-path", fresh, "--json-path", fresh],
                                      environment: Self.offline)
        #expect(try String(contentsOfFile: fresh + "/vendors.list", encoding: .utf8) == "https://www.keil.com/pack/index.pidx\n")
    }

    @Test func twoProcessesAtOnceBothFinishAndTheCacheIsConsistent() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (world, mirror, packs) = try startWorld(["--latency-ms", "300"])
        let arguments = ["cache", "descriptors", "--index-url", "\(mirror.baseURL)/index.pidx", "--data-path", data, "--json-path", json]
        let logs = (0..<2).map { work + "/run\($0).err" }
        let pids = try logs.map { try PackManagerBinary.start(arguments, environment: Self.offline, stdout: "/dev/null", stderr: $0) }
        let statuses = pids.map(Spawn.wait)
        let finished = try zip(statuses, logs).map { status, log in
            CommandResult(status: status, standardOutput: "", standardError: try String(contentsOfFile: log, encoding: .utf8))
        }
        #expect(finished.count == 2)
        #expect(finished.allSatisfy { $0.status == 0 })
        #expect(finished.contains { $0.standardError.contains("waiting for it to finish") })
        for pack in packs { #expect(try FileBytes.read(cachedPDSC(pack)) == served(world, pack)) }
        #expect(try index().devices.count > 10)
    }

    @Test func aRunKilledMidwayLeavesAUsableCache() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (world, mirror, packs) = try startWorld()
        #expect(try update(mirror).status == 0)
        let oldIndex = try FileBytes.read(json + "/index.json")
        var old: [String: [UInt8]] = [:]
        for pack in packs { old[pack.name] = try FileBytes.read(cachedPDSC(pack)) }
        for pack in packs {
            var edited = pack
            edited.text += "\n<!-- edited \(UUID()) -->\n"
            try world.publish(edited)
        }
        let slow = try mirror.restarted(arguments: ["--latency-ms", "700"])
        // Start an update and kill it with SIGKILL part-way through.
        let pid = try PackManagerBinary.start(
            ["cache", "descriptors", "-q", "--revalidate", "--per-host", "1", "--index-url", "\(slow.baseURL)/index.pidx", "--data-path", data, "--json-path", json],
            environment: Self.offline, stdout: "/dev/null", stderr: "/dev/null")
        Thread.sleep(forTimeInterval: 2.0)
        kill(pid, SIGKILL)
        #expect(Spawn.wait(pid) == 128 + SIGKILL)

        // Every file is either the old or the new version, never partial.
        let index = try JSONParser.parse(FileBytes.read(json + "/index.json"))
        #expect(index.objectValue?.isEmpty == false)
        #expect(try FileBytes.read(json + "/index.json") == oldIndex)
        for pack in packs {
            let bytes = try FileBytes.read(cachedPDSC(pack))
            let new = try served(world, pack)
            #expect(bytes == old[pack.name] || bytes == new)
        }
        // The next run completes and brings everything up to date.
        let fast = try slow.restarted()
        let result = try update(fast, ["descriptors"], ["--revalidate"])
        #expect(result.status == 0, "\(result.standardError) \(result.standardOutput)")
        for pack in packs { #expect(try FileBytes.read(cachedPDSC(pack)) == served(world, pack)) }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: data + "/.cpm/tmp")
        #expect(leftovers.isEmpty)
    }

    @Test func packsAreDownloadedResumedAndVerified() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        var world = PackWorld(root: work + "/www")
        let mirror = try MirrorServer(root: world.root, arguments: ["--drop-rate", "1", "--fault-match", "MyPack\\.1\\.1\\.0\\.pack$", "--fault-attempts", "1"])
        world.baseURL = mirror.baseURL
        let pack = try PackWorld.corpusPack("packs/upstream-test-pack-index/MyVendor.MyPack.pdsc")
        try world.publish(pack, folder: "MyVendor")
        try FileManager.default.copyItem(atPath: Corpus.path("packs/upstream-test-pack-index/MyVendor.MyPack.1.1.0.pack"),
                                         toPath: world.root + "/MyVendor/MyVendor.MyPack.1.1.0.pack")
        try world.writeIndex([(pack.vendor, pack.name, pack.version, "MyVendor")])

        let result = try update(mirror, ["devices", "MyDevice"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Packs: 1 downloaded"))
        let requests = mirror.requests().filter { $0.path.hasSuffix(".pack") }
        #expect(requests.count == 2)
        #expect(requests.first?.flags.contains("drop") == true)
        #expect(requests.last?.flags.contains("range") == true)
        #expect(requests.last?.status == 206)
        let cached = data + "/MyVendor/MyPack/1.1.0.pack"
        let original = try FileBytes.read(Corpus.path("packs/upstream-test-pack-index/MyVendor.MyPack.1.1.0.pack"))
        #expect(try FileBytes.read(cached) == original)
        #expect(try PackArchive(path: cached).readDescription().description.name == "MyPack")

        // A version already held is not downloaded again.
        let mark = mirror.requests().count
        let again = try update(mirror, ["everything"])
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("Packs: 0 downloaded, 1 already held"))
        #expect(!mirror.requests(since: mark).contains { $0.path.hasSuffix(".pack") })
    }

    @Test func anArchiveThatIsNotThePackIsRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (world, mirror, packs) = try startWorld(files: ["pdsc/WestBerry.WB32F10x_DFP.pdsc"])
        try world.writeRaw("WestBerry/WestBerry.WB32F10x_DFP.0.1.0.pack", "this is not a zip archive")
        let result = try update(mirror, ["everything"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("not a valid pack"))
        #expect(!FileManager.default.fileExists(atPath: data + "/WestBerry/WB32F10x_DFP/0.1.0.pack"))
        #expect(FileManager.default.fileExists(atPath: cachedPDSC(packs[0])))
        let partial = try FileManager.default.contentsOfDirectory(atPath: data + "/.cpm/partial")
        #expect(partial.isEmpty)
    }

    @Test func cleanRemovesTheCache() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (_, mirror, packs) = try startWorld(files: ["pdsc/WestBerry.WB32F10x_DFP.pdsc"])
        #expect(try update(mirror).status == 0)
        let result = try PackManagerBinary.run(["cache", "rm", "--data-path", data, "--json-path", json], environment: Self.offline)
        #expect(result.status == 0)
        #expect(!FileManager.default.fileExists(atPath: cachedPDSC(packs[0])))
        #expect(!FileManager.default.fileExists(atPath: json + "/index.json"))
    }
}

extension CacheUpdateTests {
    @Test func deprecationsFromTheIndexAreShownWithTheirReplacement() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let (world, mirror, packs) = try startWorld(files: ["pdsc/WestBerry.WB32F10x_DFP.pdsc", "pdsc/HDSC.HC32L110.pdsc"])
        try world.writeRaw("index.pidx", """
            <?xml version="1.0"?><index schemaVersion="1.1.0"><vendor>T</vendor><url>\(mirror.baseURL)/</url><pindex>
            <pdsc url="\(mirror.baseURL)/WestBerry/" vendor="WestBerry" name="WB32F10x_DFP" version="0.1.0" deprecated="2024-05-01" replacement="WestBerry.WB32_DFP"/>
            <pdsc url="\(mirror.baseURL)/HDSC/" vendor="HDSC" name="HC32L110" version="\(packs[1].version)"/>
            </pindex></index>
            """)
        #expect(try update(mirror).status == 0)
        let show = try PackManagerBinary.run(["show", "--data-path", data, "--json-path", json, "WB32F103CB"])
        #expect(show.standardOutput.contains("Deprecated:  since 2024-05-01; use WestBerry.WB32_DFP instead"))
        let find = try PackManagerBinary.run(["find-part", "--data-path", data, "--json-path", json, "WB32F103"])
        #expect(find.standardOutput.contains("- WB32F103CB"))
        #expect(find.standardError.contains("deprecated since 2024-05-01; use WestBerry.WB32_DFP instead"))
        let long = try PackManagerBinary.run(["find-part", "--long", "--json", "--data-path", data, "--json-path", json, "WB32F103CB"])
        #expect(try JSONParser.parse(Array(long.standardOutput.utf8))["WB32F103CB"]?["replacement"]?.stringValue == "WestBerry.WB32_DFP")
        #expect(try index().packs.values.first { $0.pack == "WB32F10x_DFP" }?.deprecated == "2024-05-01")
    }
}
