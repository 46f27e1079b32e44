import CMSISPack
import Foundation

/// An exclusive lock on a claimed folder (an `flock` on `<folder>/.lock`), so
/// two `pack-manager` processes never write the same cache or index at once.
/// The kernel releases it when the process ends, even when it is killed.
/// The lock file is opened without following a link.
public final class DirectoryLock {
    public let path: String
    private var descriptor: Int32 = -1

    /// Waits for the lock; `onWait` is called once if another process holds it.
    public init(folder: ClaimedFolder, timeout: Double? = nil, onWait: (() -> Void)? = nil) throws(FolderError) {
        path = folder.path + "/" + FolderLayout.lockName
        do {
            let top = try folder.top.handle(create: true)!
            descriptor = try top.openFile(FolderLayout.lockName, flags: O_RDWR | O_CREAT | O_NONBLOCK)
        } catch {
            throw .file(error)
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return }
        onWait?()
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            if let deadline, Date() > deadline {
                close(descriptor)
                descriptor = -1
                throw .locked(path: folder.path)
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
