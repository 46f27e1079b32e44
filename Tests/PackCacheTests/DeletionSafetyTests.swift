import CMSISPack
import OwnedFiles
import Foundation
import PackCache
import Testing
import TestSupport

/// Every command that deletes or overwrites, pointed at folders that are not
/// pack-manager's: someone's files, a folder above the cache, the home
/// folder, and the default cache while another folder is named. The foreign
/// files survive, the exit status is 1 and the message names the folder.
/// Everything happens in temporary folders with a temporary HOME; `/` itself
/// is tried in `RootFolderRefusalTests`, inside a private mount namespace.
@Suite(.serialized) struct DeletionSafetyTests {
    let work = Corpus.temporaryDirectory("safety")
    var home: String { work + "/home" }
    var defaultCache: String { home + "/.local/share/cmsis-pack-manager" }
    var theirs: String { work + "/theirs" }
    /// A local pack world read through file:// URLs: Acme.Widgets 1.0.0.
    var world: String { work + "/world" }
    var indexURL: String { "file://\(world)/index.pidx" }

    /// HOME and the XDG folders inside `work`, no pack root of the machine.
    var environment: [String: String] {
        ["HOME": home, "XDG_DATA_HOME": "", "XDG_CACHE_HOME": "", "CMSIS_PACK_ROOT": "", "CMSIS_PACK_MANAGER_DATA_PATH": "",
         "CMSIS_PACK_MANAGER_JSON_PATH": "", "CMSIS_PACK_MANAGER_VIDX_LIST": "", "CMSIS_PACK_MANAGER_INDEX_URLS": ""]
    }

    func run(_ arguments: [String]) throws -> CommandResult {
        try PackManagerBinary.run(arguments, environment: PackManagerBinary.offline(environment))
    }

    func write(_ path: String, _ text: String = "someone's file\n") throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Every file under `folder` with its content, to compare before and after.
    func snapshot(_ folder: String) -> [String: Data] {
        var result: [String: Data] = [:]
        for case let relative as String in FileManager.default.enumerator(atPath: folder) ?? FileManager.DirectoryEnumerator() {
            let path = folder + "/" + relative
            if FileStat(path, followingLinks: false)?.kind == .file { result[relative] = FileManager.default.contents(atPath: path) }
            if FileStat(path, followingLinks: false)?.kind == .link { result[relative] = Data("link".utf8) }
        }
        return result
    }

    /// Someone's folder: documents, a folder, and names that look like ours.
    func makeTheirs() throws {
        try write(theirs + "/notes.txt")
        try write(theirs + "/src/main.c")
        try write(theirs + "/index.json", "{\"their\": \"index\"}\n")
        try write(theirs + "/Keil.Thing.1.0.0.pdsc")
        try write(theirs + "/Acme/Widgets/1.0.0.pack")
        try write(theirs + "/vendors.list", "https://example.com/their.pidx\n")
    }

    func makeWorld() throws {
        let pdsc = ZipBuilder.pdsc(vendor: "Acme", name: "Widgets", versions: ["1.0.0"], url: "file://\(world)/")
        try FileManager.default.createDirectory(atPath: world, withIntermediateDirectories: true)
        try pdsc.write(to: URL(fileURLWithPath: world + "/Acme.Widgets.pdsc"))
        try ZipBuilder.write([.file("Acme.Widgets.pdsc", pdsc), .file("Flash/W.FLM", Data(repeating: 7, count: 100))],
                             to: world + "/Acme.Widgets.1.0.0.pack")
        try write(world + "/index.pidx", """
            <?xml version="1.0"?><index schemaVersion="1.1.0"><vendor>T</vendor><url>file://\(world)/</url><pindex>
            <pdsc url="file://\(world)/" vendor="Acme" name="Widgets" version="1.0.0"/></pindex></index>
            """)
    }

    func expectRefused(_ result: CommandResult, naming folder: String, because reason: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, "exit status \(result.status): \(result.standardError)", sourceLocation: sourceLocation)
        #expect(result.standardError.contains(folder), "\(result.standardError)", sourceLocation: sourceLocation)
        #expect(result.standardError.contains(reason), "\(result.standardError)", sourceLocation: sourceLocation)
    }

    @Test func everyCommandRefusesAFolderOfSomeoneElsesFiles() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        try makeTheirs()
        try makeWorld()
        let before = snapshot(theirs)
        let reason = "not a pack-manager folder"
        expectRefused(try run(["cache", "clean", "--data-path", theirs]), naming: theirs, because: reason)
        expectRefused(try run(["cache", "rm", "--data-path", work + "/mine", "--json-path", theirs]), naming: theirs, because: reason)
        expectRefused(try run(["cache", "descriptors", "-q", "--data-path", theirs, "--index-url", indexURL]), naming: theirs, because: reason)
        expectRefused(try run(["cache", "everything", "-q", "--json-path", theirs, "--data-path", work + "/mine", "--index-url", indexURL]),
                      naming: theirs, because: reason)
        expectRefused(try run(["add-packs", "--json-path", theirs, world + "/Acme.Widgets.pdsc"]), naming: theirs, because: reason)
        expectRefused(try run(["mirror", theirs, "--base-url", "http://mirror.example/", "--index", indexURL, "-q"]),
                      naming: theirs, because: reason)
        #expect(snapshot(theirs) == before, "nothing of theirs changed")
        #expect(!FileManager.default.fileExists(atPath: theirs + "/.cmsis-pack-manager"))

        // Files named on the command line are replaced only when they are of the kind written there.
        let notes = theirs + "/notes.txt"
        expectRefused(try run(["index", "build", "-q", indexURL, "-o", notes, "--no-check", "--vendor", "T", "--url", "http://x/"]), naming: notes, because: "is not a pack index")
        try write(world + "/copy/Acme.Widgets.1.0.0.pack", "")
        try FileManager.default.removeItem(atPath: world + "/copy/Acme.Widgets.1.0.0.pack")
        try FileManager.default.copyItem(atPath: world + "/Acme.Widgets.1.0.0.pack", toPath: world + "/copy/Acme.Widgets.1.0.0.pack")
        try write(world + "/copy/Acme.Widgets.1.0.0.sha256.checksum", "my notes, not a checksum\n")
        expectRefused(try run(["pack", "checksum-create", world + "/copy/Acme.Widgets.1.0.0.pack"]),
                      naming: "Acme.Widgets.1.0.0.sha256.checksum", because: "already exists")
        #expect(try String(contentsOfFile: world + "/copy/Acme.Widgets.1.0.0.sha256.checksum", encoding: .utf8) == "my notes, not a checksum\n")
        #expect(snapshot(theirs) == before)
    }

    @Test func aFolderAboveTheCacheAndTheHomeFolderAreRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        try makeWorld()
        // The default cache, filled by an update with no folder named.
        #expect(try run(["cache", "descriptors", "-q", "--index-url", indexURL]).status == 0)
        #expect(FileManager.default.fileExists(atPath: defaultCache + "/index.json"))
        try write(home + "/Documents/thesis.tex")
        try write(work + "/projects/cache/.keep")
        let before = snapshot(home)
        for folder in [home + "/.local/share", home + "/.local"] {
            expectRefused(try run(["cache", "clean", "--data-path", folder]), naming: folder, because: "contains the default cache")
            expectRefused(try run(["pack", "rm", "--purge", "--pack-root", folder, "Acme::Widgets"]), naming: folder,
                          because: "contains the default cache")
        }
        expectRefused(try run(["cache", "clean", "--data-path", home]), naming: home, because: "it is your home folder")
        expectRefused(try run(["cache", "clean", "--json-path", home]), naming: home, because: "it is your home folder")
        expectRefused(try run(["pack", "init", "--pack-root", home, indexURL]), naming: home, because: "it is your home folder")
        expectRefused(try run(["mirror", home, "--base-url", "http://m/", "--index", indexURL]), naming: home, because: "it is your home folder")
        expectRefused(try run(["dump-parts", home, "Widgets_DEV"]), naming: home, because: "it is your home folder")
        // A folder above a cache of ours, with nothing else in it, is still not ours.
        let above = work + "/above"
        #expect(try run(["cache", "descriptors", "-q", "--data-path", above + "/cache", "--index-url", indexURL]).status == 0)
        expectRefused(try run(["cache", "clean", "--data-path", above]), naming: above, because: "not a pack-manager folder")
        #expect(FileManager.default.fileExists(atPath: above + "/cache/index.json"))
        #expect(snapshot(home) == before, "the home folder and the default cache are untouched")
    }

    @Test func aNamedFolderNeverReachesTheDefaultCache() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        try makeWorld()
        #expect(try run(["cache", "descriptors", "-q", "--index-url", indexURL]).status == 0)
        let before = snapshot(defaultCache)
        #expect(before["index.json"] != nil && before["Acme.Widgets.1.0.0.pdsc"] != nil)

        // --data-path alone: the index goes there too, and the summary says so.
        let other = work + "/other"
        let update = try run(["cache", "descriptors", "--data-path", other, "--index-url", indexURL])
        #expect(update.status == 0, "\(update.standardError)")
        #expect(update.standardOutput.contains("in \(other)"))
        #expect(FileManager.default.fileExists(atPath: other + "/index.json"))
        let cleaned = try run(["cache", "clean", "--data-path", other])
        #expect(cleaned.status == 0, "\(cleaned.standardError)")
        #expect(!FileManager.default.fileExists(atPath: other))
        #expect(snapshot(defaultCache) == before)

        // --json-path alone: the default data folder is not cleaned.
        let json = work + "/json"
        #expect(try run(["add-packs", "--json-path", json, world + "/Acme.Widgets.pdsc"]).status == 0)
        let onlyIndex = try run(["cache", "clean", "--json-path", json])
        #expect(onlyIndex.status == 0, "\(onlyIndex.standardError)")
        #expect(onlyIndex.standardOutput.contains("\(defaultCache): not cleaned"))
        #expect(!FileManager.default.fileExists(atPath: json))
        #expect(snapshot(defaultCache) == before)
        // pack add and rm with --data-path keep their index in step there, not in the default folder.
        let root = work + "/root", data = work + "/data"
        let added = try run(["pack", "add", "-q", "--pack-root", root, "--data-path", data, world + "/Acme.Widgets.1.0.0.pack"])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(FileManager.default.fileExists(atPath: data + "/index.json"))
        let removed = try run(["pack", "rm", "--purge", "-q", "--pack-root", root, "--data-path", data, "Acme::Widgets"])
        #expect(removed.status == 0, "\(removed.standardError)")
        #expect(snapshot(defaultCache) == before)
    }

    @Test func cleanRemovesOnlyOurNamesAndKeepsTheFolderWhenSomethingIsLeft() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        try makeWorld()
        let data = work + "/data"
        let update = try run(["cache", "everything", "-q", "--data-path", data, "--index-url", indexURL])
        #expect(update.status == 0, "\(update.standardError)")
        #expect(FileManager.default.fileExists(atPath: data + "/Acme/Widgets/1.0.0.pack"))
        // The user keeps notes in it, adds a vendor index, and a file beside a pack.
        try write(data + "/notes.txt")
        try write(data + "/vendors.list", "https://example.com/mine.pidx\n")
        try write(data + "/Acme/readme.md")
        let cleaned = try run(["cache", "clean", "--data-path", data])
        #expect(cleaned.status == 0, "\(cleaned.standardError)")
        #expect(cleaned.standardOutput.contains("kept what is not pack-manager's: Acme/readme.md, notes.txt, vendors.list"))
        #expect(Set(snapshot(data).keys) == ["notes.txt", "vendors.list", "Acme/readme.md", ".cmsis-pack-manager", ".lock"])
        // Once they are gone, the folder goes as well.
        for name in ["notes.txt", "vendors.list", "Acme/readme.md"] { try FileManager.default.removeItem(atPath: data + "/" + name) }
        #expect(try run(["cache", "clean", "--data-path", data]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: data))
        // A cache written by the reference (no marker, only its layout) is cleaned.
        let reference = work + "/reference"
        for file in ["Acme.Widgets.1.0.0.pdsc", "index.json", "aliases.json", "Acme/Widgets/1.0.0.pack", "Acme/Widgets/1.0.0.part"] {
            try write(reference + "/" + file, file.hasSuffix(".json") ? "{}\n" : "x")
        }
        try write(reference + "/vendors.list", IndexSources.defaultVendorList)
        let adopted = try run(["cache", "clean", "--data-path", reference])
        #expect(adopted.status == 0, "\(adopted.standardError)")
        #expect(!FileManager.default.fileExists(atPath: reference))
    }

    @Test func packRemoveDeletesOnlyWhatTheLayoutProves() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        try makeWorld()
        let root = work + "/root"
        let json = work + "/json"
        func pack(_ arguments: [String]) throws -> CommandResult {
            try run(["pack"] + arguments + ["--pack-root", root, "--json-path", json, "-q"])
        }
        #expect(try pack(["init", indexURL]).status == 0)
        #expect(try pack(["add", "Acme::Widgets"]).status == 0)
        // Someone's files beside the pack: in .Download, in the vendor folder, in the root.
        try write(root + "/.Download/notes.txt")
        try write(root + "/Acme/README.txt")
        try write(root + "/Other/Thing/1.0.0/Other.Thing.c")
        // A folder that looks like a pack version but does not hold its description.
        try write(root + "/Acme/Gadgets/1.0.0/work.c")
        // A version reached through a link: the layout cannot prove it is a pack of this root.
        try write(work + "/elsewhere/Linked/1.0.0/Link.Linked.pdsc", String(decoding: ZipBuilder.pdsc(vendor: "Link", name: "Linked"), as: UTF8.self))
        try write(work + "/elsewhere/Linked/1.0.0/precious.c")
        try FileManager.default.createSymbolicLink(atPath: root + "/Link", withDestinationPath: work + "/elsewhere")
        let elsewhere = snapshot(work + "/elsewhere")

        let removed = try run(["pack", "rm", "--purge", "--pack-root", root, "--json-path", json, "Acme::Widgets"])
        #expect(removed.status == 0, "\(removed.standardError)")
        #expect(removed.standardOutput.contains("deleted \(root)/.Download/Acme.Widgets.1.0.0.pack"))
        #expect(!FileManager.default.fileExists(atPath: root + "/Acme/Widgets"))
        for kept in ["/.Download/notes.txt", "/Acme/README.txt", "/Other/Thing/1.0.0/Other.Thing.c", "/Acme/Gadgets/1.0.0/work.c"] {
            #expect(FileManager.default.fileExists(atPath: root + kept), "\(kept)")
        }
        let gadgets = try run(["pack", "rm", "--pack-root", root, "--json-path", json, "Acme::Gadgets"])
        #expect(gadgets.status == 1 && gadgets.standardError.contains("not installed"))
        let linked = try run(["pack", "rm", "--purge", "--pack-root", root, "--json-path", json, "Link::Linked"])
        #expect(linked.status == 1, "\(linked.standardOutput)")
        #expect(linked.standardError.contains("\(root)/Link") && linked.standardError.contains("link"), "\(linked.standardError)")
        #expect(snapshot(work + "/elsewhere") == elsewhere)
    }
}
