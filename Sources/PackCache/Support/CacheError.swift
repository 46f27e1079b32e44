import CMSISPack
import OwnedFiles

/// What went wrong in the cache layer: which file or URL, and what to do.
public enum CacheError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file operation that failed, with its cause (errno) kept.
    case file(FileError)
    /// A folder or file pack-manager will not write or delete in: not its own
    /// (no marker, other files), or a protected folder such as `/` or home.
    case notOwned(path: String, reason: String)
    /// A file of the user's that cannot be read; it is left as it is.
    case unreadable(PackReadError, advice: String)
    /// A path that is not what it must be (a missing vendor list, say).
    case invalidPath(path: String, reason: String)
    case locked(path: String)
    case index(IndexFileError)
    /// No device by that name (in any case); `similar`: the closest names the index has.
    case noDevice(String, similar: [String] = [])
    case packNotCached(pack: String, path: String)
    case noPack(String)
    case noBoard(String)
    /// A pack root operation that failed: the pack or file, and why.
    case install(InstallError)
    case notInstalled(String)
    case licenseNotAgreed(pack: String, license: String)
    /// The caller cancelled the operation (cpm_cache_cancel, Ctrl-C in Python)
    /// before it changed the cache.
    case cancelled
    /// A pack signature that cannot be made or does not hold: the file, and why.
    case signature(subject: String, reason: String)

    /// A refusal or failure of the file layer, as the cache layer says it.
    public init(_ error: FolderError) {
        switch error {
        case .file(let failure): self = .file(failure)
        case .notOwned(let path, let reason): self = .notOwned(path: path, reason: reason)
        case .locked(let path): self = .locked(path: path)
        }
    }

    public var description: String {
        switch self {
        case .file(let error):
            return error.description
        case .notOwned(let path, let reason):
            return "\(path): \(reason)"
        case .unreadable(let error, let advice):
            return "\(error); \(advice)"
        case .invalidPath(let path, let reason):
            return "\(path): \(reason)"
        case .locked(let path):
            return "\(path): another pack-manager process is using this directory; try again when it has finished"
        case .index(let error):
            return error.description
        case .noDevice(let name, let similar) where !similar.isEmpty:
            // `find` lists every name that holds the text, not names a letter or two away.
            let holding = similar.allSatisfy { $0.lowercased().contains(name.lowercased()) }
            return "no device named '\(name)' in the index; did you mean \(Self.choice(similar))?"
                + (holding ? " (`pack-manager find \(name)` lists every match)" : "")
        case .noDevice(let name, _):
            return "no device named '\(name)' in the index; run `pack-manager find-part` to search, or `pack-manager cache descriptors` to update"
        case .noPack(let name):
            return "no pack named '\(name)' in the index; run `pack-manager find` to search, or `pack-manager cache descriptors` to update"
        case .noBoard(let name):
            return "no board named '\(name)' in the index; run `pack-manager find --kind board` to search"
        case .install(let error):
            return error.description
        case .notInstalled(let pack):
            return "\(pack) is not installed; `pack-manager pack list` shows what is"
        case .licenseNotAgreed(let pack, let license):
            return "\(pack) was not installed: its licence (\(license)) was not agreed; read it and run again with --agree-embedded-license, or answer 'y' at the prompt"
        case .cancelled:
            return "cancelled: the cache and its index were left as they were"
        case .signature(let subject, let reason):
            return "\(subject): \(reason)"
        case .packNotCached(let pack, let path):
            return "pack \(pack) is not in the cache (\(path)); run `pack-manager cache devices <device>` to download it"
        }
    }
}

extension CacheError {
    /// "A, B or C", each quoted as typed.
    static func choice(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
    }
}

/// Runs a file-layer step, its error said as the cache layer's.
@inline(__always)
func folderStep<T>(_ body: () throws(FolderError) -> T) throws(CacheError) -> T {
    do { return try body() } catch { throw CacheError(error) }
}

/// Runs a file operation, its error said as the cache layer's.
@inline(__always)
func fileStep<T>(_ body: () throws(FileError) -> T) throws(CacheError) -> T {
    do { return try body() } catch { throw .file(error) }
}
