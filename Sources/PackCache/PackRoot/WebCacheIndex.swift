import CMSISPack
import OwnedFiles
import Foundation

/// `.Web/cache.pidx`: cpackget's record of the newest release of each
/// description in `.Web`, which it compares with `index.pidx` to decide
/// which descriptions `update-index` must fetch again. We keep it in step
/// whenever we write or remove a `.Web` description, so cpackget neither
/// misses an update nor fetches what is already current.
///
/// ```swift
/// try WebCacheIndex(root: root).record([(family, description)], removing: [])
/// ```
struct WebCacheIndex {
    let root: PackRootFolder
    var layout: PackRootLayout { root.layout }

    /// The entry cpackget writes for a description: its newest release
    /// (without build metadata) and the folder its archives come from.
    static func entry(for family: PackFamily, description: PackDescription) -> PackIndexEntry? {
        guard let release = description.latestRelease,
              let reference = try? PackReference(vendor: family.vendor, name: family.name, version: release.version) else { return nil }
        var folder = description.url
        if let url = release.url, !url.isEmpty, let slash = url.lastIndex(of: "/") {
            folder = String(url[...slash])
        }
        return PackIndexEntry(reference: reference.withoutBuildMetadata, url: folder)
    }

    /// Replaces the entries of `changed` and drops those of `removed`. A
    /// missing (or unreadable) file is first rebuilt from every `.Web` description.
    func record(_ changed: [(PackFamily, PackDescription)], removing removed: [PackFamily]) throws(CacheError) {
        var entries = current()
        for (family, description) in changed { entries[family] = Self.entry(for: family, description: description) }
        for family in removed { entries[family] = nil }
        try write(entries)
    }

    /// The entries on disk, or rebuilt from `.Web` when the file is missing or unreadable.
    private func current() -> [PackFamily: PackIndexEntry] {
        guard let read = try? PackIndexReader.read(path: layout.webCacheIndexPath) else { return rebuilt() }
        return Dictionary(read.index.packs.map { ($0.reference.family, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private func write(_ entries: [PackFamily: PackIndexEntry]) throws(CacheError) {
        let text = PackIndexWriter.pidx(vendor: "cpackget", url: layout.webCacheIndexPath, entries: Array(entries.values),
                                        timestamp: PackIndexWriter.timestamp())
        try fileStep { () throws(FileError) in try root.place(layout.webCacheIndexPath).write(Array(text.utf8)) }
    }

    private func rebuilt() -> [PackFamily: PackIndexEntry] {
        var entries: [PackFamily: PackIndexEntry] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: layout.webPath)) ?? [] where name.hasSuffix(".pdsc") {
            guard let family = try? PackNaming.parsePDSCFileName(name).family,
                  let description = try? PackDescriptionReader.read(path: layout.webPath + "/" + name).description else { continue }
            entries[family] = Self.entry(for: family, description: description)
        }
        return entries
    }
}

extension WebCacheIndex {
    /// The version each `.Web` description has, as `cache.pidx` records it
    /// (rebuilt from the descriptions when the file is missing).
    func versions() -> [PackFamily: String] {
        if let read = try? PackIndexReader.read(path: layout.webCacheIndexPath) {
            return Dictionary(read.index.packs.map { ($0.reference.family, $0.reference.version) }, uniquingKeysWith: { first, _ in first })
        }
        let entries = rebuilt()
        try? write(entries)
        return entries.mapValues(\.reference.version)
    }
}
