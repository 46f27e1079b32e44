import CMSISPack
import Foundation

/// A place pack-manager has proven it may delete, with the proof. Only the
/// ownership checks of this module make one (`OwnedFolder`, `PackRootFolder`,
/// `TemporaryFolder`, the catalogue's manifest), and only an owned path can
/// be removed or moved away, so the compiler keeps every deletion behind
/// one of them.
///
/// ```swift
/// let folder = try OwnedFolder.claim(dataPath, for: .data)!
/// if let leftover = folder.entry(".index.json.tmp-Ab12Cd") { try leftover.remove() }
/// ```
public struct OwnedPath: Sendable, Hashable, CustomStringConvertible {
    public enum Scope: Sendable, Hashable {
        /// This path only (a file, or a folder removed with what is in it
        /// because the whole of it is ours, such as an installed pack).
        case entry
        /// A working folder of ours: it and everything inside it.
        case workFolder
    }

    public let place: Place
    /// How ownership was proven, for messages and tests.
    public let proof: String
    public let scope: Scope

    init(_ place: Place, proof: String, scope: Scope = .entry) {
        self.place = place
        self.proof = proof
        self.scope = scope
    }

    public var path: String { place.path }
    public var description: String { place.path }

    /// Something inside a working folder: one plain name (no `/`, `.` or `..`).
    public func inside(_ name: String) -> OwnedPath? {
        guard scope == .workFolder, let child = try? place.child(name) else { return nil }
        return OwnedPath(child, proof: proof, scope: .workFolder)
    }

    /// Removes the file, link or folder (with everything in it); a link is
    /// removed itself, never followed. False when nothing was there.
    @discardableResult
    public func remove() throws(FileError) -> Bool {
        guard let (parent, name) = try place.parentHandle(create: false) else { return false }
        return try TreeWalk.remove(name, in: parent)
    }

    /// Removes the folder only when it is empty; true when it went.
    @discardableResult
    public func removeIfEmpty() -> Bool {
        guard let (parent, name) = try? place.parentHandle(create: false),
              parent.kind(of: name) == .directory else { return false }
        return unlinkat(parent.descriptor, name, AT_REMOVEDIR) == 0
    }

    /// Renames it to `destination` in one step (replacing a file there),
    /// creating the destination's folder first.
    /// A file on another file system (a temporary folder elsewhere) is
    /// copied there atomically, then removed here.
    public func move(to destination: Place) throws(FileError) {
        guard let (from, name) = try place.parentHandle(create: false) else {
            throw FileError(path: path, operation: "move", code: ENOENT)
        }
        let (to, newName) = try destination.parentHandle(create: true)!
        do { try from.rename(name, to: to, as: newName) } catch {
            guard error.code == EXDEV, from.kind(of: name) == .file else { throw error }
            try destination.copy(fromFile: name, in: from)
            try from.unlink(name)
        }
    }

    /// A working folder made new: created when missing; emptied when it is
    /// there; replaced when a file or link stands in its place (the name is
    /// ours, what a link points to is never touched).
    public func resetWorkFolder() throws(FileError) {
        precondition(scope == .workFolder, "only a working folder is emptied as a whole")
        guard let (parent, name) = try place.parentHandle(create: true) else { return }
        switch parent.kind(of: name) {
        case .directory?:
            guard let folder = try parent.folder(name, create: false) else { return }
            for child in try folder.names() { _ = try TreeWalk.remove(child, in: folder) }
        case nil:
            break
        default:
            try parent.unlink(name)
        }
        _ = try parent.folder(name, create: true)
    }

    /// A working folder that exists as a real folder (a file or link in its
    /// place is removed first), keeping what it holds.
    public func ensureWorkFolder() throws(FileError) {
        precondition(scope == .workFolder, "only a working folder is replaced when it is not a folder")
        guard let (parent, name) = try place.parentHandle(create: true) else { return }
        if let kind = parent.kind(of: name), kind != .directory { try parent.unlink(name) }
        _ = try parent.folder(name, create: true)
    }
}
