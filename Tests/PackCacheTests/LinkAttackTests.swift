import CMSISPack
import Foundation
import Testing
import TestSupport

/// An attacker who can write inside a shared data folder or pack root puts a
/// symbolic link (or a hard link) where pack-manager keeps a folder or file
/// of its own, pointing at something of the victim's. Whatever the next run
/// does (update, install, remove, clean), the victim's files must be left
/// exactly as they were: pack-manager removes the link as a link or refuses
/// with an error naming it, and never follows it.
///
/// For each command family, the test runs the commands once, lists every
/// folder and file they made, and then, for each of them in turn, restores
/// the state after that first run, puts the link in its place, runs the
/// commands again and checks the victim.
@Suite(.serialized) struct LinkAttackTests {
    let work = Corpus.temporaryDirectory("links")

    /// The victim: a folder whose names look like pack-manager's own (so a run
    /// that followed a link into it would delete or overwrite them), and a file.
    var victimFolder: String { work + "/victim" }
    var victimFile: String { work + "/victim.txt" }
    static let victimNames = ["HDSC.HC32L110.1.0.3.pdsc", "index.json", "vendors.list", "notes.txt",
                              "HDSC/HC32L110/1.0.3.pack", "sub/deep.txt", ".lock", "HDSC.HC32L110.pdsc",
                              "HDSC.HC32L110.1.0.3.pack", "local_repository.pidx"]

    func makeVictim() throws {
        try? FileManager.default.removeItem(atPath: victimFolder)
        for name in Self.victimNames { try write(victimFolder + "/" + name, "the victim's \(name)\n") }
        try write(victimFile, "the victim's own file\n")
    }

    func victimIsIntact() -> Bool {
        for name in Self.victimNames where (try? String(contentsOfFile: victimFolder + "/" + name, encoding: .utf8)) != "the victim's \(name)\n" {
            return false
        }
        let extra = FileManager.default.enumerator(atPath: victimFolder)?.allObjects.count ?? 0
        // Every name, and the folders HDSC, HDSC/HC32L110 and sub: nothing added either.
        return extra == Self.victimNames.count + 3
            && (try? String(contentsOfFile: victimFile, encoding: .utf8)) == "the victim's own file\n"
    }

    func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    var environment: [String: String] {
        PackManagerBinary.offline(["HOME": work + "/home", "XDG_DATA_HOME": work + "/home/share", "XDG_CACHE_HOME": work + "/home/cache"])
    }

    func run(_ arguments: [String]) throws -> CommandResult {
        try PackManagerBinary.run(arguments, environment: environment)
    }

    /// A pack server with HDSC.HC32L110 1.0.3 (description and archive) and its index.
    func startServer() throws -> MirrorServer {
        let www = work + "/www"
        try FileManager.default.createDirectory(atPath: www, withIntermediateDirectories: true)
        let mirror = try MirrorServer(root: www)
        let pdsc = String(decoding: try FileBytes.read(Corpus.path("pdsc/HDSC.HC32L110.pdsc")), as: UTF8.self)
            .replacingOccurrences(of: #"<url>[^<]*</url>"#, with: "<url>\(mirror.baseURL)/HDSC/</url>", options: .regularExpression)
        try write(www + "/HDSC/HDSC.HC32L110.pdsc", pdsc)
        try FileManager.default.copyItem(atPath: Corpus.path("packs/HDSC.HC32L110.1.0.3.pack"), toPath: www + "/HDSC/HDSC.HC32L110.1.0.3.pack")
        try write(www + "/index.pidx", """
            <?xml version="1.0" encoding="UTF-8"?>
            <index schemaVersion="1.1.0"><vendor>Test</vendor><url>\(mirror.baseURL)/</url><pindex>
            <pdsc url="\(mirror.baseURL)/HDSC/" vendor="HDSC" name="HC32L110" version="1.0.3"/>
            </pindex></index>

            """)
        return mirror
    }

    /// Every folder and file below `root` (relative paths), folders first.
    /// Inside an installed pack only the pack's folder and its description count.
    func inventory(_ root: String) -> [(path: String, isFolder: Bool)] {
        var result: [(String, Bool)] = []
        for case let relative as String in FileManager.default.enumerator(atPath: root)?.allObjects ?? [] {
            let components = relative.split(separator: "/")
            if components.count > 3 && components.first?.hasPrefix(".") == false { continue }
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isFolder)
            result.append((relative, isFolder.boolValue))
        }
        return result.sorted { $0.0 < $1.0 }
    }

    /// Restores `target` to `snapshot` (made writable first: installed packs are read-only).
    func restore(_ target: String, from snapshot: String) throws {
        _ = try? Tool.run(["/bin/chmod", "-R", "u+w", target], in: work)
        try? FileManager.default.removeItem(atPath: target)
        let copied = try Tool.run(["/bin/cp", "-a", snapshot, target], in: work)
        try #require(copied.status == 0, "\(copied.standardError)")
    }

    /// For every folder and file under `target` after `first`, each attack,
    /// then `again`; the victim must survive every one.
    func attackEverything(under target: String, first: [[String]], again: [[String]]) throws -> Int {
        for command in first {
            let result = try run(command)
            try #require(result.status == 0, "\(command.joined(separator: " ")): \(result.standardError)")
        }
        let snapshot = work + "/snapshot"
        try? FileManager.default.removeItem(atPath: snapshot)
        let copied = try Tool.run(["/bin/cp", "-a", target, snapshot], in: work)
        try #require(copied.status == 0)
        let entries = inventory(target)
        #expect(entries.count > 5, "the first run made its folders: \(entries.map(\.path))")
        var attacks = 0
        for entry in entries {
            for kind in entry.isFolder ? ["symlink"] : ["symlink", "hardlink"] {
                try restore(target, from: snapshot)
                try makeVictim()
                let place = target + "/" + entry.path
                _ = try? Tool.run(["/bin/chmod", "-R", "u+w", place], in: work)
                try FileManager.default.removeItem(atPath: place)
                if kind == "symlink" {
                    try FileManager.default.createSymbolicLink(atPath: place, withDestinationPath: entry.isFolder ? victimFolder : victimFile)
                } else {
                    try FileManager.default.linkItem(atPath: victimFile, toPath: place)
                }
                attacks += 1
                for command in again {
                    let result = try run(command)
                    #expect(result.status < 128, "\(command.joined(separator: " ")) crashed with \(entry.path) as a \(kind)")
                    if result.status != 0 && kind == "symlink" {
                        #expect(result.standardError.contains((entry.path as NSString).lastPathComponent),
                                "\(command.joined(separator: " ")) with \(entry.path) as a \(kind) failed without naming it: \(result.standardError)")
                    }
                }
                #expect(victimIsIntact(), "the victim changed: \(entry.path) as a \(kind), then \(again.map { $0.joined(separator: " ") })")
            }
        }
        return attacks
    }

    @Test func theCacheNeverFollowsALinkInItsDataFolder() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let mirror = try startServer()
        defer { mirror.stop() }
        let data = work + "/data"
        let options = ["--index-url", mirror.baseURL + "/index.pidx", "--data-path", data, "-q"]
        let attacks = try attackEverything(under: data, first: [["cache", "everything"] + options],
                                           again: [["cache", "everything"] + options, ["cache", "clean", "--data-path", data]])
        print("link attacks on the data folder: \(attacks)")
    }

    @Test func thePackRootNeverFollowsALink() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let mirror = try startServer()
        defer { mirror.stop() }
        let root = work + "/root"
        let data = work + "/index"
        let common = ["-R", root, "--data-path", data, "-q"]
        let attacks = try attackEverything(
            under: root,
            first: [["pack", "init", mirror.baseURL + "/index.pidx"] + common, ["pack", "add", "HDSC::HC32L110", "-a"] + common],
            again: [["pack", "update-index"] + common, ["pack", "add", "HDSC::HC32L110", "-a", "--force-reinstall"] + common,
                    ["pack", "rm", "HDSC::HC32L110", "--purge"] + common])
        print("link attacks on the pack root: \(attacks)")
    }

    @Test func publishingNeverFollowsALink() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let mirror = try startServer()
        defer { mirror.stop() }
        let data = work + "/data"
        let cached = try run(["cache", "everything", "--index-url", mirror.baseURL + "/index.pidx", "--data-path", data, "-q"])
        try #require(cached.status == 0, "\(cached.standardError)")
        let out = work + "/out"
        let publish = [["mirror", out + "/mirror", "--index", mirror.baseURL + "/index.pidx", "--base-url", "http://example.com/m/",
                        "--site", out + "/site", "-q"],
                       ["dump-parts", out + "/parts", "HC32L110C6PA", "--data-path", data]]
        let attacks = try attackEverything(under: out, first: publish, again: publish)
        print("link attacks on the mirror, its catalogue and dump-parts: \(attacks)")
    }

    @Test func aPartialDownloadThatIsALinkIsNeverWrittenInto() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let mirror = try startServer()
        defer { mirror.stop() }
        let data = work + "/data"
        let options = ["--index-url", mirror.baseURL + "/index.pidx", "--data-path", data, "-q"]
        #expect(try run(["cache", "descriptors"] + options).status == 0)
        for kind in ["symlink", "hardlink"] {
            try makeVictim()
            let part = data + "/.cpm/partial/HDSC.HC32L110.1.0.3.pack.part"
            try? FileManager.default.removeItem(atPath: part)
            try FileManager.default.createDirectory(atPath: data + "/.cpm/partial", withIntermediateDirectories: true)
            if kind == "symlink" {
                try FileManager.default.createSymbolicLink(atPath: part, withDestinationPath: victimFile)
            } else {
                try FileManager.default.linkItem(atPath: victimFile, toPath: part)
            }
            // A record saying the part came from this URL, so the next run resumes it.
            try write(part + ".json", #"{"url":"\#(mirror.baseURL)/HDSC/HDSC.HC32L110.1.0.3.pack","validator":"x"}"#)
            let result = try run(["cache", "everything"] + options)
            #expect(result.status < 128)
            #expect(victimIsIntact(), "the victim was written through a \(kind) in .cpm/partial")
        }
    }

    @Test func fileNamesAloneNeverMakeAFolderOurs() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        // A folder of the user's holding a file that happens to be named like a cached description.
        let theirs = work + "/theirs"
        try write(theirs + "/Vendor.Name.1.0.3.pdsc", "my notes\n")
        let cleaned = try run(["cache", "clean", "--data-path", theirs])
        #expect(cleaned.status != 0)
        #expect(cleaned.standardError.contains("not a pack-manager folder"))
        #expect((try? String(contentsOfFile: theirs + "/Vendor.Name.1.0.3.pdsc", encoding: .utf8)) == "my notes\n")
        // A folder of the user's is not turned into a pack root.
        let notes = work + "/notes"
        try write(notes + "/todo.txt", "buy milk\n")
        let initialised = try run(["pack", "init", "-R", notes, "file://" + work + "/none.pidx"])
        #expect(initialised.status != 0)
        #expect(initialised.standardError.contains("refusing to use it as the pack root"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: notes) == ["todo.txt"])
    }
}
