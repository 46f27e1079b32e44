/// A path pack-manager has proven it may delete, with the proof.
///
/// Only the ownership checks make these (`OwnedFolder`, the pack root's
/// layout, `TemporaryFolder`), and `FileOps.remove` takes nothing else, so
/// every deletion goes through one of them:
///
/// ```swift
/// let folder = try OwnedFolder.claim(dataPath, for: .data)
/// if let leftover = folder.entry(".index.json.tmp-Ab12Cd") { _ = try FileOps.remove(leftover) }
/// ```
public struct OwnedPath: Sendable, Hashable, CustomStringConvertible {
    public enum Scope: Sendable, Hashable {
        /// This path only (a file, or a folder removed with what is in it
        /// because the whole of it is ours, such as an installed pack).
        case entry
        /// A working folder of ours: it and everything inside it.
        case workFolder
    }

    public let path: String
    /// How ownership was proven, for messages and tests.
    public let proof: String
    public let scope: Scope

    init(_ path: String, proof: String, scope: Scope = .entry) {
        self.path = path
        self.proof = proof
        self.scope = scope
    }

    /// Something inside a working folder: one plain name (no `/`, `.` or `..`).
    public func inside(_ name: String) -> OwnedPath? {
        guard scope == .workFolder, OwnedPath.isPlainName(name) else { return nil }
        return OwnedPath(path + "/" + name, proof: proof, scope: .workFolder)
    }

    public var description: String { path }

    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\0")
    }
}
