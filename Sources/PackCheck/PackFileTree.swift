import CMSISPack
import Foundation

/// The files of a pack, seen from the folder that holds its `.pdsc`: the
/// members of a `.pack` archive, or a folder on disk (an unpacked pack).
/// Lookups are exact first, then ignoring case, so `check` can tell a
/// missing file from one whose case differs (which fails on Linux).
///
/// ```swift
/// let tree = PackFileTree(directory: "MyPack")
/// tree.lookup("Flash/Algo.FLM")   // .file, .directory, .differentCase("flash/algo.flm", …) or .missing
/// ```
public struct PackFileTree: Sendable {
    public enum Lookup: Sendable, Equatable {
        case file
        case directory
        /// Only a case-insensitive match exists; `actual` is its spelling.
        case differentCase(actual: String, isDirectory: Bool)
        case missing
    }

    private var files: Set<String> = []
    private var directories: Set<String> = [""]
    /// Lower-cased path → the first spelling seen, for files and folders.
    private var folded: [String: (path: String, isDirectory: Bool)] = [:]

    /// Member paths of an archive (as `PackArchive.memberPaths` gives them),
    /// relative to `base`, the folder holding the `.pdsc` ("" for the top).
    public init(members: [String], base: String) {
        let prefix = base.isEmpty ? "" : base + "/"
        for member in members where member.hasPrefix(prefix) {
            let relative = String(member.dropFirst(prefix.count))
            if relative.isEmpty { continue }
            if relative.hasSuffix("/") {
                addDirectory(String(relative.dropLast()))
            } else {
                addFile(relative)
            }
        }
    }

    /// Every file below `directory` on disk.
    public init(directory: String) {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return }
        while let relative = walker.nextObject() as? String {
            if walker.fileAttributes?[.type] as? FileAttributeType == .typeDirectory {
                addDirectory(relative)
            } else {
                addFile(relative)
            }
        }
    }

    private mutating func addFile(_ path: String) {
        files.insert(path)
        if folded[path.lowercased()] == nil { folded[path.lowercased()] = (path, false) }
        addParents(of: path)
    }

    private mutating func addDirectory(_ path: String) {
        guard !path.isEmpty, directories.insert(path).inserted else { return }
        if folded[path.lowercased()] == nil { folded[path.lowercased()] = (path, true) }
        addParents(of: path)
    }

    /// Archives often list files without entries for their folders.
    private mutating func addParents(of path: String) {
        var parent = Substring(path)
        while let slash = parent.lastIndex(of: "/") {
            parent = parent[..<slash]
            guard directories.insert(String(parent)).inserted else { break }
            if folded[parent.lowercased()] == nil { folded[parent.lowercased()] = (String(parent), true) }
        }
    }

    /// Looks up a normalised relative path ('/' separators, no "." or "..",
    /// no trailing '/').
    public func lookup(_ path: String) -> Lookup {
        if files.contains(path) { return .file }
        if directories.contains(path) { return .directory }
        if let match = folded[path.lowercased()] { return .differentCase(actual: match.path, isDirectory: match.isDirectory) }
        return .missing
    }

    public var fileCount: Int { files.count }
}
