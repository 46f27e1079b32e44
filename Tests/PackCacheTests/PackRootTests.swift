import CMSISPack
import OwnedFiles
import Foundation
import PackCache
import Testing
import TestSupport

/// `pack-manager pack …` against a pack world served on 127.0.0.1: a public
/// index, descriptions and archives, some of them hostile.
@Suite(.serialized) struct PackRootTests {
    let work = Corpus.temporaryDirectory("packroot")
    var root: String { work + "/root" }
    var json: String { work + "/json" }
    var www: String { work + "/www" }

    static let offline = PackManagerBinary.offline(["CMSIS_PACK_ROOT": ""])

    /// The world: Acme.Widgets 2.0.0 (and 1.0.0, published elsewhere, named
    /// by its release url) requiring Acme.Base (with a licence); Old.Thing,
    /// deprecated in favour of Acme.Widgets; Moved.Pack, whose index entry
    /// points at the old folder while its description names the new one.
    func startWorld(_ arguments: [String] = [], bigPack: Bool = false) throws -> MirrorServer {
        try FileManager.default.createDirectory(atPath: www, withIntermediateDirectories: true)
        let mirror = try MirrorServer(root: www, arguments: arguments)
        let base = mirror.baseURL
        func publish(_ folder: String, _ pdsc: Data, name: String) throws {
            try FileManager.default.createDirectory(atPath: "\(www)/\(folder)", withIntermediateDirectories: true)
            try pdsc.write(to: URL(fileURLWithPath: "\(www)/\(folder)/\(name)"))
        }
        func pack(_ folder: String, _ file: String, _ members: [ZipBuilder.Member]) throws {
            try FileManager.default.createDirectory(atPath: "\(www)/\(folder)", withIntermediateDirectories: true)
            try ZipBuilder.write(members, to: "\(www)/\(folder)/\(file)")
        }
        let widgets = Self.widgetsPDSC(url: "\(base)/acme/", oldURL: "\(base)/archive/Acme.Widgets.1.0.0.pack")
        try publish("acme", widgets, name: "Acme.Widgets.pdsc")
        var widgetMembers: [ZipBuilder.Member] = [.file("Acme.Widgets.pdsc", widgets), .file("Flash/W.FLM", Data(repeating: 1, count: 2000))]
        if bigPack {
            var random = SystemRandomNumberGenerator()
            widgetMembers.append(.file("big.bin", Data((0..<3_000_000).map { _ in UInt8.random(in: 0...255, using: &random) })))
        }
        try pack("acme", "Acme.Widgets.2.0.0.pack", widgetMembers)
        // An archive's description has its own version as the newest release.
        try pack("archive", "Acme.Widgets.1.0.0.pack", [.file("Acme.Widgets.pdsc", Self.widgetsPDSC(url: "\(base)/acme/", oldURL: nil))])
        let basePDSC = ZipBuilder.pdsc(vendor: "Acme", name: "Base", versions: ["1.0.0"], license: "LICENSE.txt", url: "\(base)/acme/")
        try publish("acme", basePDSC, name: "Acme.Base.pdsc")
        try pack("acme", "Acme.Base.1.0.0.pack", [.file("Acme.Base.pdsc", basePDSC), .file("LICENSE.txt", Data("You may use this.\n".utf8))])
        let old = ZipBuilder.pdsc(vendor: "Old", name: "Thing", versions: ["1.0.0"], url: "\(base)/old/")
        try publish("old", old, name: "Old.Thing.pdsc")
        try pack("old", "Old.Thing.1.0.0.pack", [.file("Old.Thing.pdsc", old)])
        let moved = ZipBuilder.pdsc(vendor: "Moved", name: "Pack", versions: ["1.0.0"], url: "\(base)/new-home/")
        try publish("old-home", moved, name: "Moved.Pack.pdsc")
        try pack("new-home", "Moved.Pack.1.0.0.pack", [.file("Moved.Pack.pdsc", moved)])
        try writeIndex(base, [("acme", "Acme", "Widgets", "2.0.0", ""), ("acme", "Acme", "Base", "1.0.0", ""),
                              ("old", "Old", "Thing", "1.0.0", " deprecated=\"2025-06-01\" replacement=\"Acme.Widgets\""),
                              ("old-home", "Moved", "Pack", "1.0.0", "")])
        return mirror
    }

    func writeIndex(_ base: String, _ entries: [(String, String, String, String, String)]) throws {
        let lines = entries.map { "<pdsc url=\"\(base)/\($0.0)/\" vendor=\"\($0.1)\" name=\"\($0.2)\" version=\"\($0.3)\"\($0.4)/>" }
        let text = "<?xml version=\"1.0\"?>\n<index schemaVersion=\"1.1.0\"><vendor>Test</vendor><url>\(base)/</url><timestamp>2026-01-01T00:00:00</timestamp><pindex>\n"
            + lines.joined(separator: "\n") + "\n</pindex></index>\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: www + "/index.pidx"))
    }

    /// With `oldURL`, releases 2.0.0 and 1.0.0 (found there); without, 1.0.0 alone.
    static func widgetsPDSC(url: String, oldURL: String?) -> Data {
        let newer = oldURL == nil ? "" : "<release version=\"2.0.0\" date=\"2025-02-01\">Second</release>"
        let older = "<release version=\"1.0.0\" date=\"2024-01-01\"" + (oldURL.map { " url=\"\($0)\"" } ?? "") + ">First</release>"
        let text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <package schemaVersion="1.7.36">
          <vendor>Acme</vendor><name>Widgets</name><description>Widgets</description><url>\(url)</url>
          <releases>
            \(newer)
            \(older)
          </releases>
          <requirements><packages><package vendor="Acme" name="Base" version="1.0.0"/></packages></requirements>
          <devices><family Dfamily="W" Dvendor="ARM:82"><processor Dcore="Cortex-M4" Dfpu="SP_FPU" Dendian="Little-endian"/>
            <memory name="FLASH" access="rx" start="0" size="0x1000" startup="1" default="1"/>
            <algorithm name="Flash/W.FLM" start="0" size="0x1000" default="1"/>
            <device Dname="WIDGET_CHIP"/></family></devices>
        </package>
        """
        return Data(text.utf8)
    }

    @discardableResult
    func pack(_ arguments: [String]) throws -> CommandResult {
        try PackManagerBinary.run(["pack"] + arguments + ["--pack-root", root, "--json-path", json, "-q"], environment: Self.offline)
    }

    func mode(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & 0o777 : 0
    }

    @Test func initAddWithDependenciesListAndRemove() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let mirror = try startWorld()
        let initialised = try pack(["init", "\(mirror.baseURL)/index.pidx"])
        #expect(initialised.status == 0, "\(initialised.standardError)")
        // As with cpackget, init fetches the index only; add fetches the descriptions it needs.
        #expect(initialised.standardOutput.contains("4 packs; descriptions 0 new"))
        for path in [".Web/index.pidx", ".Download", ".Local/local_repository.pidx"] {
            #expect(FileManager.default.fileExists(atPath: root + "/" + path), "\(path)")
        }

        let added = try pack(["add", "Acme::Widgets", "--agree-embedded-license"])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(added.standardOutput.contains("installed Acme::Widgets@2.0.0"))
        #expect(added.standardOutput.contains("installed Acme::Base@1.0.0"), "the required pack comes too")
        #expect(FileManager.default.fileExists(atPath: root + "/.Web/Acme.Widgets.pdsc"))
        let flm = root + "/Acme/Widgets/2.0.0/Flash/W.FLM"
        #expect(FileManager.default.fileExists(atPath: flm))
        #expect(mode(flm) == 0o444 && mode(root + "/Acme/Widgets/2.0.0/Flash") == 0o555 && mode(root + "/Acme/Widgets/2.0.0") == 0o555)
        for file in ["Acme.Widgets.2.0.0.pack", "Acme.Widgets.2.0.0.pdsc", "Acme.Base.1.0.0.pack"] {
            #expect(FileManager.default.fileExists(atPath: root + "/.Download/" + file), "\(file)")
        }

        let list = try pack(["list"])
        #expect(list.standardOutput == "Acme::Base@1.0.0\nAcme::Widgets@2.0.0\n")
        let listJSON = try JSONParser.parse(Array(try pack(["list", "--json"]).standardOutput.utf8))
        #expect(listJSON.arrayValue?.count == 2)
        let publicList = try pack(["list", "--public", "--filter", "widgets"])
        #expect(publicList.standardOutput == "Acme::Widgets@2.0.0 (installed)\n")

        // The device index sees the installed pack (find-part reads it).
        let found = try PackManagerBinary.run(["find-part", "--pack-root", root, "--json-path", json, "--data-path", work + "/data", "widget_chip"],
                                              environment: Self.offline)
        #expect(found.standardOutput == "- WIDGET_CHIP\n\n")

        // dump-parts takes the flash algorithm from the installed pack.
        let parts = try PackManagerBinary.run(["dump-parts", work + "/parts", "WIDGET_CHIP", "--pack-root", root, "--json-path", json,
                                               "--data-path", work + "/data"], environment: Self.offline)
        #expect(parts.status == 0, "\(parts.standardError)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: work + "/parts/Flash/W.FLM")) == Data(repeating: 1, count: 2000))

        let again = try pack(["add", "Acme::Widgets@^2.0.0"])
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("Acme::Widgets@2.0.0 is already installed"))

        let removed = try pack(["rm", "Acme::Widgets", "--purge"])
        #expect(removed.status == 0, "\(removed.standardError)")
        #expect(!FileManager.default.fileExists(atPath: root + "/Acme/Widgets"))
        #expect(!FileManager.default.fileExists(atPath: root + "/.Download/Acme.Widgets.2.0.0.pack"))
        #expect(FileManager.default.fileExists(atPath: root + "/Acme/Base/1.0.0"))
        let gone = try PackManagerBinary.run(["find-part", "--pack-root", root, "--json-path", json, "widget_chip"], environment: Self.offline)
        #expect(gone.standardOutput == "[]\n\n")
        let missing = try pack(["rm", "Acme::Widgets"])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("is not installed"))
    }

    @Test func olderVersionsRangesAndUpdates() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let mirror = try startWorld()
        #expect(try pack(["init", "\(mirror.baseURL)/index.pidx"]).status == 0)
        // 1.0.0 lives where its <release url> says, not in the pack's folder.
        let old = try pack(["add", "Acme::Widgets@1.0.0", "--no-dependencies"])
        #expect(old.status == 0, "\(old.standardError)")
        #expect(old.standardOutput.contains("installed Acme::Widgets@1.0.0"))
        #expect(old.standardError.contains("needs Acme.Base"), "a missing dependency is named")
        #expect(mirror.requests().contains { $0.path == "/archive/Acme.Widgets.1.0.0.pack" && $0.status == 200 })
        #expect(try pack(["add", "Acme::Widgets@~1.0"]).standardOutput.contains("already installed"))
        let noMatch = try pack(["add", "Acme::Widgets@^3.0.0"])
        #expect(noMatch.status == 1)
        #expect(noMatch.standardError.contains("no version matches ^3.0.0 (available: 2.0.0, 1.0.0)"))

        #expect(try pack(["list", "--updates"]).standardOutput == "Acme::Widgets@1.0.0 (update: 2.0.0)\n")
        let updated = try pack(["update", "--agree-embedded-license"])
        #expect(updated.status == 0, "\(updated.standardError)")
        #expect(updated.standardOutput.contains("installed Acme::Widgets@2.0.0"))
        // The previous version stays.
        #expect(try pack(["list"]).standardOutput == "Acme::Base@1.0.0\nAcme::Widgets@1.0.0\nAcme::Widgets@2.0.0\n")
        #expect(try pack(["update"]).standardOutput.contains("Everything is up to date."))
    }

    @Test func aLicenceMustBeAgreed() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let mirror = try startWorld()
        #expect(try pack(["init", "\(mirror.baseURL)/index.pidx"]).status == 0)
        let refused = try pack(["add", "Acme::Base"])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("its licence (LICENSE.txt) was not agreed"))
        #expect(!FileManager.default.fileExists(atPath: root + "/Acme/Base"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/.Download/.staging").isEmpty)
        #expect(try pack(["add", "Acme::Base", "--agree-embedded-license"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: root + "/Acme/Base/1.0.0/LICENSE.txt"))
    }

    @Test func deprecatedPacksAreMarkedAndTheirReplacementOffered() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let mirror = try startWorld()
        // -a: every description but the deprecated pack's (fetched when it is added).
        #expect(try pack(["init", "-a", "\(mirror.baseURL)/index.pidx"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: root + "/.Web/Old.Thing.pdsc"))
        let added = try pack(["add", "Old::Thing"])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(added.standardError.contains("Old.Thing.1.0.0 is deprecated since 2025-06-01; its replacement is Acme.Widgets"))
        #expect(try pack(["list", "--deprecated"]).standardOutput == "Old::Thing@1.0.0 (installed) (deprecated 2025-06-01; use Acme.Widgets)\n")
        #expect(try pack(["list"]).standardOutput.contains("Old::Thing@1.0.0 (deprecated 2025-06-01; use Acme.Widgets)"))
        // A newer version appears, but bulk updates leave deprecated packs alone.
        let base = mirror.baseURL
        let newer = ZipBuilder.pdsc(vendor: "Old", name: "Thing", versions: ["1.1.0", "1.0.0"], url: "\(base)/old/")
        try newer.write(to: URL(fileURLWithPath: www + "/old/Old.Thing.pdsc"))
        try ZipBuilder.write([.file("Old.Thing.pdsc", newer)], to: www + "/old/Old.Thing.1.1.0.pack")
        try writeIndex(base, [("acme", "Acme", "Widgets", "2.0.0", ""), ("acme", "Acme", "Base", "1.0.0", ""),
                              ("old", "Old", "Thing", "1.1.0", " deprecated=\"2025-06-01\" replacement=\"Acme.Widgets\"")])
        let refreshed = try pack(["update-index"])
        #expect(refreshed.status == 0, "\(refreshed.standardError)")
        #expect(refreshed.standardOutput.contains("1 updated"), "Old.Thing's version changed")
        #expect(refreshed.standardOutput.contains("1 removed"), "Moved.Pack left the index")
        #expect(!FileManager.default.fileExists(atPath: root + "/.Web/Moved.Pack.pdsc"))
        let skipped = try pack(["update"])
        #expect(skipped.standardError.contains("Old.Thing is deprecated since 2025-06-01; skipped (its replacement is Acme.Widgets)"))
        #expect(!FileManager.default.fileExists(atPath: root + "/Old/Thing/1.1.0"))
        #expect(try pack(["update", "--include-deprecated"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: root + "/Old/Thing/1.1.0"))
    }

    @Test func aChecksumPublishedBesideThePackIsVerified() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let mirror = try startWorld()
        #expect(try pack(["init", "\(mirror.baseURL)/index.pidx"]).status == 0)
        let wrong = String(repeating: "0", count: 64) + " Old.Thing.pdsc\n"
        try Data(wrong.utf8).write(to: URL(fileURLWithPath: www + "/old/Old.Thing.1.0.0.sha256.checksum"))
        let refused = try pack(["add", "Old::Thing"])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("does not match its checksum file"))
        #expect(!FileManager.default.fileExists(atPath: root + "/Old/Thing"))
        try FileManager.default.removeItem(atPath: www + "/old/Old.Thing.1.0.0.sha256.checksum")
        let right = try PackManagerBinary.run(["pack", "checksum-create", www + "/old/Old.Thing.1.0.0.pack"])
        #expect(right.status == 0)
        #expect(!FileManager.default.fileExists(atPath: root + "/.Download/Old.Thing.1.0.0.pack"), "an archive that failed its checksum is not kept")
        let added = try pack(["add", "Old::Thing"])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(try pack(["list", "--cached"]).standardOutput == "Old::Thing@1.0.0 (installed)\n")
    }

    @Test func aRehostedPackIsFetchedFromItsDescriptionsURL() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let mirror = try startWorld()
        #expect(try pack(["init", "\(mirror.baseURL)/index.pidx"]).status == 0)
        let added = try pack(["add", "Moved::Pack"])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(mirror.requests().contains { $0.path == "/new-home/Moved.Pack.1.0.0.pack" && $0.status == 200 })
    }

    @Test func offlineTheRootKeepsWorking() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let mirror = try startWorld()
        #expect(try pack(["init", "\(mirror.baseURL)/index.pidx"]).status == 0)
        #expect(try pack(["add", "Old::Thing"]).status == 0)
        let webIndex = try FileBytes.read(root + "/.Web/index.pidx")
        mirror.stop()
        let update = try pack(["update-index", "--attempts", "1"])
        #expect(update.status == 1)
        #expect(update.standardError.contains("Are you offline"))
        #expect(update.standardError.hasPrefix("error: "))
        #expect(try FileBytes.read(root + "/.Web/index.pidx") == webIndex)
        #expect(FileManager.default.fileExists(atPath: root + "/.Web/Old.Thing.pdsc"))
        // A downloaded pack installs again without the network.
        #expect(try pack(["rm", "Old::Thing"]).status == 0)
        let again = try pack(["add", "Old::Thing"])
        #expect(again.status == 0, "\(again.standardError)")
        let notDownloaded = try pack(["add", "Moved::Pack", "--attempts", "1"])
        #expect(notDownloaded.status == 1)
        #expect(notDownloaded.standardError.contains("if you are offline, give the .pack file instead"))
    }

    @Test func anIndexNamedAtInitIsFollowedEvenWhenItCouldNotBeRead() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let mirror = try startWorld()
        let url = "\(mirror.baseURL)/index.pidx"
        mirror.stop()
        let first = try pack(["init", url, "--attempts", "1"])
        #expect(first.status == 1)
        #expect(first.standardError.contains(url))
        // update-index asks the index named at init, not Keil's.
        let update = try pack(["update-index", "--attempts", "1"])
        #expect(update.status == 1)
        #expect(update.standardError.contains(url), "\(update.standardError)")
        let restarted = try mirror.restarted()
        #expect(try pack(["update-index"]).status == 0)
        #expect(restarted.requests().contains { $0.path == "/index.pidx" && $0.status == 200 })
    }

    @Test func aKilledInstallLeavesNothingHalfInstalled() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let first = try startWorld(bigPack: true)
        #expect(try pack(["init", "\(first.baseURL)/index.pidx"]).status == 0)
        let slow = try first.restarted(arguments: ["--slow-bytes-per-s", "200000", "--slow-match", "Widgets.2.0.0.pack"])
        let pid = try PackManagerBinary.start(["pack", "add", "Acme::Widgets", "--agree-embedded-license", "--pack-root", root, "--json-path", json, "-q"],
                                              environment: Self.offline, stdout: "/dev/null", stderr: "/dev/null")
        // Wait until part of the archive has arrived, then kill.
        let partial = root + "/.Download/.partial/Acme.Widgets.2.0.0.pack.part"
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline && (FileStat(partial)?.size ?? 0) < 200_000 { Thread.sleep(forTimeInterval: 0.1) }
        kill(pid, SIGKILL)
        #expect(Spawn.wait(pid) == 128 + SIGKILL)
        #expect(!FileManager.default.fileExists(atPath: root + "/Acme/Widgets/2.0.0"))
        #expect(!FileManager.default.fileExists(atPath: root + "/.Download/Acme.Widgets.2.0.0.pack"))
        let fast = try slow.restarted()
        let result = try pack(["add", "Acme::Widgets", "--agree-embedded-license"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(FileStat(root + "/Acme/Widgets/2.0.0/big.bin")?.size == 3_000_000)
        // The download resumed where it stopped.
        #expect(fast.requests().contains { $0.path.hasSuffix("Acme.Widgets.2.0.0.pack") && $0.status == 206 })
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/.Download/.staging").isEmpty)
    }

    @Test func twoProcessesAtOnceBothInstall() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let mirror = try startWorld(["--latency-ms", "300"])
        #expect(try pack(["init", "\(mirror.baseURL)/index.pidx"]).status == 0)
        let logs = (0..<2).map { work + "/run\($0).err" }
        let pids = try zip(["Old::Thing", "Moved::Pack"], logs).map { name, log in
            try PackManagerBinary.start(["pack", "add", name, "--pack-root", root, "--json-path", json, "-q"],
                                        environment: Self.offline, stdout: "/dev/null", stderr: log)
        }
        let statuses = pids.map(Spawn.wait)
        #expect(statuses == [0, 0])
        let errors = try logs.map { try String(contentsOfFile: $0, encoding: .utf8) }
        #expect(errors.contains { $0.contains("waiting for it to finish") })
        #expect(FileManager.default.fileExists(atPath: root + "/Old/Thing/1.0.0/Old.Thing.pdsc"))
        #expect(FileManager.default.fileExists(atPath: root + "/Moved/Pack/1.0.0/Moved.Pack.pdsc"))
    }

    @Test func hostileArchivesAreRefusedAndNothingEscapes() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createDirectory(atPath: work + "/files", withIntermediateDirectories: true)
        let good = ZipBuilder.pdsc()
        let cases: [(String, [ZipBuilder.Member], String)] = [
            ("slip", [.file("Acme.Widgets.pdsc", good), .file("../../escaped.txt", Data("x".utf8))], "contains '..'"),
            ("absolute", [.file("Acme.Widgets.pdsc", good), .file("/tmp/escaped-\(UUID().uuidString)", Data())], "absolute path"),
            ("link", [.file("Acme.Widgets.pdsc", good), .symlink("Flash", target: "/etc")], "symbolic link"),
            ("nopdsc", [.file("readme.txt", Data())], "no 'Acme.Widgets.pdsc'"),
            ("other", [.file("Acme.Widgets.pdsc", ZipBuilder.pdsc(vendor: "Other", name: "Thing"))], "is for pack Other.Thing"),
            ("version", [.file("Acme.Widgets.pdsc", ZipBuilder.pdsc(versions: ["0.9.0"]))], "has no release 1.0.0"),
        ]
        for (label, members, reason) in cases {
            let file = "\(work)/files/\(label)/Acme.Widgets.1.0.0.pack"
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try ZipBuilder.write(members, to: file)
            let result = try pack(["add", file])
            #expect(result.status == 1, "\(label)")
            #expect(result.standardError.contains(reason), "\(label): \(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: root + "/Acme/Widgets/1.0.0"), "\(label)")
        }
        #expect(!FileManager.default.fileExists(atPath: work + "/escaped.txt"))
        #expect(!FileManager.default.fileExists(atPath: root + "/escaped.txt"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/.Download/.staging").isEmpty)
        let notAPack = work + "/files/notzip/Acme.Widgets.1.0.0.pack"
        try FileManager.default.createDirectory(atPath: (notAPack as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("not a zip".utf8).write(to: URL(fileURLWithPath: notAPack))
        let result = try pack(["add", notAPack])
        #expect(result.status == 1)
        #expect(result.standardError.contains("not a zip archive"))
    }

    @Test func checksumsAreCreatedVerifiedAndEnforced() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let folder = work + "/files"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/Acme.Widgets.1.0.0.pack"
        try ZipBuilder.write([.file("Acme.Widgets.pdsc", ZipBuilder.pdsc()), .file("src/a.c", Data("int a;\n".utf8))], to: file)
        let created = try PackManagerBinary.run(["pack", "checksum-create", file])
        #expect(created.status == 0, "\(created.standardError)")
        let checksum = folder + "/Acme.Widgets.1.0.0.sha256.checksum"
        let lines = try String(contentsOfFile: checksum, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.contains { $0.hasSuffix(" src/a.c") && $0.split(separator: " ")[0].count == 64 })
        #expect(try PackManagerBinary.run(["pack", "checksum-verify", file]).status == 0)

        // A pack whose content does not match its checksum is refused on install.
        try ZipBuilder.write([.file("Acme.Widgets.pdsc", ZipBuilder.pdsc()), .file("src/a.c", Data("int b;\n".utf8))], to: file)
        let verify = try PackManagerBinary.run(["pack", "checksum-verify", file])
        #expect(verify.status == 1)
        #expect(verify.standardError.contains("src/a.c: digest"))
        let install = try pack(["add", file])
        #expect(install.status == 1)
        #expect(install.standardError.contains("does not match its checksum file"))
        #expect(!FileManager.default.fileExists(atPath: root + "/Acme/Widgets"))
        try FileManager.default.removeItem(atPath: checksum)
        try? FileManager.default.removeItem(atPath: root + "/.Download/Acme.Widgets.1.0.0.sha256.checksum")
        #expect(try pack(["add", file]).status == 0)
    }

    @Test func aLocalDescriptionIsRegisteredInPlace() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let folder = work + "/dev"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/Acme.Local.pdsc"
        try ZipBuilder.pdsc(vendor: "Acme", name: "Local", versions: ["0.1.0"]).write(to: URL(fileURLWithPath: file))
        let added = try pack(["add", file])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(added.standardOutput.contains("registered Acme::Local@0.1.0"))
        let repository = try String(contentsOfFile: root + "/.Local/local_repository.pidx", encoding: .utf8)
        #expect(repository.contains("url=\"file://\(folder)/\" vendor=\"Acme\" name=\"Local\" version=\"0.1.0\""))
        #expect(try pack(["list"]).standardOutput == "Acme::Local@0.1.0 (local: \(file))\n")
        let found = try PackManagerBinary.run(["find-part", "--pack-root", root, "--json-path", json, "local_dev"], environment: Self.offline)
        #expect(found.standardOutput == "- Local_DEV\n\n")
        #expect(try pack(["add", "Acme::Local"]).standardOutput.contains("already installed"))
        let removed = try pack(["rm", file])
        #expect(removed.status == 0, "\(removed.standardError)")
        #expect(try pack(["list"]).standardOutput == "")
        #expect(FileManager.default.fileExists(atPath: file), "the file itself stays")
    }
}
