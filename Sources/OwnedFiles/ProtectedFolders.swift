import CMSISPack
import Foundation

/// Folders pack-manager never writes or deletes in, whatever they hold: the
/// root of the file system, the home folder, and any folder that contains
/// the home folder, the default cache or the default pack root (`~/.local`,
/// `~/.cache`… when the cache or root is there). Decided from the path
/// (links resolved), before anything is written or deleted.
///
/// ```swift
/// try ProtectedFolders.check(root, as: "the pack root")   // throws CacheError.notOwned for "/" or "~"
/// ```
public enum ProtectedFolders {
    /// Why `path` is refused, or nil when it is not protected.
    public static func reason(for path: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let resolved = resolve(path)
        if resolved == "/" { return "it is the root of the file system" }
        let home = resolve(UserPaths.home(environment))
        if resolved == home { return "it is your home folder" }
        let defaults = [
            ("the default cache", UserPaths.defaultDataFolder(environment: environment)),
            ("the default pack root", UserPaths.defaultPackRoot(environment: environment)),
            ("your home folder", home),
        ]
        for (name, folder) in defaults where FileStat(folder) != nil {
            let inside = resolve(folder)
            if inside.hasPrefix(resolved == "/" ? "/" : resolved + "/") {
                return "it contains \(name) (\(folder))"
            }
        }
        return nil
    }

    /// Refuses a protected folder with an error that names it, its role, and why.
    public static func check(_ path: String, as role: String,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws(FolderError) {
        if let reason = reason(for: path, environment: environment) {
            throw .notOwned(path: path, reason: "refusing to use it as \(role): \(reason); name a folder of its own")
        }
    }

    /// The absolute path with links resolved, for the part that exists (a
    /// folder that does not exist yet is judged by its nearest existing parent).
    static func resolve(_ path: String) -> String {
        var existing = URL(fileURLWithPath: path).standardizedFileURL.path
        var rest: [String] = []
        while existing != "/", FileStat(existing) == nil {
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let real = realpath(existing, &buffer) != nil
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : existing
        return rest.reduce(real) { $0 == "/" ? "/" + $1 : $0 + "/" + $1 }
    }
}
