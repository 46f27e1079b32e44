import OwnedFiles

/// The locks an update holds: the data folder's, and the index folder's when
/// it is another folder. Both folders are claimed first (`OwnedFolder`), so
/// an update never writes into a folder that is not pack-manager's; the
/// claimed folders are what the update writes through.
///
/// Taken from async code, so it never blocks its thread: a lock another
/// process holds is tried again every 50 ms after a `Task.sleep`, which
/// leaves the cooperative pool's threads to the tasks that run meanwhile
/// and ends at once when the task is cancelled (`.cancelled`). Operations of
/// one process on one folder are ordered before they get here
/// (`FolderQueue`), so in a process that uses it only another process can
/// hold the lock.
public struct CacheLock {
    public let locations: CacheLocations
    public let data: OwnedFolder
    public let index: OwnedFolder
    private let locks: [DirectoryLock]

    /// The folders the lock covers, for `FolderQueue`.
    public static func folders(_ locations: CacheLocations) -> [String] {
        [locations.dataPath, locations.jsonPath]
    }

    /// `onWait` is called once when another process holds a lock.
    public static func acquire(_ locations: CacheLocations, onWait: (() -> Void)? = nil) async throws(CacheError) -> CacheLock {
        let (data, index) = try folderStep { () throws(FolderError) in
            (try OwnedFolder.claim(locations.dataPath, for: .data)!, try OwnedFolder.claim(locations.jsonPath, for: .index)!)
        }
        var told = false
        let tell = {
            if !told { onWait?() }
            told = true
        }
        var locks = [try await lock(data, onWait: tell)]
        if index.path != data.path {
            do {
                locks.append(try await lock(index, onWait: tell))
            } catch {
                locks.forEach { $0.release() }
                throw error
            }
        }
        return CacheLock(locations: locations, data: data, index: index, locks: locks)
    }

    private init(locations: CacheLocations, data: OwnedFolder, index: OwnedFolder, locks: [DirectoryLock]) {
        self.locations = locations
        self.data = data
        self.index = index
        self.locks = locks
    }

    private static func lock(_ folder: OwnedFolder, onWait: () -> Void) async throws(CacheError) -> DirectoryLock {
        while true {
            do {
                return try folder.lock(timeout: 0)  // one try: held elsewhere is `.locked`
            } catch {
                guard case .locked = error else { throw CacheError(error) }
            }
            onWait()
            do { try await Task.sleep(nanoseconds: 50_000_000) } catch { throw .cancelled }
        }
    }

    public func release() {
        locks.forEach { $0.release() }
    }
}
