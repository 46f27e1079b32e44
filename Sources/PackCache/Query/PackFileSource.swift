import CMSISPack
import OwnedFiles
import Foundation

/// Where the files of an indexed pack (flash algorithms, SVD files, its
/// description) are read from: a cached archive, an archive `add-packs`
/// read, or the folder of a pack installed in a pack root.
///
/// ```swift
/// let source = try PackFileSource.locate(entry.fromPack, in: index, locations: locations)
/// let flm = try source.read("Flash/GD32F10x_MD.FLM")
/// ```
enum PackFileSource {
    case archive(PackArchive)
    case folder(String)

    /// The files of the pack an index entry comes from: the cache's copy
    /// first, then where the index says the pack was read from.
    static func locate(_ fromPack: FromPack, in index: DeviceIndex, locations: CacheLocations) throws(CacheError) -> PackFileSource {
        let key = "\(fromPack.vendor).\(fromPack.pack).\(fromPack.version)"
        let packPath = CacheLayout(dataPath: locations.dataPath).packPath(fromPack)
        if let archive = try? PackArchive(path: packPath) { return .archive(archive) }
        if let record = index.packs[key], let description = record.source {
            if let separator = description.range(of: "!/") {
                // Read by add-packs from an archive, which is still there.
                if let archive = try? PackArchive(path: String(description[..<separator.lowerBound])) { return .archive(archive) }
            } else if record.origin == "pack-root" {
                // Installed in a pack root: the files are there, extracted.
                return .folder((description as NSString).deletingLastPathComponent)
            }
        }
        throw .packNotCached(pack: key, path: packPath)
    }

    /// Where it is, for messages: the archive's path or the folder.
    var location: String {
        switch self {
        case .archive(let archive): return archive.path
        case .folder(let folder): return folder
        }
    }

    /// A file's bytes, by its path inside the pack ('/' or '\\', any case).
    func read(_ relative: String, limit: UInt64 = PackArchive.defaultMemberLimit) throws -> [UInt8] {
        switch self {
        case .archive(let archive):
            return try archive.read(member: relative, limit: limit)
        case .folder(let folder):
            let normalized = relative.replacingOccurrences(of: "\\", with: "/")
            let path = Self.matchingCase(normalized, in: folder) ?? folder + "/" + normalized
            // A link inside an installed pack must not lead outside it.
            let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            let base = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
            guard resolved.hasPrefix(base + "/") else {
                throw CacheError.invalidPath(path: path, reason: "leads outside the pack folder")
            }
            if let size = FileStat(resolved, followingLinks: true)?.size, UInt64(size) > limit {
                throw CacheError.invalidPath(path: resolved, reason: "\(size) bytes, over the limit of \(limit)")
            }
            return try FileBytes.read(resolved)
        }
    }

    /// A flash algorithm of the pack, parsed; the error names the file.
    func flashAlgorithm(_ relative: String) throws(FlashAlgorithmError) -> FlashAlgorithm {
        let source = location + (isArchive ? "!/" : "/") + relative
        let bytes: [UInt8]
        do { bytes = try read(relative, limit: UInt64(FlashAlgorithm.maximumFileSize)) } catch {
            throw FlashAlgorithmError(source: source, reason: (error as? PackArchiveError)?.reason ?? "\(error)")
        }
        return try FlashAlgorithm.read(bytes: bytes, source: source)
    }

    /// The pack's description, read from the archive or the folder.
    func readDescription() throws(CacheError) -> PackDescription {
        switch self {
        case .archive(let archive):
            do { return try archive.readDescription().description } catch {
                throw .unreadable(error, advice: "the pack archive \(archive.path) is damaged; download it again")
            }
        case .folder(let folder):
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { $0.lowercased().hasSuffix(".pdsc") }.sorted() ?? []
            guard let name = names.first else { throw .invalidPath(path: folder, reason: "no .pdsc file in the installed pack's folder") }
            do { return try PackDescriptionReader.read(path: folder + "/" + name).description } catch {
                throw .unreadable(error, advice: "the installed pack in \(folder) is damaged; install it again")
            }
        }
    }

    private var isArchive: Bool {
        if case .archive = self { return true }
        return false
    }

    /// Packs are often written on Windows: a name may differ in case from the file.
    static func matchingCase(_ relative: String, in folder: String) -> String? {
        var current = folder
        for component in relative.split(separator: "/").map(String.init) {
            let exact = current + "/" + component
            if FileManager.default.fileExists(atPath: exact) {
                current = exact
                continue
            }
            guard let match = (try? FileManager.default.contentsOfDirectory(atPath: current))?
                .first(where: { $0.lowercased() == component.lowercased() }) else { return nil }
            current += "/" + match
        }
        return current
    }
}
