import CMSISPack
import Crypto
import Foundation

/// The catalogue: a static web site of a pack index, one page per pack
/// (versions, release notes, deprecation, downloads, licence; with pages of
/// its software components and examples), per device (cores, features,
/// memories, flash algorithms, debug description, boards) and per board,
/// vendor pages, and a search page that searches `search.json` in the
/// browser. Serve the folder with any static web server, or open it from disk.
///
/// Incremental: `.catalogue-manifest.json` records a digest of every page
/// written; a rerun renders every page again but writes only those whose
/// bytes changed (so the pages of unchanged packs are left alone), and
/// removes only pages the manifest says it wrote earlier.
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
        try ProtectedFolders.check(outputPath, as: "the catalogue folder")
        let started = Date()
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
            let target = outputPath + "/" + path
            if previous?[path] == digest, FileManager.default.fileExists(atPath: target) {
                report.unchanged += 1
                return
            }
            try Self.writePage(bytes, to: target)
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
        for path in (previous ?? [:]).keys.sorted() where digests[path] == nil && Self.isOwnPagePath(path) {
            let page = OwnedPath(outputPath + "/" + path, proof: "a page the catalogue's manifest says an earlier run wrote")
            guard FileStat(page.path, followingLinks: false)?.isDirectory == false else { continue }
            if (try? FileOps.remove(page)) == true { report.removed.append(path) }
        }
        let manifest = JSONValue.object([
            "generator": .string("pack-manager catalogue"),
            "pages": .object(digests.mapValues(JSONValue.string)),
        ])
        do { try FileBytes.writeAtomically(manifest.serialized(), to: outputPath + "/" + Self.manifestName) } catch { throw .file(error) }
        report.written.sort()
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Written to a temporary name and renamed, so a reader never sees half a
    /// page; not flushed to disk one by one (thousands of fsyncs would cost
    /// more than the whole rendering): the manifest, written last and
    /// flushed, is what a rerun trusts, and it rewrites any page that differs.
    private static func writePage(_ bytes: [UInt8], to target: String) throws(CacheError) {
        let folder = (target as NSString).deletingLastPathComponent
        let temporary = folder + "/." + (target as NSString).lastPathComponent + ".tmp"
        do { try FileOps.createDirectory(folder) } catch { throw .file(error) }
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw .file(FileError(path: temporary, operation: "write", code: errno))
        }
        guard rename(temporary, target) == 0 else {
            let failure = FileError(path: target, operation: "move the page into place as", code: errno)
            _ = try? FileOps.remove(OwnedPath(temporary, proof: "the page this run was writing"))
            throw .file(failure)
        }
    }

    /// A file of a pack archive the site offers: where it goes, and where it comes from.
    struct Copy: Sendable {
        var path: String
        var archive: String
        var member: String
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
                let device = model.devices[index - model.packs.count]
                pages = renderer.devicePages(device)
            default:
                pages = [renderer.boardPage(model.boards[index - model.packs.count - model.devices.count])]
            }
            return pages.map { Page(path: $0.path, bytes: Array($0.html.utf8)) }
        }
        var files = rendered.flatMap { $0 }.map { ($0.path, $0.bytes) }
        for page in [renderer.homePage(), renderer.searchPage()] + renderer.vendorPages() {
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

    /// The manifest of an earlier run; nil for an empty or new folder. A
    /// folder with other files and no manifest is refused: it is not ours.
    private func readManifest() throws(CacheError) -> [String: String]? {
        let path = outputPath + "/" + Self.manifestName
        if let bytes = try? FileBytes.read(path) {
            guard let pages = (try? JSONParser.parse(bytes))?["pages"]?.objectValue else {
                throw .notOwned(path: path, reason: "not a catalogue manifest; remove it, or choose another folder")
            }
            return pages.compactMapValues(\.stringValue)
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: outputPath)) ?? []
        guard entries.isEmpty else {
            throw .notOwned(path: outputPath, reason: "the folder holds other files and no \(Self.manifestName), so it is not a catalogue; choose an empty or new folder")
        }
        return nil
    }

    /// A path this generator makes: a top-level file or one in its page folders, no climbing.
    static func isOwnPagePath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else { return false }
        switch parts.count {
        case 1: return true
        case 2: return ["packs", "devices", "boards", "vendors", PackDownloads.folder].contains(String(parts[0]))
        default: return false
        }
    }
}

/// One rendered file of the site.
private struct Page: Sendable {
    var path: String
    var bytes: [UInt8]
}
