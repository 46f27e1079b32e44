import CMSISPack
import Foundation

/// Where a pack is extracted: a new working folder of ours (the pack root's
/// staging folder). Folders are made and files created through open folder
/// handles, walked without following links; a file is always new (O_EXCL),
/// so nothing already there is written into. The handles of the folders
/// made are kept while extracting (members arrive folder by folder).
///
/// ```swift
/// let target = try ExtractionFolder(staging)
/// try archive.extract(plan, into: target)
/// ```
public final class ExtractionFolder: ExtractionTarget {
    private let top: DirectoryHandle
    private var folders: [String: DirectoryHandle] = [:]

    /// `owned` must be a working folder of ours; it is created when missing.
    public init(_ owned: OwnedPath) throws(FileError) {
        precondition(owned.scope == .workFolder, "packs are extracted into a working folder of ours")
        top = try owned.place.handle(create: true)!
    }

    public func makeFolder(_ relative: String) throws(FileError) {
        _ = try folder(relative.split(separator: "/").map(String.init), create: true)
    }

    public func createFile(_ relative: String) throws(FileError) -> Int32 {
        var components = relative.split(separator: "/").map(String.init)
        guard let name = components.popLast(), Place.isPlainName(name) else {
            throw FileError(path: top.path + "/" + relative, operation: "create", code: EINVAL)
        }
        let parent = try folder(components, create: true)
        return try parent.openFile(name, flags: O_WRONLY | O_CREAT | O_EXCL)
    }

    private func folder(_ components: [String], create: Bool) throws(FileError) -> DirectoryHandle {
        var handle = top
        var key = ""
        for component in components {
            guard Place.isPlainName(component) else {
                throw FileError(path: top.path + "/" + components.joined(separator: "/"), operation: "create", code: EINVAL)
            }
            key += "/" + component
            if let known = folders[key] {
                handle = known
                continue
            }
            guard let next = try handle.folder(component, create: create) else {
                throw FileError(path: handle.path + "/" + component, operation: "open the folder", code: ENOENT)
            }
            // Handles are kept for the folders of the pack (hundreds), not without limit.
            if folders.count < 512 { folders[key] = next }
            handle = next
        }
        return handle
    }
}
