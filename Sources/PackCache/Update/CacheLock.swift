/// The locks an update holds: the data folder's, and the index folder's when
/// it is another folder.
public struct CacheLock {
    private let locks: [DirectoryLock]

    public init(_ locations: CacheLocations, onWait: (() -> Void)? = nil) throws(CacheError) {
        var locks = [try DirectoryLock(directory: locations.dataPath, onWait: onWait)]
        if Self.normalized(locations.jsonPath) != Self.normalized(locations.dataPath) {
            locks.append(try DirectoryLock(directory: locations.jsonPath, onWait: onWait))
        }
        self.locks = locks
    }

    public func release() {
        locks.forEach { $0.release() }
    }

    private static func normalized(_ path: String) -> String {
        var result = path
        while result.count > 1 && result.hasSuffix("/") { result.removeLast() }
        return result
    }
}
