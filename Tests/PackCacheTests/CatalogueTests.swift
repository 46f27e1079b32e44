import CMSISPack
import Foundation
@testable import PackCache
import Testing
import TestSupport

/// The catalogue (`--site`): pages from real pack descriptions, escaping
/// of hostile vendor text, the page budget, and incremental reruns.
@Suite struct CatalogueTests {
    static let corpusFiles = ["Keil.STM32F4xx_DFP.pdsc", "Keil.STM32H745I-DISCO_BSP.pdsc", "Keil.STM32H7xx_DFP.pdsc",
                              "ARM.CMSIS.pdsc", "Infineon.XMC4000_DFP.pdsc", "Cypress.PSoC6_DFP.pdsc", "Holtek.HT32_DFP.pdsc"]

    /// Read once for all the tests (the debug build reads the large files slowly).
    static func corpusPacks() throws -> [CataloguePack] {
        try Corpus.requireAvailable()
        return try parsed.get()
    }

    private static let parsed = Result { try read() }

    private static func read() throws -> [CataloguePack] {
        try corpusFiles.map { file in
            let description = try PackDescriptionReader.read(path: Corpus.path("pdsc/" + file)).description
            guard let reference = description.reference else { throw MirrorError(message: "\(file): no release") }
            return CataloguePack(entry: PackIndexEntry(reference: reference, url: "https://packs.example.com/\(description.vendor)/"),
                                 description: description)
        }
    }

    func page(_ site: String, _ path: String) throws -> String {
        try String(contentsOfFile: site + "/" + path, encoding: .utf8)
    }

    @Test func pagesForPacksDevicesAndBoards() throws {
        let site = Corpus.temporaryDirectory("catalogue")
        defer { try? FileManager.default.removeItem(atPath: site) }
        let report = try CatalogueSite(outputPath: site).write(try Self.corpusPacks(), siteName: "Acme packs")
        #expect(report.written.count == report.pages + 4, "every page plus style.css, search.js, search-index.js and search.json")

        let device = try page(site, "devices/STM32F407VGTx.html")
        for expected in ["<h1>STM32F407VGTx</h1>", "CMSIS/Flash/STM32F4xx_1024.FLM", "<code>0x08000000</code>", "1 MiB", "Cortex-M4",
                         "STM32F407.svd", "Keil.STM32F4xx_DFP", "QFP"] {
            #expect(device.contains(expected), "device page has \(expected)")
        }
        let pack = try page(site, "packs/Keil.STM32F4xx_DFP.html")
        for expected in ["3.1.2-dev", "2.17.1", "2023-07-04", "LICENSES", "Apache-2.0", "https://packs.example.com/Keil/Keil.STM32F4xx_DFP.3.1.2-dev.pack",
                         "devices/STM32F407VGTx.html"] {
            #expect(pack.contains(expected), "pack page has \(expected)")
        }
        let board = try page(site, "boards/STM32H745I-DISCO.html")
        #expect(board.contains("../devices/STM32H745XIHx.html"), "the board links the device it carries")
        let carried = try page(site, "devices/STM32H745XIHx.html")
        #expect(carried.contains("../boards/STM32H745I-DISCO.html"), "the device page names the board that carries it")
        #expect(try page(site, "packs/ARM.CMSIS.components.html").contains("ARM::CMSIS:CORE@"))
        #expect(try page(site, "packs/Infineon.XMC4000_DFP.examples.html").contains("<td data-label=\"Example\">"))
        let search = try JSONParser.parse(FileBytes.read(site + "/search.json"))["items"]?.arrayValue ?? []
        #expect(search.contains { $0.arrayValue?.first?.stringValue == "device" && $0.arrayValue?[1].stringValue == "STM32F407VGTx" })
        #expect(try page(site, "search-index.js").hasPrefix("window.CATALOGUE_INDEX = {"))

        // No page over 200 KB before compression; no external resource anywhere.
        #expect(report.largest.bytes < 200 * 1024, "largest page \(report.largest.path): \(report.largest.bytes) bytes")
        for path in report.written where path.hasSuffix(".html") || path.hasSuffix(".css") || path.hasSuffix(".js") && path != "search-index.js" {
            let text = try page(site, path)
            #expect(!text.contains("<script src=\"http") && !text.contains("<link rel=\"stylesheet\" href=\"http") && !text.contains("@import"),
                    "\(path) loads nothing from elsewhere")
        }
    }

    /// A rerun writes nothing; a changed pack rewrites its own pages (and
    /// the lists that show it), and a pack that left takes its pages along.
    /// A vendor's list split over pages: `acme.html`, `acme-2.html`…, each
    /// linking the others, the current one in bold; one page has no links.
    @Test func listsSplitOverPagesLinkEachOther() {
        #expect(CataloguePage.pageName("acme", 0) == "acme" && CataloguePage.pageName("acme", 2) == "acme-3")
        #expect(CataloguePage.pageLinks("acme", count: 3, current: 1)
            == "<p class=\"pages\">Page <a href=\"acme.html\">1</a> <strong>2</strong> <a href=\"acme-3.html\">3</a></p>\n")
        #expect(CataloguePage.pageLinks("acme", count: 1, current: 0) == "")
    }

    @Test func rerunsRewriteOnlyWhatChanged() throws {
        let site = Corpus.temporaryDirectory("catalogue")
        defer { try? FileManager.default.removeItem(atPath: site) }
        var packs = try Self.corpusPacks()
        let catalogue = CatalogueSite(outputPath: site)
        let first = try catalogue.write(packs)
        let again = try catalogue.write(packs)
        #expect(again.written.isEmpty && again.removed.isEmpty && again.unchanged == first.written.count)

        let index = try #require(packs.firstIndex { $0.description.name == "STM32H745I-DISCO_BSP" })
        packs[index].description.description = "A new description"
        let changed = try catalogue.write(packs)
        #expect(changed.written == ["packs/Keil.STM32H745I-DISCO_BSP.html", "search-index.js", "search.json", "vendors/Keil.html"],
                "its page, the vendor's list and the search data, which show the description: \(changed.written)")

        packs.remove(at: index)
        let removed = try catalogue.write(packs)
        #expect(removed.removed.contains("boards/STM32H745I-DISCO.html") && removed.removed.contains("packs/Keil.STM32H745I-DISCO_BSP.html"))
        #expect(!FileManager.default.fileExists(atPath: site + "/boards/STM32H745I-DISCO.html"))
        #expect(removed.written.contains("devices/STM32H745XIHx.html"), "the device no longer names the board")
    }

    /// A folder with other files and no manifest is not ours: refused, untouched.
    @Test func aForeignFolderIsRefused() throws {
        let site = Corpus.temporaryDirectory("catalogue")
        defer { try? FileManager.default.removeItem(atPath: site) }
        try Data("mine".utf8).write(to: URL(fileURLWithPath: site + "/index.html"))
        #expect(throws: CacheError.self) { try CatalogueSite(outputPath: site).write(try Self.corpusPacks()) }
        #expect(try page(site, "index.html") == "mine")
    }

    /// Names, descriptions and URLs come from vendors: none of them may
    /// become markup or a script link on any page.
    @Test func hostilePackTextStaysText() throws {
        let site = Corpus.temporaryDirectory("catalogue")
        defer { try? FileManager.default.removeItem(atPath: site) }
        let evil = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <package schemaVersion="1.7.36">
              <vendor>Evil</vendor><name>Pack</name>
              <description>\(escaped(evil))</description>
              <url>javascript:alert(3)//</url>
              <supportContact>javascript:alert(4)</supportContact>
              <license>\(escaped(evil))</license>
              <releases><release version="1.0.0" date="2025-01-01" url="javascript:alert(5)">\(escaped(evil))</release></releases>
              <devices><family Dfamily="\(escaped(evil))" Dvendor="ARM:82">
                <processor Dcore="Cortex-M4" Dfpu="SP_FPU" Dmpu="MPU" Dendian="Little-endian" Dclock="\(escaped(evil))"/>
                <device Dname="EVIL&lt;b&gt;CHIP&quot;x">
                  <description>\(escaped(evil))</description>
                  <memory name="\(escaped(evil))" access="rx" start="0x0" size="0x1000" startup="1"/>
                  <algorithm name="\(escaped(evil)).FLM" start="0x0" size="0x1000"/>
                  <book name="javascript:alert(6)" title="\(escaped(evil))"/>
                </device>
              </family></devices>
              <boards><board vendor="\(escaped(evil))" name="Evil&lt;Board&gt;"><description>\(escaped(evil))</description>
                <mountedDevice Dvendor="ARM:82" Dname="EVIL&lt;b&gt;CHIP&quot;x"/></board></boards>
              <components><component Cclass="\(escaped(evil))" Cgroup="G" Cversion="1.0.0"><description>\(escaped(evil))</description><files/></component></components>
              <examples><example name="\(escaped(evil))" folder="x" doc="x"><description>\(escaped(evil))</description>
                <board name="Evil&lt;Board&gt;" vendor="E"/><project><environment name="uv" load="x"/></project></example></examples>
            </package>
            """
        let description = try PackDescriptionReader.read(bytes: Array(text.utf8), source: "Evil.Pack.pdsc").description
        #expect(description.description == evil, "the reader keeps the text as written")
        let entry = PackIndexEntry(reference: try PackReference(vendor: "Evil", name: "Pack", version: "1.0.0"), url: "https://packs.example.com/Evil/",
                                   deprecated: "2026-01-01", replacement: "\"><script>alert(7)</script>")
        let report = try CatalogueSite(outputPath: site).write([CataloguePack(entry: entry, description: description)], siteName: evil)
        #expect(report.pages >= 6)
        for path in report.written where path.hasSuffix(".html") {
            let html = try page(site, path)
            #expect(!html.contains("<script>alert"), "\(path): no script from pack text")
            #expect(!html.contains("<img"), "\(path): no element from pack text")
            #expect(!html.lowercased().contains("href=\"javascript:"), "\(path): no javascript: link")
            let scripts = html.components(separatedBy: "<script").count - 1
            #expect(scripts == (path == "search.html" ? 2 : 0), "\(path): only the site's own scripts")
        }
        #expect(try page(site, "packs/Evil.Pack.html").contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(2)&gt;"))
        let devicePage = try #require(report.written.first { $0.hasPrefix("devices/EVIL_b_CHIP_x-") }, "a safe file name: \(report.written)")
        #expect(try page(site, devicePage).contains("<h1>EVIL&lt;b&gt;CHIP&quot;x</h1>"))
        // In the search data the text is JSON, inserted with textContent by search.js.
        #expect(try page(site, "search.js").contains("textContent") && !(try page(site, "search.js")).contains("innerHTML"))
    }

    func escaped(_ text: String) -> String { XMLEscaping.attribute(text) }

    @Test func escapingFunctions() {
        #expect(HTMLText.text("a&b<c>\"d'e") == "a&amp;b&lt;c&gt;&quot;d&#39;e")
        #expect(HTMLText.text("bell\u{7}") == "bell\u{FFFD}")
        #expect(HTMLText.link("javascript:alert(1)") == nil)
        #expect(HTMLText.link(" JavaScript:alert(1)") == nil)
        #expect(HTMLText.link("data:text/html,<script>") == nil)
        #expect(HTMLText.link("https://example.com/a b") == nil, "a space could end the attribute in a careless reader")
        #expect(HTMLText.link("https://example.com/?a=1&b=\"2\"") == "https://example.com/?a=1&amp;b=&quot;2&quot;")
        #expect(HTMLText.slug("../../etc/passwd") == "_.._etc_passwd")
        #expect(HTMLText.slug("STM32F407VGTx") == "STM32F407VGTx")
        var slugs = SlugSet()
        #expect(slugs.claim("ABC") == "ABC")
        #expect(slugs.claim("abc").hasPrefix("abc-"), "names differing only in case get distinct files")
    }
}
