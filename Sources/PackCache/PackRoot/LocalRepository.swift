import CMSISPack
import Foundation

/// `.Local/local_repository.pidx`: pack descriptions used in place from local
/// folders (a pack under development), as cpackget registers them.
struct LocalRepository {
    let layout: PackRootLayout

    func entries() -> [PackIndexEntry] {
        (try? PackIndexReader.read(path: layout.localRepositoryPath))?.index.packs ?? []
    }

    /// Registers a description file (replacing an earlier registration of the same pack).
    func register(descriptionFile path: String) throws(CacheError) -> PackReference {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let description: PackDescription
        do { description = try PackDescriptionReader.read(path: absolute).description } catch {
            throw .install(subject: absolute, reason: "not a usable pack description: \(error)")
        }
        let fileName = (absolute as NSString).lastPathComponent
        guard fileName == description.family.pdscFileName else {
            throw .install(subject: absolute, reason: "the file describes \(description.family) and must be named \(description.family.pdscFileName)")
        }
        guard let reference = description.reference else {
            throw .install(subject: absolute, reason: "the description has no valid release version")
        }
        let folder = URL(fileURLWithPath: (absolute as NSString).deletingLastPathComponent, isDirectory: true).absoluteString
        var kept = entries().filter { $0.reference.family != reference.family }
        kept.append(PackIndexEntry(reference: reference, url: FolderURL.slashed(folder)))
        try write(kept)
        return reference
    }

    /// Removes the registration of a pack; false when it was not registered.
    func unregister(_ family: PackFamily) throws(CacheError) -> Bool {
        let all = entries()
        let kept = all.filter { $0.reference.family != family }
        guard kept.count != all.count else { return false }
        try write(kept)
        return true
    }

    func write(_ entries: [PackIndexEntry]) throws(CacheError) {
        // PackIndex.xsd requires <vendor> and <url>: cpackget's name for this file, and where it lies.
        let folder = URL(fileURLWithPath: layout.localPath, isDirectory: true).absoluteString
        let text = PackIndexWriter.pidx(vendor: "local repository", url: folder, entries: entries, timestamp: PackIndexWriter.timestamp())
        do {
            try FileManager.default.createDirectory(atPath: layout.localPath, withIntermediateDirectories: true)
            try FileBytes.writeAtomically(Array(text.utf8), to: layout.localRepositoryPath)
        } catch let error as FileError {
            throw .filesystem(path: error.path, reason: error.description)
        } catch {
            throw .filesystem(path: layout.localPath, reason: error.localizedDescription)
        }
    }
}
