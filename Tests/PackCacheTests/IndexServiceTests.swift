import CMSISPack
import Foundation
import Testing
import TestSupport

/// `index build` as vidx2pidx (Open-CMSIS-Pack/vidx2pidx) behaves on the
/// cases of its own tests, written here with our own inputs, and the one
/// version rule (`VersionRequirement.best`) across mirror and `pack add`.
@Suite(.serialized) struct IndexServiceTests {
    let work = Corpus.temporaryDirectory("index-service")
    var origin: String { work + "/origin" }

    func run(_ arguments: [String]) throws -> CommandResult {
        try PackManagerBinary.run(arguments, environment: PublishTests.offline)
    }

    func put(_ path: String, _ text: String) throws {
        let full = origin + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }

    func pdsc(_ vendor: String, _ name: String, _ version: String, base: String, folder: String) throws {
        try put("\(folder)/\(vendor).\(name).pdsc",
                String(decoding: ZipBuilder.pdsc(vendor: vendor, name: name, versions: [version], url: "\(base)/\(folder)/"), as: UTF8.self))
    }

    /// vidx2pidx's TestPidxXML_Update and duplicate cases: a .vidx naming a
    /// vendor .pidx (two packs) and listing one pack itself; the same pack
    /// listed twice by one .pidx, and again by the .vidx.
    @Test func aVendorIndexIsFlattenedAndDuplicatesAreReported() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createDirectory(atPath: origin, withIntermediateDirectories: true)
        let server = try MirrorServer(root: origin)
        let base = server.baseURL
        try pdsc("TheVendor", "ThePack", "1.2.3", base: base, folder: "vendor")
        try pdsc("TheVendor", "TheOtherPack", "1.1.0", base: base, folder: "vendor")
        try pdsc("TheOtherVendor", "ThePackage", "0.0.1", base: base, folder: "other")
        try put("vendor/TheVendor.pidx", """
            <?xml version="1.0" encoding="UTF-8"?>
            <index schemaVersion="1.1.0"><vendor>TheVendor</vendor><url>\(base)/vendor/</url><pindex>
            <pdsc url="\(base)/vendor/" vendor="TheVendor" name="ThePack" version="1.2.3"/>
            <pdsc url="\(base)/vendor/" vendor="TheVendor" name="TheOtherPack" version="1.1.0"/>
            <pdsc url="\(base)/vendor/" vendor="TheVendor" name="ThePack" version="1.2.3"/>
            </pindex></index>
            """)
        try put("index.vidx", """
            <?xml version="1.0" encoding="UTF-8"?>
            <index schemaVersion="1.1.0"><vendor>Company</vendor><url>https://packs.example.com/</url>
            <vindex><pidx vendor="TheVendor" url="\(base)/vendor/"/></vindex>
            <pindex>
            <pdsc url="\(base)/other/" vendor="TheOtherVendor" name="ThePackage" version="0.0.1"/>
            <pdsc url="\(base)/vendor/" vendor="TheVendor" name="ThePack" version="1.2.3"/>
            </pindex></index>
            """)
        let output = work + "/index.pidx"
        let result = try run(["index", "build", "-q", "--no-check", "\(base)/index.vidx", "-o", output, "--report", work + "/report.json"])
        #expect(result.status == 0, "duplicates are reported, not rejections: \(result.standardError)")
        let index = try PackIndexReader.read(path: output).index
        #expect(index.packs.map(\.reference.description) == ["TheOtherVendor.ThePackage.0.0.1", "TheVendor.TheOtherPack.1.1.0", "TheVendor.ThePack.1.2.3"])
        #expect(index.vendor == "Company" && index.url == "https://packs.example.com/", "<vendor> and <url> come from the input .vidx")
        #expect(index.schemaVersion == "1.1.1")
        #expect(try PackIndexSchema.problems(output) == [])
        // vidx2pidx says "Package TheVendor/ThePack/1.2.3 already exists!"; we name both places.
        let warnings = result.standardError.split(separator: "\n").filter { $0.contains("ThePack") && $0.contains("listed again") }
        #expect(warnings.count == 2, "within the vendor .pidx, and between it and the .vidx: \(result.standardError)")
        #expect(warnings.contains { $0.contains("TheVendor.pidx") && $0.contains("line") })
        let report = try JSONParser.parse(FileBytes.read(work + "/report.json"))
        #expect(report["duplicates"]?.arrayValue?.count == 2)
    }

    /// vidx2pidx's cases of a .vidx that names no `<vendor>` or `<url>`, and
    /// of a vendor .pidx that cannot be read: the index is still written, with
    /// the .vidx file's name as its vendor and the folder it is written to as
    /// its url (each said in a warning), and the readable vendor's packs.
    @Test func aVidxWithoutVendorAndAnUnreadableVendorIndexAsVidx2pidx() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createDirectory(atPath: origin, withIntermediateDirectories: true)
        let server = try MirrorServer(root: origin)
        let base = server.baseURL
        try pdsc("TheVendor", "ThePack", "1.2.3", base: base, folder: "vendor")
        try put("vendor/TheVendor.pidx", """
            <?xml version="1.0" encoding="UTF-8"?>
            <index schemaVersion="1.1.0"><vendor>TheVendor</vendor><url>\(base)/vendor/</url><pindex>
            <pdsc url="\(base)/vendor/" vendor="TheVendor" name="ThePack" version="1.2.3"/>
            </pindex></index>
            """)
        try put("broken/Broken.pidx", "<?xml version=\"1.0\"?>\n<index><vendor>Broken</vendor><pindex><pdsc url=")
        try put("company.vidx", """
            <?xml version="1.0" encoding="UTF-8"?>
            <index schemaVersion="1.1.0">
            <vindex><pidx vendor="Broken" url="\(base)/broken/"/><pidx vendor="TheVendor" url="\(base)/vendor/"/></vindex>
            </index>
            """)
        let output = work + "/out/index.pidx"
        try FileManager.default.createDirectory(atPath: work + "/out", withIntermediateDirectories: true)
        let result = try run(["index", "build", "-q", "--no-check", "\(base)/company.vidx", "-o", output])
        #expect(result.status == 1, "the unreadable vendor index is a rejection: \(result.standardError)")
        #expect(result.standardError.contains("Broken.pidx"), "\(result.standardError)")
        #expect(result.standardError.contains("names no <vendor>") && result.standardError.contains("names no <url>"), "\(result.standardError)")
        let index = try PackIndexReader.read(path: output).index
        #expect(index.packs.map(\.reference.description) == ["TheVendor.ThePack.1.2.3"])
        #expect(index.vendor == "company", "the .vidx file's name, as vidx2pidx")
        #expect(index.url == URL(fileURLWithPath: work + "/out/").standardizedFileURL.absoluteString, "\(index.url)")
        #expect(try PackIndexSchema.problems(output) == [])

        // With --vendor and --url nothing is guessed and nothing is said about them.
        let named = try run(["index", "build", "-q", "--no-check", "\(base)/company.vidx", "-o", output,
                             "--vendor", "Company", "--url", "https://packs.example.com/"])
        #expect(!named.standardError.contains("names no <"), "\(named.standardError)")
        #expect(try PackIndexReader.read(path: output).index.vendor == "Company")
    }

    /// PackIndex.xsd requires `<vendor>` and `<url>`: without --vendor/--url
    /// and without a .vidx to take them from, `index build` says so at once.
    @Test func anIndexWithoutVendorAndURLIsRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let result = try run(["index", "build", "-q", "https://example.com/Acme.pidx", "-o", work + "/index.pidx"])
        #expect(result.status == 2, "a usage error")
        #expect(result.standardError.hasPrefix("error: give --vendor and --url"))
        #expect(!result.standardError.contains("Usage: pack-manager <subcommand>"), "not the top-level usage")
        #expect(!FileManager.default.fileExists(atPath: work + "/index.pidx"))
    }

    /// The case: the index lists a pre-release as the newest
    /// (3.1.2-dev); the mirror copies it, and `pack add` without a version
    /// takes what the mirror has. Asking for a version the server lacks
    /// names the one its index lists, and does not talk of being offline.
    @Test func aListedPreReleaseIsMirroredAndInstalled() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        try Corpus.requireAvailable()
        try FileManager.default.createDirectory(atPath: origin, withIntermediateDirectories: true)
        let server = try MirrorServer(root: origin)
        let base = server.baseURL
        let text = String(decoding: try FileBytes.read(Corpus.path("pdsc/Keil.STM32F4xx_DFP.pdsc")), as: UTF8.self)
            .replacingOccurrences(of: "<url>https://www.keil.com/pack/</url>", with: "<url>\(base)/keil/</url>")
        #expect(text.contains("<url>\(base)/keil/</url>"))
        try put("keil/Keil.STM32F4xx_DFP.pdsc", text)
        for version in ["3.1.2-dev", "2.17.1"] {
            try ZipBuilder.write([.file("Keil.STM32F4xx_DFP.pdsc", Data(text.utf8)), .file("CMSIS/Flash/STM32F4xx_1024.FLM", Data(count: 64))],
                                 to: origin + "/keil/Keil.STM32F4xx_DFP.\(version).pack")
        }
        try put("index.pidx", """
            <?xml version="1.0" encoding="UTF-8"?>
            <index schemaVersion="1.1.1"><vendor>Keil</vendor><url>\(base)/</url><pindex>
            <pdsc url="\(base)/keil/" vendor="Keil" name="STM32F4xx_DFP" version="3.1.2-dev"/>
            </pindex></index>
            """)
        let mirror = work + "/mirror"
        try FileManager.default.createDirectory(atPath: mirror, withIntermediateDirectories: true)
        let mirrorServer = try MirrorServer(root: mirror)
        let mirrored = try run(["mirror", "-q", mirror, "--index", "\(base)/index.pidx", "--base-url", mirrorServer.baseURL + "/",
                                "--device", "STM32F407VGTx"])
        #expect(mirrored.status == 0, "\(mirrored.standardError)")
        #expect(FileManager.default.fileExists(atPath: mirror + "/Keil/Keil.STM32F4xx_DFP.3.1.2-dev.pack"))
        #expect(!FileManager.default.fileExists(atPath: mirror + "/Keil/Keil.STM32F4xx_DFP.2.17.1.pack"))
        #expect(try PackIndexReader.read(path: mirror + "/index.pidx").index.packs.map(\.reference.version) == ["3.1.2-dev"])
        #expect(try PackIndexSchema.problems(mirror + "/index.pidx") == [])

        let root = work + "/root"
        let data = work + "/data"
        #expect(try run(["pack", "init", "-q", "--pack-root", root, "--json-path", data, mirrorServer.baseURL + "/index.pidx"]).status == 0)
        let added = try run(["pack", "add", "-q", "--pack-root", root, "--json-path", data, "--agree-embedded-license", "Keil::STM32F4xx_DFP"])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(FileManager.default.fileExists(atPath: root + "/Keil/STM32F4xx_DFP/3.1.2-dev/Keil.STM32F4xx_DFP.pdsc"))

        let missing = try run(["pack", "add", "-q", "--pack-root", root, "--json-path", data, "--agree-embedded-license", "Keil::STM32F4xx_DFP@2.17.1"])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("the server does not have it"), "\(missing.standardError)")
        #expect(missing.standardError.contains("its index lists Keil::STM32F4xx_DFP 3.1.2-dev"), "\(missing.standardError)")
        #expect(!missing.standardError.contains("offline"))
    }
}
