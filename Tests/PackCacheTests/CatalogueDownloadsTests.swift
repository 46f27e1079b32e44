import CMSISPack
import Foundation
@testable import PackCache
import Testing
import TestSupport
import Yams

/// A catalogue with the packs' archives at hand (a mirror's): device pages
/// show what each flash algorithm programs and offer the algorithm, the
/// SVD file and a probe-rs description; pack pages link only archives held.
@Suite struct CatalogueDownloadsTests {
    static func mirrored(_ file: String, held: Set<String>? = nil) throws -> CataloguePack {
        try Corpus.requireAvailable()
        let path = Corpus.path("packs/" + file)
        let description = try PackArchive(path: path).readDescription().description
        let reference = try #require(description.reference)
        return CataloguePack(entry: PackIndexEntry(reference: reference, url: "https://mirror.example.com/\(description.vendor)/"),
                             description: description, archivePath: path, heldVersions: held ?? [reference.version])
    }

    func page(_ site: String, _ path: String) throws -> String {
        try String(contentsOfFile: site + "/" + path, encoding: .utf8)
    }

    /// The site path a link on a device page points at.
    func link(in html: String, to suffix: String) -> String? {
        html.components(separatedBy: "href=\"../").dropFirst().map { $0.prefix { $0 != "\"" } }.map(String.init).first { $0.hasSuffix(suffix) }
    }

    @Test func devicePagesShowAlgorithmsAndOfferTheFiles() throws {
        let site = Corpus.temporaryDirectory("catalogue")
        defer { try? FileManager.default.removeItem(atPath: site) }
        let packs = [try Self.mirrored("GigaDevice.GD32F10x_DFP.2.0.2.pack"), try Self.mirrored("NXP.MK64F12_DFP.11.0.0.pack")]
        let report = try CatalogueSite(outputPath: site).write(packs)

        let html = try page(site, "devices/GD32F103C8.html")
        for expected in ["<code>0x08000000–0x08020000</code> 128 KiB", "GD32F10x Medium-density FMC", "<td data-label=\"Sectors\">128 × 1 KiB</td>", "<td data-label=\"Page\">1 KiB</td>",
                         "--chip-description-path GD32F103C8.probe-rs.yaml --chip GD32F103C8"] {
            #expect(html.contains(expected), "the device page has \(expected)")
        }
        // The algorithm, byte for byte as in the pack.
        let flm = try #require(link(in: html, to: "GD32F10x_MD.FLM"))
        #expect(flm.hasPrefix("downloads/"))
        let archive = try PackArchive(path: Corpus.path("packs/GigaDevice.GD32F10x_DFP.2.0.2.pack"))
        #expect(try FileBytes.read(site + "/" + flm) == archive.read(member: "Flash/GD32F10x_MD.FLM"))
        // The SVD file is a link to its copy, not a path.
        let svd = try #require(link(in: html, to: "GD32F10x_MD.svd"))
        #expect(try FileBytes.read(site + "/" + svd) == archive.read(member: "SVD/GD32F10x/GD32F10x_MD.svd"))
        #expect(!html.contains("<code>SVD"), "no bare path")
        // The probe-rs description reads as probe-rs reads one.
        let yaml = try #require(link(in: html, to: ".probe-rs.yaml"))
        #expect(try ProbeRSSchema.check(page(site, yaml)) == [])
        #expect(try Yams.compose(yaml: page(site, yaml))?["variants"]?.sequence?.first?["name"]?.string == "GD32F103C8")

        // Two algorithms of one device, each with its own range.
        let nxp = try page(site, "devices/MK64FX512VLL12.html")
        #expect(nxp.contains("<code>0x00000000–0x00080000</code> 512 KiB") && nxp.contains("<code>0x10000000–0x10020000</code> 128 KiB"))
        #expect(nxp.contains("<td data-label=\"Sectors\">128 × 4 KiB</td>") && nxp.contains("<td data-label=\"Sectors\">32 × 4 KiB</td>"))
        #expect(link(in: nxp, to: "MK64F12.xml") != nil)

        // Every link of every device page leads to a file of the site.
        for path in report.written where path.hasPrefix("devices/") {
            for target in try page(site, path).components(separatedBy: "href=\"../").dropFirst().map({ String($0.prefix { $0 != "\"" }) }) {
                #expect(FileManager.default.fileExists(atPath: site + "/" + target), "\(path) links \(target)")
            }
        }
        // A rerun copies nothing again.
        #expect(try CatalogueSite(outputPath: site).write(packs).written.isEmpty)
    }

    /// Today a mirror holds the listed version only: the others are listed, not linked.
    @Test func aMirrorLinksOnlyTheArchivesItHolds() throws {
        let site = Corpus.temporaryDirectory("catalogue")
        defer { try? FileManager.default.removeItem(atPath: site) }
        let pack = try Self.mirrored("GigaDevice.GD32F10x_DFP.2.0.2.pack")
        _ = try CatalogueSite(outputPath: site).write([pack])
        let html = try page(site, "packs/GigaDevice.GD32F10x_DFP.html")
        let linked = html.components(separatedBy: "href=\"https://mirror.example.com/GigaDevice/GigaDevice.GD32F10x_DFP.").dropFirst()
            .map { String($0.prefix { $0 != "\"" }) }.filter { $0.hasSuffix(".pack") }
        #expect(Set(linked) == ["2.0.2.pack"], "only the held archive: \(linked)")
        #expect(html.components(separatedBy: "not mirrored").count - 1 == pack.description.releases.count - 1)

        // With every version held (mirror --all-versions), every release is linked.
        var all = pack
        all.heldVersions = Set(pack.description.releases.map(\.version))
        _ = try CatalogueSite(outputPath: site).write([all])
        #expect(!(try page(site, "packs/GigaDevice.GD32F10x_DFP.html")).contains("not mirrored"))
    }

    /// `mirror --site` end to end: the origin serves the corpus GD32F10x pack
    /// (six releases, one archive); the mirror copies the newest, and its
    /// catalogue links that one archive and offers the device's files.
    @Test func mirrorSiteLinksWhatTheMirrorHolds() throws {
        try Corpus.requireAvailable()
        let work = Corpus.temporaryDirectory("mirror-site")
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createDirectory(atPath: work + "/origin/gd", withIntermediateDirectories: true)
        let origin = try MirrorServer(root: work + "/origin")
        defer { origin.stop() }
        let pack = Corpus.path("packs/GigaDevice.GD32F10x_DFP.2.0.2.pack")
        var pdsc = String(decoding: try PackArchive(path: pack).read(member: "GigaDevice.GD32F10x_DFP.pdsc"), as: UTF8.self)
        let url = try #require(pdsc.range(of: #"<url>[^<]*</url>"#, options: .regularExpression))
        pdsc.replaceSubrange(url, with: "<url>\(origin.baseURL)/gd/</url>")
        try Data(pdsc.utf8).write(to: URL(fileURLWithPath: work + "/origin/gd/GigaDevice.GD32F10x_DFP.pdsc"))
        try FileManager.default.copyItem(atPath: pack, toPath: work + "/origin/gd/GigaDevice.GD32F10x_DFP.2.0.2.pack")
        let pidx = """
            <?xml version="1.0"?>
            <index schemaVersion="1.1.0"><vendor>GD</vendor><url>\(origin.baseURL)/</url><timestamp>2026-01-01T00:00:00</timestamp><pindex>
            <pdsc url="\(origin.baseURL)/gd/" vendor="GigaDevice" name="GD32F10x_DFP" version="2.0.2"/></pindex></index>
            """
        try Data(pidx.utf8).write(to: URL(fileURLWithPath: work + "/origin/index.pidx"))

        let site = work + "/site"
        let result = try PackManagerBinary.run(["mirror", "-q", work + "/mirror", "--index", origin.baseURL + "/index.pidx",
                                                "--base-url", "https://mirror.example.com/", "--site", site],
                                               environment: PackManagerBinary.offline(["CMSIS_PACK_ROOT": ""]))
        #expect(result.status == 0, "\(result.standardError)")
        let html = try page(site, "packs/GigaDevice.GD32F10x_DFP.html")
        let archives = html.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }.filter { $0.hasSuffix(".pack") }
        #expect(Set(archives) == ["https://mirror.example.com/GigaDevice/GigaDevice.GD32F10x_DFP.2.0.2.pack"], "\(archives)")
        #expect(html.components(separatedBy: "not mirrored").count - 1 == 5)
        let device = try page(site, "devices/GD32F103C8.html")
        for suffix in ["GD32F10x_MD.FLM", "GD32F10x_MD.svd", ".probe-rs.yaml"] {
            let target = try #require(link(in: device, to: suffix), "the device page offers \(suffix)")
            #expect(FileManager.default.fileExists(atPath: site + "/" + target))
        }
    }

    /// Without an archive (index build --site) the page says what the
    /// description says, and the SVD links the pack that holds it.
    @Test func withoutAnArchiveTheSVDLinksThePack() throws {
        let site = Corpus.temporaryDirectory("catalogue")
        defer { try? FileManager.default.removeItem(atPath: site) }
        var pack = try Self.mirrored("GigaDevice.GD32F10x_DFP.2.0.2.pack")
        pack.archivePath = nil
        pack.heldVersions = nil
        let report = try CatalogueSite(outputPath: site).write([pack])
        #expect(!report.written.contains { $0.hasPrefix("downloads/") })
        let html = try page(site, "devices/GD32F103C8.html")
        #expect(html.contains("<a href=\"https://mirror.example.com/GigaDevice/GigaDevice.GD32F10x_DFP.2.0.2.pack\" rel=\"nofollow noopener\">GD32F10x_MD.svd</a>"))
        #expect(html.contains("Flash/GD32F10x_MD.FLM") && !html.contains("probe-rs"))
    }

    /// Paths in a pack never become paths of the site.
    @Test func memberPathsFromAPackStayInsideDownloads() {
        for member in ["../../../etc/passwd", "/abs/x.FLM", "a/b/<script>.svd", "..", "C:\\x\\y.FLM"] {
            let path = PackDownloads.sitePath(pack: "Vendor.Pack", member: member)
            let name = path.dropFirst("downloads/".count)
            #expect(path.hasPrefix("downloads/Vendor.Pack-") && !name.contains("/") && !name.hasPrefix(".") && !path.contains(".."), "\(member) → \(path)")
            #expect(name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) })
        }
    }
}
