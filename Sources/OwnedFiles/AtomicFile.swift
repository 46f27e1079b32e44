import CFileSystem
import CMSISPack
import Foundation

/// The one atomic write: the content goes to a new file beside its
/// destination, is flushed, and is renamed over the destination in one step,
/// so a reader sees the old file or the whole new one.
///
/// On Linux the new file is unnamed (`O_TMPFILE`) until it is complete: a
/// run killed while writing leaves nothing behind, not even in a published
/// folder. A new file is then linked under its name in one step; a file
/// that replaces another gets a temporary name (`.<name>.tmp-XXXXXX`) for the
/// instant between linking it and renaming it over the old one, as it does
/// for the whole write where the file system has no unnamed files.
/// `FolderLayout.isAtomicLeftover` recognises that name, so the next run
/// removes what a kill left.
enum AtomicFile {
    static func write(in folder: DirectoryHandle, as name: String, mode: mode_t, flush: Bool,
                      _ body: (Int32) throws(FileError) -> Void) throws(FileError) {
        let destination = folder.path + "/" + name
        if let unnamed = openUnnamed(in: folder) {
            do throws(FileError) {
                try fill(unnamed, mode: mode, flush: flush, destination: destination, body)
                // A new file gets its name in one step, with no temporary name at all.
                if linkat(AT_FDCWD, "/proc/self/fd/\(unnamed)", folder.descriptor, name, AT_SYMLINK_FOLLOW) == 0 {
                    close(unnamed)
                    return
                }
                let temporary = try link(unnamed, in: folder, near: name)
                close(unnamed)
                do throws(FileError) { try folder.rename(temporary, to: folder, as: name) } catch {
                    _ = try? folder.unlink(temporary)
                    throw error
                }
                return
            } catch {
                close(unnamed)
                throw error
            }
        }
        let (descriptor, temporary) = try createNamed(in: folder, near: name)
        do throws(FileError) {
            try fill(descriptor, mode: mode, flush: flush, destination: destination, body)
            close(descriptor)
            try folder.rename(temporary, to: folder, as: name)
        } catch {
            close(descriptor)
            _ = try? folder.unlink(temporary)
            throw error
        }
    }

    /// The temporary name of an atomic write of `name`.
    static func temporaryName(for name: String) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        let suffix = String((0..<6).map { _ in letters.randomElement()! })
        // A long name keeps room for the prefix and suffix within 255 bytes.
        let base = name.utf8.count > 230 ? String(decoding: Array(name.utf8.prefix(230)), as: UTF8.self) : name
        return "." + base + ".tmp-" + suffix
    }

    private static func fill(_ descriptor: Int32, mode: mode_t, flush: Bool, destination: String,
                             _ body: (Int32) throws(FileError) -> Void) throws(FileError) {
        try body(descriptor)
        guard !flush || fsync(descriptor) == 0 else { throw FileError(path: destination, operation: "flush", code: errno) }
        fchmod(descriptor, mode)
    }

    private static func openUnnamed(in folder: DirectoryHandle) -> Int32? {
        let flag = cfs_o_tmpfile()
        guard flag != 0 else { return nil }
        let descriptor = DirectoryHandle.retrying { openat(folder.descriptor, ".", flag | O_WRONLY | O_CLOEXEC, 0o600) }
        return descriptor >= 0 ? descriptor : nil
    }

    /// Gives the unnamed file a temporary name, through /proc (linkat with
    /// AT_EMPTY_PATH needs a privilege users lack).
    private static func link(_ descriptor: Int32, in folder: DirectoryHandle, near name: String) throws(FileError) -> String {
        for _ in 0..<16 {
            let temporary = temporaryName(for: name)
            if linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", folder.descriptor, temporary, AT_SYMLINK_FOLLOW) == 0 {
                return temporary
            }
            if errno != EEXIST { throw FileError(path: folder.path + "/" + name, operation: "create", code: errno) }
        }
        throw FileError(path: folder.path + "/" + name, operation: "create a temporary file for", code: EEXIST)
    }

    private static func createNamed(in folder: DirectoryHandle, near name: String) throws(FileError) -> (Int32, String) {
        for _ in 0..<16 {
            let temporary = temporaryName(for: name)
            let descriptor = DirectoryHandle.retrying {
                openat(folder.descriptor, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            }
            if descriptor >= 0 { return (descriptor, temporary) }
            if errno != EEXIST { throw FileError(path: folder.path + "/" + name, operation: "create a temporary file for", code: errno) }
        }
        throw FileError(path: folder.path + "/" + name, operation: "create a temporary file for", code: EEXIST)
    }

    /// Writes all of `buffer`, again after an interruption; nil when done, else errno.
    static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Int32? {
        var offset = 0
        while offset < buffer.count {
            let count = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return count < 0 ? errno : EIO }
            offset += count
        }
        return nil
    }
}
