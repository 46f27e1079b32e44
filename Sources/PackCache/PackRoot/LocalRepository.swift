import CMSISPack
import OwnedFiles
import Foundation

/// `.Local/local_repository.pidx`: pack descriptions used in place from local
/// folders (a pack under development), as cpackget registers them.
struct LocalRepository {
    let layout: PackRootLayout
    /// The claimed root, for the operations that write.
    private let root: PackRootFolder?

    /// For reading the registrations.
    init(layout: PackRootLayout) {
        self.layout = layout
        root = nil
    }

    /// For changing them too.
    init(root: PackRootFolder) {
        layout = root.layout
        self.root = root
    }

    /// The registrations; none when the file does not exist. A file that
    /// cannot be read is the user's data: it is reported (file, line) and
    /// never replaced, so no registration is lost.
    func entries() throws(CacheError) -> [PackIndexEntry] {
        do {
            return try PackIndexReader.read(path: layout.localRepositoryPath).index.packs
        } catch {
            if case .file(let file) = error, file.isMissing { return [] }
            throw .unreadable(error, advice: "pack-manager leaves it untouched; repair or remove it, then run again")
        }
    }

    /// The pack a description file would be registered as, and its absolute
    /// path; an error when it cannot be (unreadable, misnamed, no release). Reads only.
    static func registration(of path: String) throws(CacheError) -> (path: String, reference: PackReference) {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let description: PackDescription
        do { description = try PackDescriptionReader.read(path: absolute).description } catch {
            throw .install(.badRegistration(file: absolute, reason: "not a usable pack description: \(error)"))
        }
        let fileName = (absolute as NSString).lastPathComponent
        guard fileName == description.family.pdscFileName else {
            throw .install(.badRegistration(file: absolute, reason: "the file describes \(description.family) and must be named \(description.family.pdscFileName)"))
        }
        guard let reference = description.reference else {
            throw .install(.badRegistration(file: absolute, reason: "the description has no valid release version"))
        }
        return (absolute, reference)
    }

    /// Registers a description file (replacing an earlier registration of the same pack).
    func register(descriptionFile path: String) throws(CacheError) -> PackReference {
        let (absolute, reference) = try Self.registration(of: path)
        let folder = URL(fileURLWithPath: (absolute as NSString).deletingLastPathComponent, isDirectory: true).absoluteString
        var kept = try entries().filter { $0.reference.family != reference.family }
        kept.append(PackIndexEntry(reference: reference, url: FolderURL.slashed(folder)))
        try write(kept)
        return reference
    }

    /// Removes the registration of a pack; false when it was not registered.
    func unregister(_ family: PackFamily) throws(CacheError) -> Bool {
        let all = try entries()
        let kept = all.filter { $0.reference.family != family }
        guard kept.count != all.count else { return false }
        try write(kept)
        return true
    }

    func write(_ entries: [PackIndexEntry]) throws(CacheError) {
        // PackIndex.xsd requires <vendor> and <url>: cpackget's name for this file, and where it lies.
        let folder = URL(fileURLWithPath: layout.localPath, isDirectory: true).absoluteString
        let text = PackIndexWriter.pidx(vendor: "local repository", url: folder, entries: entries, timestamp: PackIndexWriter.timestamp())
        guard let root else {
            throw .notOwned(path: layout.localRepositoryPath, reason: "not written: the pack root was not claimed for writing")
        }
        try fileStep { () throws(FileError) in try root.place(layout.localRepositoryPath).write(Array(text.utf8)) }
    }
}
