import CMSISPack
import Foundation
import Testing
import TestSupport

/// `index build` and `mirror`, and a round trip: vendor indexes on one
/// server → a checked flat index → a mirror folder served by another
/// server → `cache descriptors` and `pack add` from the mirror alone.
@Suite(.serialized) struct PublishTests {
    let work = Corpus.temporaryDirectory("publish")
    var origin: String { work + "/origin" }
    var mirrorFolder: String { work + "/mirror" }

    static let offline = PackRootTests.offline

    /// The vendor's server: `Acme.pidx` listing Acme.Widgets (with a device)
    /// and Acme.Base, a lone description, and three bad ones.
    func startOrigin() throws -> MirrorServer {
        try FileManager.default.createDirectory(atPath: origin, withIntermediateDirectories: true)
        let server = try MirrorServer(root: origin)
        let base = server.baseURL
        func put(_ path: String, _ data: Data) throws {
            let full = origin + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: full))
        }
        let widgets = PackRootTests.widgetsPDSC(url: "\(base)/acme/", oldURL: "\(base)/archive/Acme.Widgets.1.0.0.pack")
        try put("acme/Acme.Widgets.pdsc", widgets)
        try ZipBuilder.write([.file("Acme.Widgets.pdsc", widgets), .file("Flash/W.FLM", Data(repeating: 2, count: 3000))], to: origin + "/acme/Acme.Widgets.2.0.0.pack")
        try FileManager.default.createDirectory(atPath: origin + "/archive", withIntermediateDirectories: true)
        // An archive's description has its own version as the newest release.
        try ZipBuilder.write([.file("Acme.Widgets.pdsc", PackRootTests.widgetsPDSC(url: "\(base)/acme/", oldURL: nil))],
                             to: origin + "/archive/Acme.Widgets.1.0.0.pack")
        let basePDSC = ZipBuilder.pdsc(vendor: "Acme", name: "Base", versions: ["1.0.0"], url: "\(base)/acme/")
        try put("acme/Acme.Base.pdsc", basePDSC)
        try ZipBuilder.write([.file("Acme.Base.pdsc", basePDSC)], to: origin + "/acme/Acme.Base.1.0.0.pack")
        let solo = ZipBuilder.pdsc(vendor: "Solo", name: "Pack", versions: ["3.0.0"], url: "\(base)/solo/")
        try put("solo/Solo.Pack.pdsc", solo)
        try ZipBuilder.write([.file("Solo.Pack.pdsc", solo)], to: origin + "/solo/Solo.Pack.3.0.0.pack")
        try put("bad/Broken.Pack.pdsc", Data("<package><vendor>Broken</vendor>".utf8))
        try put("bad/Named.Wrong.pdsc", ZipBuilder.pdsc(vendor: "Other", name: "Thing"))
        let dangling = String(decoding: ZipBuilder.pdsc(vendor: "Cond", name: "Pack"), as: UTF8.self)
            .replacingOccurrences(of: "</package>", with: "<conditions><condition id=\"A\"><require condition=\"Missing\"/></condition></conditions><components><component Cclass=\"X\" Cgroup=\"Y\" Cversion=\"1.0.0\" condition=\"A\"><description>x</description><files/></component></components></package>")
        try put("bad/Cond.Pack.pdsc", Data(dangling.utf8))
        let pidx = """
        <?xml version="1.0"?>
        <index schemaVersion="1.1.0"><vendor>Acme</vendor><url>\(base)/</url><timestamp>2026-01-01T00:00:00</timestamp><pindex>
        <pdsc url="\(base)/acme/" vendor="Acme" name="Widgets" version="2.0.0"/>
        <pdsc url="\(base)/acme/" vendor="Acme" name="Base" version="0.9.0"/>
        </pindex></index>
        """
        try put("Acme.pidx", Data(pidx.utf8))
        return server
    }

    func run(_ arguments: [String]) throws -> CommandResult {
        try PackManagerBinary.run(arguments, environment: Self.offline)
    }

    @Test func indexBuildThenMirrorThenUseTheMirrorAlone() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let server = try startOrigin()
        let base = server.baseURL
        let built = work + "/index.pidx"
        let report = work + "/report.json"
        let build = try run(["index", "build", "-q", "\(base)/Acme.pidx", "\(base)/solo/Solo.Pack.pdsc", "\(base)/bad/Broken.Pack.pdsc",
                             "\(base)/bad/Named.Wrong.pdsc", "\(base)/bad/Cond.Pack.pdsc", "-o", built, "--report", report,
                             "--vendor", "Company", "--url", "https://packs.example.com/"])
        #expect(build.status == 1, "rejections make the exit status 1")
        #expect(build.standardOutput.contains("3 packs indexed, 3 rejected"))
        #expect(build.standardError.contains("the index listed 0.9.0, the description's newest release is 1.0.0"))
        let index = try PackIndexReader.read(path: built).index
        #expect(index.packs.map(\.reference.description) == ["Acme.Base.1.0.0", "Acme.Widgets.2.0.0", "Solo.Pack.3.0.0"])
        #expect(index.packs.first { $0.reference.name == "Widgets" }?.url == "\(base)/acme/")
        #expect(index.vendor == "Company")
        #expect(index.timestamp?.contains("T") == true)
        #expect(try PackIndexSchema.problems(built) == [])
        let rejected = try JSONParser.parse(FileBytes.read(report))["rejected"]?.arrayValue ?? []
        let reasons = rejected.map { "\($0["pack"]?.stringValue ?? ""): \($0["reasons"]?.arrayValue?.compactMap(\.stringValue).joined() ?? "")" }
        #expect(reasons.contains { $0.hasPrefix("Broken.Pack:") && $0.contains("not a valid pack description") })
        #expect(reasons.contains { $0.hasPrefix("Named.Wrong:") && $0.contains("describes Other.Thing") })
        #expect(reasons.contains { $0.hasPrefix("Cond.Pack:") && $0.contains("'Missing'") })

        // The mirror, served by a second server.
        try FileManager.default.createDirectory(atPath: mirrorFolder, withIntermediateDirectories: true)
        let mirrorServer = try MirrorServer(root: mirrorFolder)
        let mirrored = try run(["mirror", "-q", mirrorFolder, "--index", built, "--base-url", mirrorServer.baseURL + "/", "--all-versions"])
        #expect(mirrored.status == 0, "\(mirrored.standardError)")
        #expect(mirrored.standardOutput.contains("4 packs copied"))
        for file in ["index.pidx", "Acme/Acme.Widgets.pdsc", "Acme/Acme.Widgets.2.0.0.pack", "Acme/Acme.Widgets.1.0.0.pack",
                     "Acme/Acme.Widgets.2.0.0.sha256.checksum", "Solo/Solo.Pack.3.0.0.pack"] {
            #expect(FileManager.default.fileExists(atPath: mirrorFolder + "/" + file), "\(file)")
        }
        let servedPDSC = try String(contentsOfFile: mirrorFolder + "/Acme/Acme.Widgets.pdsc", encoding: .utf8)
        #expect(servedPDSC.contains("<url>\(mirrorServer.baseURL)/Acme/</url>"))
        #expect(!servedPDSC.contains(base), "no URL of the origin is left")
        #expect(try PackIndexSchema.problems(mirrorFolder + "/index.pidx") == [])
        let again = try run(["mirror", "-q", mirrorFolder, "--index", built, "--base-url", mirrorServer.baseURL + "/", "--all-versions"])
        #expect(again.standardOutput.contains("0 packs copied, 4 already there"))

        // The origin goes away; everything works from the mirror.
        server.stop()
        let data = work + "/data"
        let cache = try run(["cache", "descriptors", "-q", "--index-url", mirrorServer.baseURL + "/index.pidx", "--data-path", data, "--json-path", data])
        #expect(cache.status == 0, "\(cache.standardError)")
        #expect(try DeviceIndex.read(IndexPaths(directory: data)).devices["WIDGET_CHIP"] != nil)
        let root = work + "/root"
        #expect(try run(["pack", "init", "-q", "--pack-root", root, "--json-path", data, mirrorServer.baseURL + "/index.pidx"]).status == 0)
        let added = try run(["pack", "add", "-q", "--pack-root", root, "--json-path", data, "Acme::Widgets@1.0.0"])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(FileManager.default.fileExists(atPath: root + "/Acme/Base/1.0.0"))
        #expect(mirrorServer.requests().contains { $0.path == "/Acme/Acme.Widgets.1.0.0.sha256.checksum" && $0.status == 200 })

        // The pack root's own index files validate too, with an entry in the local repository.
        let local = work + "/local/Acme.Local.pdsc"
        try FileManager.default.createDirectory(atPath: work + "/local", withIntermediateDirectories: true)
        try ZipBuilder.pdsc(vendor: "Acme", name: "Local", versions: ["0.1.0"]).write(to: URL(fileURLWithPath: local))
        #expect(try run(["pack", "add", "-q", "--pack-root", root, "--json-path", data, local]).status == 0)
        for file in [root + "/.Local/local_repository.pidx", root + "/.Web/index.pidx"] {
            #expect(try PackIndexSchema.problems(file) == [])
        }
    }

    @Test func indexBuildValidatesAgainstTheSchemaAndHonoursSuppress() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let server = try startOrigin()
        let odd = String(decoding: ZipBuilder.pdsc(vendor: "Odd", name: "Pack", url: "\(server.baseURL)/odd/"), as: UTF8.self)
            .replacingOccurrences(of: "<releases>", with: "<gadgets/><releases>")
        try FileManager.default.createDirectory(atPath: origin + "/odd", withIntermediateDirectories: true)
        try Data(odd.utf8).write(to: URL(fileURLWithPath: origin + "/odd/Odd.Pack.pdsc"))
        let schema = Corpus.path("schema/PACK.xsd")
        let company = ["--vendor", "Company", "--url", "https://packs.example.com/"]
        let rejected = try run(["index", "build", "-q", "\(server.baseURL)/odd/Odd.Pack.pdsc", "-o", work + "/a.pidx", "--schema", schema] + company)
        #expect(rejected.status == 1)
        #expect(rejected.standardError.contains("[PM002]"))
        #expect(rejected.standardError.contains("gadgets"))
        let accepted = try run(["index", "build", "-q", "\(server.baseURL)/odd/Odd.Pack.pdsc", "-o", work + "/b.pidx", "--schema", schema,
                                "--suppress", "PM002"] + company)
        #expect(accepted.status == 0, "\(accepted.standardError)")
        #expect(try PackIndexReader.read(path: work + "/b.pidx").index.packs.map(\.reference.description) == ["Odd.Pack.1.0.0"])
    }

    @Test func mirrorChoosesPacksByDevice() throws {
        defer { try? FileManager.default.removeItem(atPath: work) }
        let server = try startOrigin()
        let result = try run(["mirror", "-q", mirrorFolder, "--index", server.baseURL + "/Acme.pidx", "--base-url", "https://packs.example.com/",
                              "--device", "widget_chip"])
        #expect(result.status == 0, "\(result.standardError)")
        let index = try PackIndexReader.read(path: mirrorFolder + "/index.pidx").index
        #expect(index.packs.map(\.reference.description) == ["Acme.Widgets.2.0.0"])
        #expect(index.packs[0].url == "https://packs.example.com/Acme/")
        let unknown = try run(["mirror", "-q", mirrorFolder, "--index", server.baseURL + "/Acme.pidx", "--base-url", "https://packs.example.com/",
                               "--device", "NO_SUCH_CHIP"])
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("no listed pack defines device NO_SUCH_CHIP"))
    }
}
