import Foundation

/// What `stat(2)` says about a path: its kind, size, link count and
/// modification time, read the same way on Linux and macOS (Glibc calls the
/// time field `st_mtim`, Darwin `st_mtimespec`; this is the one place that knows).
///
/// ```swift
/// if let info = FileStat(path), info.kind == .file { print(info.size, info.modified) }
/// ```
public struct FileStat: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case file, directory, link, other }

    public let kind: Kind
    public let size: Int64
    /// How many names the file has (hard links).
    public let linkCount: Int
    /// Seconds since 1970, with the file system's sub-second part.
    public let modified: Double
    /// The modification time as `seconds.nanoseconds`, exact (for validators).
    public let modifiedText: String

    /// Nil when the path does not exist (or cannot be read). With
    /// `followingLinks` false a symbolic link is described itself (`lstat`).
    public init?(_ path: String, followingLinks: Bool = true) {
        var info = stat()
        let status = followingLinks ? stat(path, &info) : lstat(path, &info)
        guard status == 0 else { return nil }
        self.init(info)
    }

    init(_ info: stat) {
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .file
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .link
        default: kind = .other
        }
        size = Int64(info.st_size)
        linkCount = Int(info.st_nlink)
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        modified = Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        modifiedText = "\(time.tv_sec).\(time.tv_nsec)"
    }

    public var isDirectory: Bool { kind == .directory }
    public var isFile: Bool { kind == .file }
}
