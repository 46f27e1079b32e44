import Foundation

/// Installed packs are read-only (files 0444, folders 0555), so a build that
/// writes into a pack by mistake fails instead of silently changing it for
/// every project. Links are never followed.
enum ReadOnlyTree {
    /// - Parameter includingRoot: false leaves `root` itself writable, so it
    ///   can still be renamed into another folder.
    static func protect(_ root: String, includingRoot: Bool = true) {
        for path in paths(under: root).reversed() { setMode(path, file: 0o444, directory: 0o555) }
        if includingRoot { setMode(root, file: 0o444, directory: 0o555) }
    }

    /// Makes a tree writable again (folders first, so their contents can be reached).
    static func unprotect(_ root: String) {
        setMode(root, file: 0o644, directory: 0o755)
        for path in paths(under: root) { setMode(path, file: 0o644, directory: 0o755) }
    }

    /// Every path under `root`, parents before children.
    private static func paths(under root: String) -> [String] {
        var result: [String] = []
        var pending = [root]
        while let folder = pending.popLast() {
            // A folder must be readable and searchable to be listed.
            chmod(folder, 0o755)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                let path = folder + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                result.append(path)
                if info.st_mode & S_IFMT == S_IFDIR { pending.append(path) }
            }
        }
        return result
    }

    private static func setMode(_ path: String, file: mode_t, directory: mode_t) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: chmod(path, directory)
        case S_IFREG: chmod(path, file)
        default: break
        }
    }
}
