import CMSISPack
import OwnedFiles
import Foundation
import PackCache
import Testing
import TestSupport

/// `kill -9` at several moments of `cache everything` and `pack add`, with
/// the loopback mirror sending the packs slowly so the kill lands
/// mid-download; the next run must succeed and leave exactly what an
/// uninterrupted run leaves (same files, same bytes, same index.json).
/// Also the states a kill can leave that timing alone rarely hits: a whole
/// `.part` not yet renamed, and a part the server no longer matches (416).
@Suite(.serialized) struct KillTests {
    let work = Corpus.temporaryDirectory("kill")
    var www: String { work + "/www" }
    static let packCount = 5

    var environment: [String: String] {
        PackManagerBinary.offline(["HOME": work + "/home", "XDG_DATA_HOME": "", "XDG_CACHE_HOME": "", "CMSIS_PACK_ROOT": ""])
    }

    /// Acme.Big0…4, about 1.2 MB of incompressible data each.
    func makeWorld(_ mirror: MirrorServer) throws {
        var random = SplitMix64(seed: 7, index: 0)
        var entries: [String] = []
        for number in 0..<Self.packCount {
            let name = "Big\(number)"
            let pdsc = ZipBuilder.pdsc(vendor: "Acme", name: name, versions: ["1.0.0"], url: "\(mirror.baseURL)/acme/")
            try FileManager.default.createDirectory(atPath: www + "/acme", withIntermediateDirectories: true)
            try pdsc.write(to: URL(fileURLWithPath: www + "/acme/Acme.\(name).pdsc"))
            let payload = Data((0..<1_200_000).map { _ in UInt8.random(in: 0...255, using: &random) })
            try ZipBuilder.write([.file("Acme.\(name).pdsc", pdsc), .file("data.bin", payload)], to: www + "/acme/Acme.\(name).1.0.0.pack")
            entries.append("<pdsc url=\"\(mirror.baseURL)/acme/\" vendor=\"Acme\" name=\"\(name)\" version=\"1.0.0\"/>")
        }
        let index = "<?xml version=\"1.0\"?>\n<index schemaVersion=\"1.1.0\"><vendor>T</vendor><url>\(mirror.baseURL)/</url><pindex>\n"
            + entries.joined(separator: "\n") + "\n</pindex></index>\n"
        try Data(index.utf8).write(to: URL(fileURLWithPath: www + "/index.pidx"))
    }

    /// Packs at about 1 MB/s each, so a download lasts about a second.
    func startMirror() throws -> MirrorServer {
        try FileManager.default.createDirectory(atPath: www, withIntermediateDirectories: true)
        return try MirrorServer(root: www, arguments: ["--latency-ms", "20", "--slow-bytes-per-s", "1000000", "--slow-match", "\\.pack$"])
    }

    func everything(_ mirror: MirrorServer, data: String) -> [String] {
        ["cache", "everything", "-q", "--data-path", data, "--index-url", "\(mirror.baseURL)/index.pidx"]
    }

    /// Every file under `folder` except our working files, with its bytes.
    func result(_ folder: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for case let relative as String in FileManager.default.enumerator(atPath: folder) ?? FileManager.DirectoryEnumerator() {
            let skipped = relative.hasPrefix(".cpm") || relative.hasPrefix(".Web/.cpm") || relative.hasPrefix(".Download/.")
                || [".lock", ".cmsis-pack-manager"].contains((relative as NSString).lastPathComponent)
            guard !skipped, FileStat(folder + "/" + relative, followingLinks: false)?.kind == .file else { continue }
            // packs.json, local_repository.pidx and cache.pidx record times: only their presence is compared.
            let timed = ["packs.json", "local_repository.pidx", "cache.pidx"].contains((relative as NSString).lastPathComponent)
            files[relative] = timed ? Data() : FileManager.default.contents(atPath: folder + "/" + relative)
        }
        return files
    }

    /// Starts the command, waits until `moment` says so, kills it with SIGKILL.
    /// Returns whether the kill landed before the process ended by itself.
    func kill(_ arguments: [String], when moment: () -> Bool, limit: Double = 30) throws -> Bool {
        let base = work + "/killed-" + UUID().uuidString
        let pid = try PackManagerBinary.start(arguments, environment: environment, stdout: base + ".out", stderr: base + ".err")
        let deadline = Date().addingTimeInterval(limit)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { return false }
            if moment() { break }
            usleep(2_000)
        }
        Foundation.kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        return true
    }

    func partSizes(_ folder: String) -> [Int64] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".part") }
            .compactMap { FileStat(folder + "/" + $0)?.size }
    }

    func count(_ folder: String, suffix: String) -> Int {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(suffix) }.count
    }

    @Test func cacheEverythingSurvivesKillsAtEveryStage() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let mirror = try startMirror()
        defer { mirror.stop() }
        try makeWorld(mirror)
        let reference = work + "/reference"
        let clean = try PackManagerBinary.run(everything(mirror, data: reference), environment: environment)
        #expect(clean.status == 0, "\(clean.standardError)")
        let expected = result(reference)
        #expect(expected.keys.filter { $0.hasSuffix(".pack") }.count == Self.packCount)
        #expect(expected["index.json"] != nil)

        let moments: [(String, (String) -> Bool)] = [
            ("at once", { _ in true }),
            ("after the descriptions", { data in count(data, suffix: ".pdsc") > 0 }),
            ("as a download starts", { data in partSizes(data + "/.cpm/partial").contains { $0 > 0 } }),
            ("mid-download", { data in partSizes(data + "/.cpm/partial").contains { $0 > 600_000 } }),
            ("after the first pack", { data in count(data, suffix: ".pack") >= 1 }),
            ("after most packs", { data in count(data, suffix: ".pack") >= Self.packCount - 1 }),
        ]
        var kills = 0, failuresAfterKill = 0
        for (label, moment) in moments {
            let data = work + "/data-" + label.replacingOccurrences(of: " ", with: "-")
            if try kill(everything(mirror, data: data), when: { moment(data) }) { kills += 1 }
            // Twice killed at the same stage: what the first kill left is resumed, then killed again.
            if try kill(everything(mirror, data: data), when: { moment(data) }) { kills += 1 }
            let next = try PackManagerBinary.run(everything(mirror, data: data), environment: environment)
            if next.status != 0 { failuresAfterKill += 1 }
            #expect(next.status == 0, "after a kill \(label): \(next.standardError)")
            let difference = Set(result(data).keys).symmetricDifference(expected.keys).sorted()
            #expect(result(data) == expected, "after a kill \(label), the cache differs from an uninterrupted run: \(difference)")
        }
        print("KILL cache-everything kills=\(kills) failures_after_kill=\(failuresAfterKill) stages=\(moments.count)")
        #expect(kills >= moments.count, "too few kills landed before the run ended")
    }

    @Test func aWholePartIsUsedAndA416StartsAgain() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let mirror = try startMirror()
        defer { mirror.stop() }
        try makeWorld(mirror)
        let data = work + "/data"
        #expect(try PackManagerBinary.run(["cache", "descriptors", "-q", "--data-path", data, "--index-url", "\(mirror.baseURL)/index.pidx"],
                                          environment: environment).status == 0)
        let partial = data + "/.cpm/partial"
        try FileManager.default.createDirectory(atPath: partial, withIntermediateDirectories: true)
        // Big0: killed after its last byte, before the rename: a whole part and its record.
        try FileManager.default.copyItem(atPath: www + "/acme/Acme.Big0.1.0.0.pack", toPath: partial + "/Acme.Big0.1.0.0.pack.part")
        let sidecar = "{\"url\": \"\(mirror.baseURL)/acme/Acme.Big0.1.0.0.pack\", \"validator\": null}"
        try Data(sidecar.utf8).write(to: URL(fileURLWithPath: partial + "/Acme.Big0.1.0.0.pack.part.json"))
        // Big1: a part as long as the file but not the same bytes: the resume gets 416, then a fresh download.
        try Data(repeating: 0x55, count: Int(FileStat(www + "/acme/Acme.Big1.1.0.0.pack")!.size))
            .write(to: URL(fileURLWithPath: partial + "/Acme.Big1.1.0.0.pack.part"))
        let sidecar1 = "{\"url\": \"\(mirror.baseURL)/acme/Acme.Big1.1.0.0.pack\", \"validator\": null}"
        try Data(sidecar1.utf8).write(to: URL(fileURLWithPath: partial + "/Acme.Big1.1.0.0.pack.part.json"))
        let mark = mirror.requests().count
        let run = try PackManagerBinary.run(everything(mirror, data: data), environment: environment)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("Packs: \(Self.packCount) downloaded"), "\(run.standardOutput)")
        let requests = mirror.requests(since: mark)
        #expect(!requests.contains { $0.path.hasSuffix("Acme.Big0.1.0.0.pack") }, "the whole part is used without asking again")
        #expect(requests.contains { $0.path.hasSuffix("Acme.Big1.1.0.0.pack") && $0.status == 416 }, "\(requests)")
        #expect(requests.contains { $0.path.hasSuffix("Acme.Big1.1.0.0.pack") && $0.status == 200 })
        for number in 0..<Self.packCount {
            #expect(FileManager.default.contents(atPath: data + "/Acme/Big\(number)/1.0.0.pack")
                    == FileManager.default.contents(atPath: www + "/acme/Acme.Big\(number).1.0.0.pack"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: partial).isEmpty)
    }

    @Test func packAddSurvivesKills() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let mirror = try startMirror()
        defer { mirror.stop() }
        try makeWorld(mirror)
        func add(_ root: String) -> [String] {
            ["pack", "add", "-q", "--pack-root", root, "--json-path", root + "-json", "Acme::Big0", "Acme::Big1", "Acme::Big2"]
        }
        func initialise(_ root: String) throws {
            let result = try PackManagerBinary.run(["pack", "init", "-q", "--pack-root", root, "--json-path", root + "-json",
                                                    "\(mirror.baseURL)/index.pidx"], environment: environment)
            #expect(result.status == 0, "\(result.standardError)")
        }
        let reference = work + "/reference-root"
        try initialise(reference)
        #expect(try PackManagerBinary.run(add(reference), environment: environment).status == 0)
        let expected = result(reference)
        #expect(expected["Acme/Big2/1.0.0/data.bin"] != nil)

        let moments: [(String, (String) -> Bool)] = [
            ("as a download starts", { root in partSizes(root + "/.Download/.partial").contains { $0 > 0 } }),
            ("mid-download", { root in partSizes(root + "/.Download/.partial").contains { $0 > 600_000 } }),
            ("while extracting", { root in !((try? FileManager.default.contentsOfDirectory(atPath: root + "/.Download/.staging")) ?? []).isEmpty }),
            ("after the first pack", { root in FileManager.default.fileExists(atPath: root + "/Acme/Big0/1.0.0") }),
            ("after two packs", { root in FileManager.default.fileExists(atPath: root + "/Acme/Big1/1.0.0") }),
        ]
        var kills = 0, failuresAfterKill = 0
        for (label, moment) in moments {
            let root = work + "/root-" + label.replacingOccurrences(of: " ", with: "-")
            try initialise(root)
            if try kill(add(root), when: { moment(root) }) { kills += 1 }
            let next = try PackManagerBinary.run(add(root), environment: environment)
            if next.status != 0 { failuresAfterKill += 1 }
            #expect(next.status == 0, "after a kill \(label): \(next.standardError)")
            let got = result(root)
            #expect(got == expected, "after a kill \(label): \(Set(got.keys).symmetricDifference(expected.keys).sorted())")
        }
        print("KILL pack-add kills=\(kills) failures_after_kill=\(failuresAfterKill) stages=\(moments.count)")
        #expect(kills >= moments.count - 1, "too few kills landed before the run ended")
    }

    /// Ctrl-C mid-download: the program says it was interrupted, which
    /// partial download it kept and that running it again resumes; it ends
    /// as SIGINT ends a program (status 130); the next run resumes the part.
    @Test func ctrlCDuringPackAddSaysWhatWasKept() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let mirror = try startMirror()
        defer { mirror.stop() }
        try makeWorld(mirror)
        let root = work + "/root"
        let add = ["pack", "add", "--pack-root", root, "--json-path", root + "-json", "Acme::Big0"]
        let initialised = try PackManagerBinary.run(["pack", "init", "-q", "--pack-root", root, "--json-path", root + "-json",
                                                     "\(mirror.baseURL)/index.pidx"], environment: environment)
        #expect(initialised.status == 0, "\(initialised.standardError)")
        let base = work + "/interrupted"
        let pid = try PackManagerBinary.start(add, environment: environment, stdout: base + ".out", stderr: base + ".err")
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !partSizes(root + "/.Download/.partial").contains(where: { $0 > 300_000 }) { usleep(2_000) }
        Foundation.kill(pid, SIGINT)
        #expect(Spawn.wait(pid) == 130, "ended as Ctrl-C ends a program")
        let said = String(decoding: FileManager.default.contents(atPath: base + ".err") ?? Data(), as: UTF8.self)
        #expect(said.contains("interrupted (Ctrl-C): nothing is half-installed"), "\(said)")
        #expect(said.contains("Kept for the next run: the partial download \(root)/.Download/.partial/Acme.Big0.1.0.0.pack.part ("), "\(said)")
        #expect(said.contains("Run the same command again to resume it."), "\(said)")
        let mark = mirror.requests().count
        let next = try PackManagerBinary.run(add + ["-q"], environment: environment)
        #expect(next.status == 0, "\(next.standardError)")
        #expect(mirror.requests(since: mark).contains { $0.path.hasSuffix("/Acme.Big0.1.0.0.pack") && $0.status == 206 }, "the download resumed")
        #expect(FileManager.default.contents(atPath: root + "/Acme/Big0/1.0.0/data.bin") != nil)
    }
}
