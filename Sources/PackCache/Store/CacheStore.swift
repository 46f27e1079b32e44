import CMSISPack
import Foundation
import OwnedFiles

/// A store of fetched files and our working files in `<base>/.cpm/`:
/// temporary files (removed at the start of every run), partial pack
/// downloads, last good copies of index files, and HTTP validators. The base
/// is the cache's data folder, a pack root's `.Web`, or a temporary folder
/// of `index build` and `mirror` (`StoreFolder`, claimed by the file layer).
public struct CacheStore: Sendable {
    public let folder: StoreFolder
    public let layout: CacheLayout

    public init(_ folder: StoreFolder) {
        self.folder = folder
        layout = CacheLayout(dataPath: folder.base.path)
    }

    public var dataPath: String { layout.dataPath }
    public var workPath: String { folder.work.path }
    public var validatorsPath: String { workPath + "/http.json" }

    var temporaryFolder: OwnedPath { folder.work.inside("tmp")! }
    /// `.cpm/partial/`, where pack downloads arrive.
    public var partialFolder: OwnedPath { folder.work.inside("partial")! }
    var indexCopiesFolder: OwnedPath { folder.work.inside("indexes")! }
    public var validatorsPlace: Place { folder.work.inside("http.json")!.place }

    /// Creates the folders and removes temporary files a killed run left.
    /// Call with the cache lock held. A link standing where a working folder
    /// of ours belongs is removed (the name is ours), never followed.
    public func prepare() throws(CacheError) {
        try fileStep { () throws(FileError) in
            try folder.base.createFolder()
            try folder.work.ensureWorkFolder()
            try temporaryFolder.resetWorkFolder()
            try partialFolder.ensureWorkFolder()
            try indexCopiesFolder.ensureWorkFolder()
        }
        // Temporary files of atomic writes into the base folder itself.
        for name in (try? folder.base.entries()) ?? [] {
            if let owned = folder.atomicLeftover(name) { _ = try? owned.remove() }
        }
    }

    /// A new unique file in the temporary folder.
    public func temporaryFile(_ suffix: String) -> OwnedPath {
        temporaryFolder.inside(UUID().uuidString + suffix)!
    }

    /// A place in the base folder (an absolute path inside it).
    public func place(_ path: String) throws(CacheError) -> Place {
        try fileStep { () throws(FileError) in try folder.base.folder.place(path) }
    }

    /// Cached descriptions in the data folder, by pack family, every version.
    public func cachedDescriptions() -> [PackFamily: [(version: String, path: String)]] {
        var result: [PackFamily: [(version: String, path: String)]] = [:]
        for name in (try? folder.base.entries()) ?? [] where name.hasSuffix(".pdsc") {
            guard let parsed = try? PackNaming.parsePDSCFileName(name), let version = parsed.version else { continue }
            result[parsed.family, default: []].append((version, dataPath + "/" + name))
        }
        return result
    }

    /// The saved copy of an index file fetched from `url`.
    public func indexCopyPath(for url: String) -> String {
        indexCopiesFolder.path + "/" + StableHash.hex(url) + ".xml"
    }

    /// Where that copy is written.
    func indexCopy(for url: String) -> OwnedPath {
        indexCopiesFolder.inside(StableHash.hex(url) + ".xml")!
    }
}
