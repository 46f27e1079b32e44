import CMSISPack
import Foundation

/// An open folder, reached from a claimed folder one component at a time
/// with `openat(O_NOFOLLOW | O_DIRECTORY)`: what it names cannot be moved
/// under us, and a symbolic link anywhere on the way is refused, never
/// followed. Every create, write, rename and delete of this module goes
/// through one of these (the `*at` calls), so a link planted inside one of
/// our folders can never lead a write or a delete somewhere else.
final class DirectoryHandle {
    let descriptor: Int32
    /// For messages only; never used to reach anything.
    let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close(descriptor) }

    /// The claimed folder itself. Its own path is the one the user chose
    /// (it may be a link they made); everything below it is walked.
    static func root(_ path: String) throws(FileError) -> DirectoryHandle {
        let descriptor = retrying { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw FileError(path: path, operation: "open the folder", code: errno) }
        return DirectoryHandle(descriptor: descriptor, path: path)
    }

    /// Walks `components` below `root`; nil when one is missing and `create` is false.
    static func walk(root: String, _ components: ArraySlice<String>, create: Bool) throws(FileError) -> DirectoryHandle? {
        var handle = try Self.root(root)
        for component in components {
            guard let next = try handle.folder(component, create: create) else { return nil }
            handle = next
        }
        return handle
    }

    /// The sub-folder `name`, created when missing and `create` is true.
    func folder(_ name: String, create: Bool) throws(FileError) -> DirectoryHandle? {
        let childPath = path + "/" + name
        for _ in 0..<4 {
            let opened = Self.retrying { openat(self.descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
            if opened >= 0 { return DirectoryHandle(descriptor: opened, path: childPath) }
            let code = errno
            switch code {
            case ENOENT:
                guard create else { return nil }
                if mkdirat(descriptor, name, 0o755) != 0 && errno != EEXIST {
                    throw FileError(path: childPath, operation: "create the folder", code: errno)
                }
                // Open what is there now: a link planted meanwhile is refused like any other.
            case ELOOP, ENOTDIR:
                throw Self.notAFolder(childPath, kind: kind(of: name))
            default:
                throw FileError(path: childPath, operation: "open the folder", code: code)
            }
        }
        throw FileError(path: childPath, operation: "create the folder", code: EAGAIN)
    }

    /// What `name` is here, without following a link; nil when missing.
    func info(_ name: String) -> FileStat? {
        var buffer = stat()
        guard fstatat(descriptor, name, &buffer, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return FileStat(buffer)
    }

    /// What this folder itself is (always a folder; its size and time).
    func ownInfo() -> FileStat? {
        var buffer = stat()
        guard fstat(descriptor, &buffer) == 0 else { return nil }
        return FileStat(buffer)
    }

    func kind(of name: String) -> FileStat.Kind? { info(name)?.kind }

    /// The names in this folder, sorted, without `.` and `..`.
    func names() throws(FileError) -> [String] {
        // fdopendir takes the descriptor over, so it gets a copy.
        let copy = dup(descriptor)
        guard copy >= 0, let directory = fdopendir(copy) else {
            let code = errno
            if copy >= 0 { close(copy) }
            throw FileError(path: path, operation: "list", code: code)
        }
        defer { closedir(directory) }
        rewinddir(directory)
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Opens the regular file `name` here with `flags` (O_NOFOLLOW is added).
    func openFile(_ name: String, flags: Int32, mode: mode_t = 0o644) throws(FileError) -> Int32 {
        let opened = Self.retrying { openat(self.descriptor, name, flags | O_NOFOLLOW | O_CLOEXEC, mode) }
        guard opened >= 0 else {
            let code = errno
            if code == ELOOP { throw Self.linkRefused(path + "/" + name) }
            throw FileError(path: path + "/" + name, operation: "open", code: code)
        }
        return opened
    }

    /// Removes the file or link `name` (never what a link points to); false when it was not there.
    @discardableResult
    func unlink(_ name: String) throws(FileError) -> Bool {
        if unlinkat(descriptor, name, 0) == 0 { return true }
        if errno == ENOENT { return false }
        throw FileError(path: path + "/" + name, operation: "remove", code: errno)
    }

    /// Renames `name` here to `newName` in `folder` (replacing a file there) in one step.
    func rename(_ name: String, to folder: DirectoryHandle, as newName: String) throws(FileError) {
        guard renameat(descriptor, name, folder.descriptor, newName) == 0 else {
            throw FileError(path: folder.path + "/" + newName, operation: "move \(path)/\(name) into place as", code: errno)
        }
    }

    /// Sets the mode of `name` here (a file or folder, not a link: links have no mode of their own).
    func setMode(_ name: String, _ mode: mode_t) {
        guard let kind = kind(of: name), kind == .file || kind == .directory else { return }
        let flags = kind == .directory ? O_RDONLY | O_DIRECTORY : O_RDONLY
        let opened = openat(descriptor, name, flags | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard opened >= 0 else { return }
        fchmod(opened, mode)
        close(opened)
    }

    // MARK: Errors

    static func notAFolder(_ path: String, kind: FileStat.Kind?) -> FileError {
        if kind == .link { return linkRefused(path) }
        return FileError(path: path, operation: "use it as a folder", code: ENOTDIR,
                         detail: "it is \(kind == .file ? "a file" : "not a folder"), where pack-manager keeps a folder; move it away and run again")
    }

    static func linkRefused(_ path: String) -> FileError {
        FileError(path: path, operation: "use it", code: ELOOP,
                  detail: "it is a symbolic link, and pack-manager never follows a link inside its own folders; remove the link and run again")
    }

    static func retrying(_ call: () -> Int32) -> Int32 {
        while true {
            let result = call()
            if result >= 0 || errno != EINTR { return result }
        }
    }
}
