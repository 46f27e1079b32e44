import CMSISPack
import Foundation
import OwnedFiles

/// A complete new file waiting in the cache's temporary folder (same file
/// system as the data folder) until the run decides to keep it: `commit`
/// renames it into place, `discard` removes it. The temporary folder is ours
/// alone, so removing a file there can never touch a cached file.
struct StagedFile: Sendable {
    let temporary: OwnedPath
    let destination: Place

    func commit() throws(CacheError) {
        try fileStep { () throws(FileError) in try temporary.move(to: destination) }
    }

    func discard() {
        _ = try? temporary.remove()
    }
}
