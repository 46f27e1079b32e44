import CMSISPack
import Foundation

/// The data folder and our working files in `<data>/.cpm/`: temporary files
/// (removed at the start of every run), partial pack downloads, last good
/// copies of index files, and HTTP validators.
public struct CacheStore: Sendable {
    public let layout: CacheLayout
    public var dataPath: String { layout.dataPath }
    public var workPath: String { dataPath + "/.cpm" }
    public var temporaryPath: String { workPath + "/tmp" }
    public var partialPath: String { workPath + "/partial" }
    public var indexCopiesPath: String { workPath + "/indexes" }
    public var validatorsPath: String { workPath + "/http.json" }

    public init(dataPath: String) {
        layout = CacheLayout(dataPath: dataPath)
    }

    /// Creates the folders and removes temporary files a killed run left.
    /// Call with the cache lock held.
    public func prepare() throws(CacheError) {
        let manager = FileManager.default
        for path in [dataPath, workPath, temporaryPath, partialPath, indexCopiesPath] {
            do { try manager.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw .filesystem(path: path, reason: "cannot create the folder: \(error.localizedDescription)")
            }
        }
        for name in (try? manager.contentsOfDirectory(atPath: temporaryPath)) ?? [] {
            try? manager.removeItem(atPath: temporaryPath + "/" + name)
        }
        // Temporary files of atomic writes into the data folder itself.
        for name in (try? manager.contentsOfDirectory(atPath: dataPath)) ?? [] where name.hasPrefix(".") && name.contains(".tmp-") {
            try? manager.removeItem(atPath: dataPath + "/" + name)
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

    public static func fileStat(_ path: String) -> (size: Int64, modified: Double)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (Int64(info.st_size), Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
    }
}

/// FNV-1a, for file names derived from URLs (stable across runs, unlike `Hasher`).
enum StableHash {
    static func hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }
}
