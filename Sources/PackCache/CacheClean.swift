import Foundation

/// `cache clean`: removes the data folder and the index folder, as the
/// reference does, after taking the lock so no update is running.
public enum CacheClean {
    public static func run(_ locations: CacheLocations) throws(CacheError) {
        let manager = FileManager.default
        let lock = try CacheLock(locations)
        defer { lock.release() }
        for path in Set([locations.dataPath, locations.jsonPath]) where manager.fileExists(atPath: path) {
            do {
                for name in try manager.contentsOfDirectory(atPath: path) where name != ".lock" {
                    try manager.removeItem(atPath: path + "/" + name)
                }
            } catch {
                throw .filesystem(path: path, reason: "cannot remove: \(error.localizedDescription)")
            }
        }
    }
}
