import CMSISPack

/// Why a folder or file could not be used, written or deleted: a file
/// operation that failed (errno kept), a folder that is not pack-manager's,
/// or one another pack-manager process holds.
public enum FolderError: Error, Sendable, Equatable, CustomStringConvertible {
    case file(FileError)
    /// Not pack-manager's to write or delete in (no marker and other files, a
    /// protected folder such as `/` or the home folder): the path and why.
    case notOwned(path: String, reason: String)
    case locked(path: String)

    public var description: String {
        switch self {
        case .file(let error): return error.description
        case .notOwned(let path, let reason): return "\(path): \(reason)"
        case .locked(let path): return "\(path): another pack-manager process is using this directory; try again when it has finished"
        }
    }
}
