import CMSISPack
import Foundation

/// A complete new file waiting in the cache's temporary folder (same file
/// system as the data folder) until the run decides to keep it: `commit`
/// renames it into place, `discard` removes it. The temporary folder is ours
/// alone, so removing a file there can never touch a cached file.
struct StagedFile: Sendable {
    let temporary: String
    let destination: String

    func commit() throws(CacheError) {
        guard rename(temporary, destination) == 0 else {
            throw .file(FileError(path: destination, operation: "move the new file into place as", code: errno))
        }
    }

    func discard() {
        _ = try? FileOps.remove(OwnedPath(temporary, proof: "a file this run staged in the cache's temporary folder"))
    }
}
