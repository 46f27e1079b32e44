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
            throw .filesystem(path: destination, reason: "cannot move the new file into place: \(String(cString: strerror(errno)))")
        }
    }

    func discard() {
        unlink(temporary)
    }
}
