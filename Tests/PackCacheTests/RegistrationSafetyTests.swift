import CMSISPack
import Foundation
import PackCache
import Testing
import TestSupport

/// The user's registrations are never lost, and refused archives do not
/// stay behind in `.Download`.
@Suite(.serialized) struct RegistrationSafetyTests {
    let work = Corpus.temporaryDirectory("registrations")
    var root: String { work + "/root" }

    func pack(_ arguments: [String]) throws -> CommandResult {
        try PackManagerBinary.run(["pack"] + arguments + ["--pack-root", root, "--json-path", work + "/json", "-q"],
                                  environment: PackManagerBinary.offline(["HOME": work + "/home", "CMSIS_PACK_ROOT": ""]))
    }

    func description(_ name: String) throws -> String {
        let folder = work + "/dev/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/Acme.\(name).pdsc"
        try ZipBuilder.pdsc(vendor: "Acme", name: name).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aMalformedLocalRepositoryIsReportedAndLeftUntouched() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let first = try pack(["add", try description("Widgets")])
        #expect(first.status == 0, "\(first.standardError)")
        let repository = root + "/.Local/local_repository.pidx"
        // The user edits it by hand and leaves it broken (an unclosed element on line 4).
        let broken = "<?xml version=\"1.0\"?>\n<index schemaVersion=\"1.1.0\">\n<pindex>\n<pdsc url=\"file:///home/me/dev/\" vendor=\"Acme\" name=\"Mine\" version=\"1.0.0\">\n</pindex></index>\n"
        try Data(broken.utf8).write(to: URL(fileURLWithPath: repository))
        let second = try pack(["add", try description("Gadgets")])
        #expect(second.status == 1)
        #expect(second.standardError.contains(repository + ":"), "\(second.standardError)")
        #expect(second.standardError.contains("leaves it untouched"), "\(second.standardError)")
        let removed = try pack(["rm", "Acme::Widgets"])
        #expect(removed.status == 1, "\(removed.standardOutput)")
        #expect(removed.standardError.contains(repository + ":"), "\(removed.standardError)")
        // pack list says why the registered packs are missing from the list.
        let listed = try pack(["list"])
        #expect(listed.status == 0)
        #expect(listed.standardError.contains(repository + ":"), "\(listed.standardError)")
        #expect(listed.standardError.contains("the packs registered in it are not listed"), "\(listed.standardError)")
        #expect(try String(contentsOfFile: repository, encoding: .utf8) == broken, "the user's file is as they left it")
    }

    @Test func refusedArchivesDoNotStayInDownload() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let folder = work + "/archives"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let pdsc = ZipBuilder.pdsc(vendor: "Acme", name: "Climb")
        try ZipBuilder.write([.file("Acme.Climb.pdsc", pdsc), .file("../../outside.txt", Data("x".utf8))], to: folder + "/Acme.Climb.1.0.0.pack")
        try ZipBuilder.write([.file("readme.txt", Data("no description".utf8))], to: folder + "/Acme.Empty.1.0.0.pack")
        try Data("not a zip at all".utf8).write(to: URL(fileURLWithPath: folder + "/Acme.Corrupt.1.0.0.pack"))
        let good = ZipBuilder.pdsc(vendor: "Acme", name: "Good")
        try ZipBuilder.write([.file("Acme.Good.pdsc", good)], to: folder + "/Acme.Good.1.0.0.pack")
        let added = try pack(["add", folder + "/Acme.Climb.1.0.0.pack", folder + "/Acme.Empty.1.0.0.pack",
                              folder + "/Acme.Corrupt.1.0.0.pack", folder + "/Acme.Good.1.0.0.pack"])
        #expect(added.status == 1)
        for name in ["Climb", "Empty", "Corrupt"] {
            #expect(added.standardError.contains(folder + "/Acme.\(name).1.0.0.pack"), "\(name): \(added.standardError)")
        }
        #expect(added.standardOutput.contains("installed Acme::Good@1.0.0"))
        let downloads = try FileManager.default.contentsOfDirectory(atPath: root + "/.Download").filter { !$0.hasPrefix(".") }.sorted()
        #expect(downloads == ["Acme.Good.1.0.0.pack", "Acme.Good.1.0.0.pdsc"])
        #expect(try pack(["list", "--cached"]).standardOutput == "Acme::Good@1.0.0 (installed)\n")
        #expect(!FileManager.default.fileExists(atPath: work + "/outside.txt"))
    }
}
