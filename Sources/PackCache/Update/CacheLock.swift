import OwnedFiles

/// The locks an update holds: the data folder's, and the index folder's when
/// it is another folder. Both folders are claimed first (`OwnedFolder`), so
/// an update never writes into a folder that is not pack-manager's; the
/// claimed folders are what the update writes through.
public struct CacheLock {
    public let locations: CacheLocations
    public let data: OwnedFolder
    public let index: OwnedFolder
    private let locks: [DirectoryLock]

    public init(_ locations: CacheLocations, onWait: (() -> Void)? = nil) throws(CacheError) {
        self.locations = locations
        (data, index, locks) = try folderStep { () throws(FolderError) in
            let data = try OwnedFolder.claim(locations.dataPath, for: .data)!
            let index = try OwnedFolder.claim(locations.jsonPath, for: .index)!
            var locks = [try data.lock(onWait: onWait)]
            if index.path != data.path {
                locks.append(try index.lock(onWait: onWait))
            }
            return (data, index, locks)
        }
    }

    public func release() {
        locks.forEach { $0.release() }
    }
}
