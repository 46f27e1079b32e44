import CMSISPack
import Foundation

/// The data folder and our working files in `<data>/.cpm/`: temporary files
/// (removed at the start of every run), partial pack downloads, last good
/// copies of index files, and HTTP validators.
public struct CacheStore: Sendable {
    /// Whose folder this is, which decides what `prepare` may remove.
    public enum Owner: Sendable {
        /// The cache's data folder: claimed with the marker (`OwnedFolder`).
        case cacheFolder
        /// A folder already proven ours as a whole (a temporary folder) or by
        /// its layout (a pack root's `.Web`).
        case proven(OwnedPath)
    }

    public let layout: CacheLayout
    public let owner: Owner
    public var dataPath: String { layout.dataPath }
    public var workPath: String { dataPath + "/.cpm" }
    public var temporaryPath: String { workPath + "/tmp" }
    public var partialPath: String { workPath + "/partial" }
    public var indexCopiesPath: String { workPath + "/indexes" }
    public var validatorsPath: String { workPath + "/http.json" }

    public init(dataPath: String, owner: Owner = .cacheFolder) {
        layout = CacheLayout(dataPath: dataPath)
        self.owner = owner
    }

    /// `.cpm/`: every file in it is ours.
    var workFolder: OwnedPath {
        OwnedPath(workPath, proof: "pack-manager's working folder in \(dataPath)", scope: .workFolder)
    }

    /// `.cpm/partial/`, where pack downloads arrive.
    public var partialFolder: OwnedPath { workFolder.inside("partial")! }

    /// Creates the folders and removes temporary files a killed run left.
    /// Call with the cache lock held.
    public func prepare() throws(CacheError) {
        var leftovers: (String) -> OwnedPath?
        switch owner {
        case .cacheFolder:
            let folder = try OwnedFolder.claim(dataPath, for: .data)!
            leftovers = { FolderLayout.isAtomicLeftover($0) ? folder.entry($0) : nil }
        case .proven(let base):
            leftovers = { name in
                FolderLayout.isAtomicLeftover(name) && OwnedPath.isPlainName(name)
                    ? OwnedPath(base.path + "/" + name, proof: "a temporary file of an atomic write in \(base.path)") : nil
            }
        }
        for path in [dataPath, workPath, temporaryPath, partialPath, indexCopiesPath] {
            do { try FileOps.createDirectory(path) } catch { throw .file(error) }
        }
        let temporary = workFolder.inside("tmp")!
        for name in (try? FileOps.entries(temporaryPath)) ?? [] {
            if let owned = temporary.inside(name) { _ = try? FileOps.remove(owned) }
        }
        // Temporary files of atomic writes into the data folder itself.
        for name in (try? FileOps.entries(dataPath)) ?? [] {
            if let owned = leftovers(name) { _ = try? FileOps.remove(owned) }
        }
    }

    /// A new unique path in the temporary folder.
    public func temporaryFile(_ suffix: String) -> String {
        temporaryPath + "/" + UUID().uuidString + suffix
    }

    /// Cached descriptions in the data folder, by pack family, every version.
    public func cachedDescriptions() -> [PackFamily: [(version: String, path: String)]] {
        var result: [PackFamily: [(version: String, path: String)]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dataPath)) ?? [] where name.hasSuffix(".pdsc") {
            guard let parsed = try? PackNaming.parsePDSCFileName(name), let version = parsed.version else { continue }
            result[parsed.family, default: []].append((version, dataPath + "/" + name))
        }
        return result
    }

    /// The saved copy of an index file fetched from `url`.
    public func indexCopyPath(for url: String) -> String {
        indexCopiesPath + "/" + StableHash.hex(url) + ".xml"
    }
}
