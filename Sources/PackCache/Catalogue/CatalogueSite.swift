import CMSISPack
import OwnedFiles
import Crypto
import Foundation

/// The catalogue: a static web site of a pack index, one page per pack
/// (versions, release notes, deprecation, downloads, licence; with pages of
/// its software components and examples), per device (cores, features,
/// memories, flash algorithms, debug description, boards) and per board,
/// vendor pages (packs by their vendor, devices by the chip's vendor), and
/// a search page that searches `search.json` in the browser. Serve the
/// folder with any static web server, or open it from disk.
///
/// The folder is claimed as pack-manager's (the marker, role `site`) before
/// the first page is written, so a run killed part-way is finished by
/// running it again. Incremental: `.catalogue-manifest.json` records a
/// digest of every page written; a rerun renders every page again but
/// writes only those whose bytes changed (so the pages of unchanged packs
/// are left alone), and removes only pages the manifest says it wrote
/// earlier. Pages are written whole under their name (`Place.write`), so no
/// temporary file is ever left in the published folder.
///
/// ```swift
/// let report = try CatalogueSite(outputPath: "site").write(packs, siteName: "Acme packs")
/// print(report.written, report.unchanged, report.largest)
/// ```
public struct CatalogueSite: Sendable {
    public static let manifestName = ".catalogue-manifest.json"

    public struct Report: Sendable {
        public var pages = 0
        public var written: [String] = []
        public var unchanged = 0
        public var removed: [String] = []
        public var bytes = 0
        /// The largest page and its size in bytes (before compression).
        public var largest: (path: String, bytes: Int) = ("", 0)
        public var seconds = 0.0
    }

    public let outputPath: String

    public init(outputPath: String) {
        self.outputPath = URL(fileURLWithPath: outputPath).standardizedFileURL.path
    }

    public func write(_ packs: [CataloguePack], siteName: String = "Pack catalogue") throws(CacheError) -> Report {
        let started = Date()
        let folder = try folderStep { () throws(FolderError) in try OwnedFolder.claim(outputPath, for: .site)! }
        let lock = try folderStep { () throws(FolderError) in try folder.lock() }
        defer { lock.release() }
        try Self.removeLeftovers(in: folder)
        let previous = try readManifest()
        let (files, copies) = Self.render(packs, siteName: siteName)
        var report = Report()
        var digests: [String: String] = [:]
        func store(_ bytes: [UInt8], at path: String) throws(CacheError) {
            let digest = Self.hex(SHA256.hash(data: bytes))
            digests[path] = digest
            report.pages += path.hasSuffix(".html") ? 1 : 0
            report.bytes += bytes.count
            if path.hasSuffix(".html"), bytes.count > report.largest.bytes { report.largest = (path, bytes.count) }
            let target = try fileStep { () throws(FileError) in try folder.place(path) }
            if previous?[path] == digest, target.info()?.isFile == true {
                report.unchanged += 1
                return
            }
            // Not flushed one by one (thousands of fsyncs would cost more than
            // the whole rendering): the manifest, written last and flushed, is
            // what a rerun trusts, and it rewrites any page that differs.
            try fileStep { () throws(FileError) in try target.write(bytes, flush: false) }
            report.written.append(path)
        }
        for (path, bytes) in files { try store(bytes, at: path) }
        // Files copied out of pack archives, one at a time (SVD files run to megabytes).
        for (archivePath, members) in Dictionary(grouping: copies, by: \.archive).sorted(by: { $0.key < $1.key }) {
            guard let archive = try? PackArchive(path: archivePath) else { continue }
            for copy in members {
                guard let bytes = try? archive.read(member: copy.member, limit: PackDownloads.largestCopied) else { continue }
                try store(bytes, at: copy.path)
            }
        }
        // Pages an earlier run wrote that no pack produces any more; only those, and only files.
        for path in (previous ?? [:]).keys.sorted() where digests[path] == nil {
            guard let page = folder.sitePage(path) else { continue }
            if (try? page.remove()) == true { report.removed.append(path) }
        }
        let manifest = JSONValue.object([
            "generator": .string("pack-manager catalogue"),
            "pages": .object(digests.mapValues(JSONValue.string)),
        ])
        try fileStep { () throws(FileError) in try folder.place(Self.manifestName).write(manifest.serialized()) }
        report.written.sort()
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// A file of a pack archive the site offers: where it goes, and where it comes from.
    struct Copy: Sendable {
        var path: String
        var archive: String
        var member: String
    }

    /// A page a killed run had written but not yet named (`.<page>.tmp-XXXXXX`:
    /// linked, not renamed, or written where files cannot be unnamed).
    static func removeLeftovers(in folder: OwnedFolder) throws(CacheError) {
        let contents = try folderStep { () throws(FolderError) in try folder.contents() }
        for owned in contents.ours where FolderLayout.isAtomicLeftover(owned.place.name) { _ = try? owned.remove() }
    }

    /// Every page of the site, rendered in parallel (pages are independent),
    /// with each device's probe-rs description; and the files to copy out of
    /// pack archives (flash algorithms, SVD files).
    static func render(_ packs: [CataloguePack], siteName: String) -> (files: [(String, [UInt8])], copies: [Copy]) {
        let model = CatalogueModel(packs)
        let renderer = CatalogueRenderer(model: model, siteName: siteName)
        let jobs = model.packs.count + model.devices.count + model.boards.count
        let rendered = Array(0..<jobs).concurrentMap { index -> [Page] in
            let pages: [CatalogueRenderer.Rendered]
            switch index {
            case ..<model.packs.count:
                pages = renderer.packPages(model.packs[index])
            case ..<(model.packs.count + model.devices.count):
                pages = renderer.devicePages(model.devices[index - model.packs.count])
            default:
                pages = [renderer.boardPage(model.boards[index - model.packs.count - model.devices.count])]
            }
            return pages.map { Page(path: $0.path, bytes: Array($0.html.utf8)) }
        }
        var files = rendered.flatMap { $0 }.map { ($0.path, $0.bytes) }
        for page in [renderer.homePage(), renderer.searchPage()] + renderer.vendorPages() + renderer.deviceVendorPages() {
            files.append((page.path, Array(page.html.utf8)))
        }
        let index = renderer.searchEntries().serialized()
        files.append(("search.json", index))
        files.append(("search-index.js", Array("window.CATALOGUE_INDEX = ".utf8) + index + Array(";\n".utf8)))
        files.append(("search.js", Array(CatalogueAssets.searchScript.utf8)))
        files.append(("style.css", Array(CatalogueAssets.styleSheet.utf8)))
        var copies: [String: Copy] = [:]
        for downloads in model.downloads.values {
            for (member, path) in downloads.sitePaths { copies[path] = Copy(path: path, archive: downloads.archivePath, member: member) }
        }
        return (files, copies.values.sorted { $0.path < $1.path })
    }

    private static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var result: [UInt8] = []
        for byte in bytes { result += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
        return String(decoding: result, as: UTF8.self)
    }

    /// The manifest of an earlier run; nil when there is none (a new
    /// folder, or a run killed before its end: every page is then written).
    private func readManifest() throws(CacheError) -> [String: String]? {
        let path = outputPath + "/" + Self.manifestName
        guard let bytes = try? FileBytes.read(path) else { return nil }
        guard let pages = (try? JSONParser.parse(bytes))?["pages"]?.objectValue else {
            throw .notOwned(path: path, reason: "not a catalogue manifest; remove it, or choose another folder")
        }
        return pages.compactMapValues(\.stringValue)
    }
}

/// One rendered file of the site.
private struct Page: Sendable {
    var path: String
    var bytes: [UInt8]
}
