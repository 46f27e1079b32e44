import CMSISPack
import OwnedFiles
import Foundation
import PackCache
import Testing
import TestSupport

/// The ownership checks every deletion goes through (`Sources/PackCache/Files`),
/// on temporary folders only.
@Suite struct OwnershipTests {
    let work = Corpus.temporaryDirectory("owned")

    func write(_ relative: String, _ text: String = "x") throws {
        let path = work + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func exists(_ relative: String) -> Bool { FileStat(work + "/" + relative, followingLinks: false) != nil }

    /// An environment whose home and defaults are inside `work`.
    var environment: [String: String] { ["HOME": work + "/home", "XDG_DATA_HOME": work + "/home/.local/share"] }

    @Test func aNewOrEmptyFolderIsClaimedWithTheMarker() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let folder = try #require(try OwnedFolder.claim(work + "/new/data", for: .data, environment: environment))
        #expect(folder.roles == [.data])
        #expect(exists("new/data/.cmsis-pack-manager"))
        try FileManager.default.createDirectory(atPath: work + "/empty", withIntermediateDirectories: true)
        #expect(try OwnedFolder.claim(work + "/empty", for: .index, environment: environment)?.roles == [.index])
        // A second role is added to the marker.
        #expect(try OwnedFolder.claim(work + "/empty", for: .data, environment: environment)?.roles == [.data, .index])
        // Without `create`, a missing folder is nil and stays missing.
        #expect(try OwnedFolder.claim(work + "/absent", for: .data, create: false, environment: environment) == nil)
        #expect(!exists("absent"))
    }

    @Test func aFolderOfSomeoneElsesFilesIsRefusedAndLeftAsItIs() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        try write("theirs/notes.txt")
        try write("theirs/src/main.c")
        try write("theirs/Keil.Pack.1.0.0.pdsc")
        #expect {
            try OwnedFolder.claim(work + "/theirs", for: .data, environment: environment)
        } throws: { error in
            let text = "\(error)"
            return text.contains(work + "/theirs") && text.contains("not a pack-manager folder") && text.contains("notes.txt")
                && text.contains("src/main.c")
        }
        #expect(!exists("theirs/.cmsis-pack-manager"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: work + "/theirs").sorted() == ["Keil.Pack.1.0.0.pdsc", "notes.txt", "src"])
    }

    @Test func aCacheTheReferenceWroteIsAdopted() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        // What cmsis-pack-manager 0.6.0 leaves: descriptions, packs, a .part, the vendor list, the index.
        for file in ["ref/Keil.STM32F4xx_DFP.2.17.1.pdsc", "ref/ARM.CMSIS.5.9.0.part", "ref/vendors.list", "ref/index.json",
                     "ref/aliases.json", "ref/Keil/STM32F4xx_DFP/2.17.1.pack", "ref/NXP/MK64F12_DFP/11.0.0.part"] {
            try write(file, file.hasSuffix(".json") ? "{}\n" : "x")
        }
        let data = try #require(try OwnedFolder.claim(work + "/ref", for: .data, environment: environment))
        let index = try #require(try OwnedFolder.claim(work + "/ref", for: .index, environment: environment))
        #expect(data.path == index.path && index.roles == [.data, .index])
        // Not as a mirror: a mirror's vendor folders hold files, not pack folders.
        try write("ref2/Keil/STM32F4xx_DFP/2.17.1.pack")
        #expect(throws: FolderError.self) { try OwnedFolder.claim(work + "/ref2", for: .mirror, environment: environment) }
        #expect(!exists("ref2/.cmsis-pack-manager"))
    }

    @Test func protectedFoldersAreRefusedWhateverTheyHold() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createDirectory(atPath: work + "/home/.local/share/cmsis-pack-manager", withIntermediateDirectories: true)
        #expect(ProtectedFolders.reason(for: "/", environment: environment) == "it is the root of the file system")
        #expect(ProtectedFolders.reason(for: work + "/home", environment: environment) == "it is your home folder")
        #expect(ProtectedFolders.reason(for: work + "/home/.local", environment: environment)?.contains("contains the default cache") == true)
        #expect(ProtectedFolders.reason(for: work, environment: environment)?.contains("contains") == true)
        #expect(ProtectedFolders.reason(for: work + "/home/.local/share/cmsis-pack-manager", environment: environment) == nil)
        #expect(ProtectedFolders.reason(for: work + "/home/projects/cache", environment: environment) == nil)
        // A link to a protected folder is the folder.
        try FileManager.default.createSymbolicLink(atPath: work + "/link-to-home", withDestinationPath: work + "/home")
        #expect(ProtectedFolders.reason(for: work + "/link-to-home", environment: environment) == "it is your home folder")
        // Even empty, the home folder is not claimed.
        #expect(throws: FolderError.self) { try OwnedFolder.claim(work + "/home", for: .data, environment: environment) }
        #expect(!exists("home/.cmsis-pack-manager"))
    }

    @Test func removalNeverFollowsALinkAndReadOnlyTreesGo() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        try write("outside/precious.txt")
        let folder = try #require(try OwnedFolder.claim(work + "/data", for: .data, environment: environment))
        try write("data/.cpm/tmp/deep/a/b/c.txt")
        try FileManager.default.createSymbolicLink(atPath: work + "/data/.cpm/tmp/link", withDestinationPath: work + "/outside")
        chmod(work + "/data/.cpm/tmp/deep/a", 0o555)
        #expect(try folder.workFolder.remove())
        #expect(!exists("data/.cpm"))
        #expect(exists("outside/precious.txt"))
        #expect(try folder.workFolder.remove() == false, "nothing there any more")
        // Only names of the layout are handed out.
        #expect(folder.entry("notes.txt") == nil)
        #expect(folder.entry("../outside") == nil)
        #expect(folder.entry(".index.json.tmp-AbC123") != nil)
        #expect(folder.workFolder.inside("..") == nil)
    }

    @Test func theIndexFollowsANamedDataFolder() {
        let variables = ["CMSIS_PACK_MANAGER_JSON_PATH": "/srv/json", "HOME": "/home/u"]
        let named = CacheLocations(dataPath: "/x/data", environment: variables)
        #expect(named.jsonPath == "/x/data" && !named.jsonPathIsDefault && !named.dataPathIsDefault)
        #expect(CacheLocations(dataPath: "/x/data", jsonPath: "/x/json", environment: variables).jsonPath == "/x/json")
        let fromVariables = CacheLocations(environment: variables)
        #expect(fromVariables.jsonPath == "/srv/json" && fromVariables.dataPathIsDefault && !fromVariables.jsonPathIsDefault)
        let defaults = CacheLocations(environment: ["HOME": "/home/u"])
        #expect(defaults.dataPathIsDefault && defaults.jsonPathIsDefault && defaults.jsonPath == defaults.dataPath)
    }

    @Test func fileStatReadsSizeTimeAndKind() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        try write("f.txt", "hello")
        let info = try #require(FileStat(work + "/f.txt"))
        #expect(info.kind == .file && info.size == 5)
        #expect(abs(info.modified - Date().timeIntervalSince1970) < 60)
        #expect(info.modifiedText.contains("."))
        try FileManager.default.createSymbolicLink(atPath: work + "/l", withDestinationPath: work + "/f.txt")
        #expect(FileStat(work + "/l", followingLinks: false)?.kind == .link)
        #expect(FileStat(work + "/l")?.kind == .file)
        #expect(FileStat(work + "/missing") == nil)
    }

    @Test func outputFilesReplaceOnlyTheirOwnKind() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        try write("essay.txt", "my essay")
        #expect(throws: FolderError.self) { try OutputFile.check(work + "/essay.txt", holds: .packIndex) }
        #expect(throws: FolderError.self) { try OutputFile.check(work + "/essay.txt", holds: .checksum) }
        #expect(throws: FolderError.self) { try OutputFile.check(work, holds: .buildReport) }
        try write("index.pidx", "<?xml version=\"1.0\"?><index schemaVersion=\"1.1.0\"><pindex/></index>")
        try OutputFile.check(work + "/index.pidx", holds: .packIndex)
        try write("A.B.1.0.0.sha256.checksum", String(repeating: "ab", count: 32) + " A.B.pdsc\n")
        try OutputFile.check(work + "/A.B.1.0.0.sha256.checksum", holds: .checksum)
        try OutputFile.check(work + "/new.json", holds: .buildReport)
    }
}
