import CMSISPack
import Foundation

/// Folders the user names (a data folder, an output file's folder): made
/// with their missing parents, as `mkdir -p`, because the user chose the
/// path; everything below them is then walked without following links.
enum OwnedFolderPaths {
    static func createUserFolder(_ path: String) throws(FileError) {
        var missing: [String] = []
        var current = path
        while !current.isEmpty, current != "/", FileStat(current, followingLinks: false) == nil {
            missing.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        for folder in missing.reversed() where mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw FileError(path: folder, operation: "create the folder", code: errno)
        }
        guard FileStat(path)?.isDirectory == true else {
            throw FileError(path: path, operation: "create the folder", code: ENOTDIR)
        }
    }
}
