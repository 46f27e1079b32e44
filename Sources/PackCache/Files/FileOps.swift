import CMSISPack
import Foundation

/// The file operations the cache layer uses — create, move into place,
/// copy, list, remove — with plain POSIX calls and errors that keep errno
/// (`FileError`). Removal takes an `OwnedPath` only, so what may be deleted
/// is decided by the ownership checks and nowhere else; links are removed,
/// never followed.
///
/// ```swift
/// try FileOps.createDirectory(folder)
/// try FileOps.moveIntoPlace(temporary, to: folder + "/index.json")
/// let removed = try FileOps.remove(ownedLeftover)
/// ```
public enum FileOps {
    /// Creates a folder and its missing parents (`mkdir -p`).
    public static func createDirectory(_ path: String) throws(FileError) {
        // "" is the current folder (the parent of a bare file name).
        if path.isEmpty || FileStat(path)?.isDirectory == true { return }
        var missing: [String] = []
        var current = path
        while !current.isEmpty, current != "/", FileStat(current) == nil {
            missing.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        for folder in missing.reversed() where mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw FileError(path: folder, operation: "create the folder", code: errno)
        }
        guard FileStat(path)?.isDirectory == true else {
            throw FileError(path: path, operation: "create the folder", code: ENOTDIR)
        }
    }

    /// Renames `source` to `destination` in one step (replacing a file
    /// there), creating the destination's folder first.
    public static func moveIntoPlace(_ source: String, to destination: String) throws(FileError) {
        try createDirectory((destination as NSString).deletingLastPathComponent)
        guard rename(source, destination) == 0 else {
            throw FileError(path: destination, operation: "move \(source) into place as", code: errno)
        }
    }

    /// Copies a file to `destination` through a temporary name beside it, so
    /// the destination is the old file or the whole new one.
    public static func copyFile(_ source: String, to destination: String) throws(FileError) {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw FileError(path: source, operation: "open", code: errno) }
        defer { close(input) }
        let directory = (destination as NSString).deletingLastPathComponent
        var template = Array("\(directory)/.\((destination as NSString).lastPathComponent).tmp-XXXXXX".utf8CString)
        let output = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard output >= 0 else { throw FileError(path: destination, operation: "create a temporary file for", code: errno) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure: FileError?
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        copying: while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(input, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 {
                failure = FileError(path: source, operation: "read", code: errno)
                break
            }
            if count == 0 { break }
            var offset = 0
            while offset < count {
                let written = buffer.withUnsafeBytes { Foundation.write(output, $0.baseAddress! + offset, count - offset) }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else {
                    failure = FileError(path: destination, operation: "write", code: written < 0 ? errno : EIO)
                    break copying
                }
                offset += written
            }
        }
        if failure == nil && fsync(output) != 0 { failure = FileError(path: destination, operation: "flush", code: errno) }
        fchmod(output, 0o644)
        close(output)
        if failure == nil && rename(temporary, destination) != 0 {
            failure = FileError(path: destination, operation: "rename into place", code: errno)
        }
        if let failure {
            unlink(temporary)  // our own temporary file, made above
            throw failure
        }
    }

    /// The names in a folder; none when it does not exist.
    public static func entries(_ path: String) throws(FileError) -> [String] {
        guard let directory = opendir(path) else {
            if errno == ENOENT { return [] }
            throw FileError(path: path, operation: "list", code: errno)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Removes an owned file, link or folder (with everything inside, made
    /// writable first: installed packs are read-only). False when nothing
    /// was there. A link is removed itself; what it points to is not touched.
    @discardableResult
    public static func remove(_ owned: OwnedPath) throws(FileError) -> Bool {
        guard let info = FileStat(owned.path, followingLinks: false) else { return false }
        if info.kind != .directory {
            guard unlink(owned.path) == 0 || errno == ENOENT else {
                throw FileError(path: owned.path, operation: "remove", code: errno)
            }
            return true
        }
        try removeTree(owned.path)
        return true
    }

    /// Removes an owned folder only when it is empty; true when it went.
    @discardableResult
    public static func removeIfEmpty(_ owned: OwnedPath) -> Bool {
        guard FileStat(owned.path, followingLinks: false)?.isDirectory == true else { return false }
        return rmdir(owned.path) == 0
    }

    /// Depth-first without recursion (a hostile tree may be deep), never
    /// leaving the tree through a link.
    private static func removeTree(_ root: String) throws(FileError) {
        // Each folder is visited twice: first to list it, then to remove it.
        var pending: [(path: String, listed: Bool)] = [(root, false)]
        while let (path, listed) = pending.popLast() {
            if listed {
                guard rmdir(path) == 0 || errno == ENOENT else {
                    throw FileError(path: path, operation: "remove the folder", code: errno)
                }
                continue
            }
            // A read-only folder (an installed pack) must be writable to empty it.
            chmod(path, 0o755)
            pending.append((path, true))
            for name in try entries(path) {
                let child = path + "/" + name
                if FileStat(child, followingLinks: false)?.isDirectory == true {
                    pending.append((child, false))
                } else if unlink(child) != 0 && errno != ENOENT {
                    throw FileError(path: child, operation: "remove", code: errno)
                }
            }
        }
    }
}
