import CMSISPack
import Foundation

/// An exclusive lock on a directory (an `flock` on `<directory>/.lock`), so two
/// `pack-manager` processes never write the same cache or index at once.
/// The kernel releases it when the process ends, even when it is killed.
public final class DirectoryLock {
    public let path: String
    private var descriptor: Int32 = -1

    /// Waits for the lock; `onWait` is called once if another process holds it.
    public init(directory: String, timeout: Double? = nil, onWait: (() -> Void)? = nil) throws(CacheError) {
        path = (directory as NSString).appendingPathComponent(".lock")
        do { try FileOps.createDirectory(directory) } catch { throw .file(error) }
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .file(FileError(path: path, operation: "open the lock file", code: errno))
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return }
        onWait?()
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            if let deadline, Date() > deadline {
                close(descriptor)
                descriptor = -1
                throw CacheError.locked(path: directory)
            }
            usleep(50_000)
        }
    }

    deinit { release() }

    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }
}
