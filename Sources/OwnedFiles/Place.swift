import CFileSystem
import CMSISPack
import Foundation

/// A path inside a claimed folder, kept as the folder and the names below
/// it. Every operation opens the claimed folder and walks down one name at
/// a time without following links (`DirectoryHandle`), so a link planted
/// anywhere below the claimed folder is refused with an error naming it.
/// Writing needs only a place; deleting needs an `OwnedPath`.
///
/// ```swift
/// let index = try folder.place("index.json")
/// try index.write(bytes)                        // atomically: the old file or the whole new one
/// ```
public struct Place: Sendable, Hashable, CustomStringConvertible {
    public let folder: ClaimedFolder
    public let components: [String]

    init(folder: ClaimedFolder, components: [String]) {
        self.folder = folder
        self.components = components
    }

    public var path: String {
        components.isEmpty ? folder.path : (folder.path == "/" ? "" : folder.path) + "/" + components.joined(separator: "/")
    }

    public var description: String { path }

    /// The last name (the folder's own path for the claimed folder itself).
    public var name: String { components.last ?? folder.path }

    /// The folder holding this place; nil for the claimed folder itself.
    public var parent: Place? {
        components.isEmpty ? nil : Place(folder: folder, components: Array(components.dropLast()))
    }

    /// One plain name below this place (no `/`, `.` or `..`).
    public func child(_ name: String) throws(FileError) -> Place {
        guard Self.isPlainName(name) else {
            throw FileError(path: path + "/" + name, operation: "write", code: EINVAL, detail: "'\(name)' is not a plain file name")
        }
        return Place(folder: folder, components: components + [name])
    }

    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\0")
    }

    // MARK: Walking

    /// The open folder of this place itself (nil when missing and not `create`).
    func handle(create: Bool) throws(FileError) -> DirectoryHandle? {
        try DirectoryHandle.walk(root: folder.path, components[...], create: create)
    }

    /// The open folder holding this place, and this place's name in it. For
    /// the claimed folder itself, the folder above it, reached by its path
    /// (the claimed folder's own path is the one the user chose).
    func parentHandle(create: Bool) throws(FileError) -> (DirectoryHandle, String)? {
        guard let name = components.last else {
            let above = (folder.path as NSString).deletingLastPathComponent
            return (try DirectoryHandle.root(above.isEmpty ? "/" : above), (folder.path as NSString).lastPathComponent)
        }
        guard let parent = try DirectoryHandle.walk(root: folder.path, components.dropLast(), create: create) else { return nil }
        return (parent, name)
    }

    // MARK: Reading what is there

    /// What is at this place, without following a link; nil when it (or a
    /// folder on the way) is missing, or a link or file stands on the way.
    public func info() -> FileStat? {
        guard let (parent, name) = try? parentHandle(create: false) else { return nil }
        return parent.info(name)
    }

    public var exists: Bool { info() != nil }

    /// The names in this folder, sorted; none when it does not exist.
    public func entries() throws(FileError) -> [String] {
        guard let handle = try handle(create: false) else { return [] }
        return try handle.names()
    }

    /// The whole file, read without following a link anywhere on the way
    /// (for pack-manager's own working files, which a link must not stand
    /// in for); an error when it is missing, a link or not a regular file.
    public func read(limit: Int = 256 << 20) throws(FileError) -> [UInt8] {
        guard let (parent, name) = try parentHandle(create: false) else {
            throw FileError(path: path, operation: "open", code: ENOENT)
        }
        let descriptor = try parent.openFile(name, flags: O_RDONLY | O_NONBLOCK)
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, FileStat(info).isFile else {
            throw FileError(path: path, operation: "read", code: EINVAL, detail: "it is not a regular file")
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { throw FileError(path: path, operation: "read", code: errno) }
            if count == 0 { return bytes }
            bytes += buffer.prefix(count)
            if bytes.count > limit { throw FileError(path: path, operation: "read", code: EFBIG) }
        }
    }

    // MARK: Creating and writing

    /// Creates this folder and the missing folders above it (`mkdir -p`).
    public func createFolder() throws(FileError) {
        _ = try handle(create: true)
    }

    /// Writes `bytes` to a new unnamed file beside this place, flushes it, and
    /// renames it into place: readers see the old file or the whole new one,
    /// and a run killed while writing leaves nothing behind. `flush: false`
    /// skips the flush to disk (for thousands of pages a manifest vouches for).
    public func write(_ bytes: some Collection<UInt8>, mode: mode_t = 0o644, flush: Bool = true) throws(FileError) {
        let (parent, name) = try parentHandle(create: true)!
        try AtomicFile.write(in: parent, as: name, mode: mode, flush: flush) { descriptor throws(FileError) in
            let array = Array(bytes)
            if let code = array.withUnsafeBytes({ AtomicFile.writeAll(descriptor, $0) }) {
                throw FileError(path: path, operation: "write", code: code)
            }
        }
    }

    /// Copies the file at `source` (any path the user gave) to this place, atomically.
    public func copy(from source: String) throws(FileError) {
        let input = DirectoryHandle.retrying { open(source, O_RDONLY | O_CLOEXEC) }
        guard input >= 0 else { throw FileError(path: source, operation: "open", code: errno) }
        defer { close(input) }
        try copy(from: input, source: source)
    }

    /// Copies the regular file `name` of an open folder of ours here, atomically.
    func copy(fromFile name: String, in folder: DirectoryHandle) throws(FileError) {
        let input = try folder.openFile(name, flags: O_RDONLY | O_NONBLOCK)
        defer { close(input) }
        try copy(from: input, source: folder.path + "/" + name)
    }

    private func copy(from input: Int32, source: String) throws(FileError) {
        let (parent, name) = try parentHandle(create: true)!
        let destination = path
        try AtomicFile.write(in: parent, as: name, mode: 0o644, flush: true) { output throws(FileError) in
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let count = buffer.withUnsafeMutableBytes { Foundation.read(input, $0.baseAddress!, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count < 0 { throw FileError(path: source, operation: "read", code: errno) }
                if count == 0 { return }
                if let code = buffer.withUnsafeBytes({ AtomicFile.writeAll(output, UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }) {
                    throw FileError(path: destination, operation: "write", code: code)
                }
            }
        }
    }

    /// Creates the file if needed and sets its time to now (never through a link).
    public func touch() throws(FileError) {
        let (parent, name) = try parentHandle(create: true)!
        let descriptor = try parent.openFile(name, flags: O_WRONLY | O_CREAT | O_NONBLOCK)
        defer { close(descriptor) }
        guard futimens(descriptor, nil) == 0 else { throw FileError(path: path, operation: "touch", code: errno) }
    }

    /// A file to download into: new (truncated) when `offset` is 0, else
    /// opened to append after `offset` bytes. A file resumed must be a
    /// regular file with one name, or it is refused: its bytes might be
    /// another file's. Returns the open descriptor; the caller closes it.
    public func openForDownload(resumingAt offset: Int64) throws(FileError) -> Int32 {
        let (parent, name) = try parentHandle(create: true)!
        if offset > 0 {
            let descriptor = try parent.openFile(name, flags: O_WRONLY | O_APPEND)
            var info = stat()
            guard fstat(descriptor, &info) == 0 else {
                let code = errno
                close(descriptor)
                throw FileError(path: path, operation: "resume", code: code)
            }
            let found = FileStat(info)
            guard found.isFile, found.linkCount == 1 else {
                close(descriptor)
                throw FileError(path: path, operation: "resume the download in", code: EPERM,
                                detail: found.isFile ? "it has \(found.linkCount) names (a hard link), so its bytes may be another file's" : "it is not a regular file")
            }
            return descriptor
        }
        // A new download replaces whatever name was there, never writing into it.
        if let kind = parent.kind(of: name), kind != .directory { try parent.unlink(name) }
        return try parent.openFile(name, flags: O_WRONLY | O_CREAT | O_EXCL)
    }

    /// Sets the mode of this file or folder (not through a link).
    public func setMode(_ mode: mode_t) {
        guard let (parent, name) = try? parentHandle(create: false) else { return }
        parent.setMode(name, mode)
    }

    /// Files and folders below this folder (and it, when `includingSelf`)
    /// get `file` and `folder` modes; links are left alone, never followed.
    public func setTreeModes(file: mode_t, folder: mode_t, includingSelf: Bool) {
        guard let top = try? handle(create: false) else { return }
        if includingSelf { fchmod(top.descriptor, folder) }
        TreeWalk.setModes(below: top, file: file, folder: folder)
    }
}
