import CMSISPack
import Foundation

/// A folder pack-manager may write and delete in: it carries the marker file
/// `.cmsis-pack-manager`, written when the folder was first used, which
/// names the roles it is used for (data, index, mirror, parts).
///
/// A folder is claimed when it does not exist yet (it is created), is empty,
/// or — without the marker — holds nothing but names of the role's layout
/// (a cache the reference 0.6.0 wrote, say). Anything else is refused with an
/// error naming the folder and what in it is not ours; so are `/`, the home
/// folder and folders that contain the default cache (`ProtectedFolders`).
///
/// ```swift
/// let folder = try OwnedFolder.claim(locations.dataPath, for: .data)
/// let lock = try folder.lock()
/// ```
public struct OwnedFolder: Sendable {
    public let path: String
    public let roles: Set<FolderRole>

    /// Makes `path` ours for `role` (creating it unless `create` is false:
    /// then nil when it does not exist).
    @discardableResult
    public static func claim(_ path: String, for role: FolderRole, create: Bool = true,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws(CacheError) -> OwnedFolder? {
        let path = URL(fileURLWithPath: path).standardizedFileURL.path
        try ProtectedFolders.check(path, as: role.title, environment: environment)
        guard let info = FileStat(path) else {
            guard create else { return nil }
            do { try FileOps.createDirectory(path) } catch { throw .file(error) }
            return try OwnedFolder(path: path, roles: [role]).writingMarker()
        }
        guard info.isDirectory else {
            throw .notOwned(path: path, reason: "cannot use it as \(role.title): it is not a folder")
        }
        let marked = readMarker(path)
        if let marked, marked.contains(role) { return OwnedFolder(path: path, roles: marked) }
        let wanted = (marked ?? []).union([role])
        let foreign = try Self.foreignEntries(path, roles: wanted)
        guard foreign.isEmpty else {
            let listed = foreign.prefix(3).joined(separator: ", ") + (foreign.count > 3 ? ", …" : "")
            let whose = marked == nil
                ? "it is not a pack-manager folder (it has no \(FolderLayout.markerName) file)"
                : "pack-manager uses it as \(marked!.map(\.title).sorted().joined(separator: " and "))"
            throw .notOwned(path: path, reason: "refusing to use it as \(role.title): \(whose) and it holds \(listed), "
                + "which \(foreign.count == 1 ? "is" : "are") not part of that layout; name a new or empty folder")
        }
        return try OwnedFolder(path: path, roles: wanted).writingMarker()
    }

    /// Waits for the folder's lock (another pack-manager using it).
    public func lock(timeout: Double? = nil, onWait: (() -> Void)? = nil) throws(CacheError) -> DirectoryLock {
        try DirectoryLock(directory: path, timeout: timeout, onWait: onWait)
    }

    /// A top-level entry that is a name of this folder's layout.
    public func entry(_ name: String) -> OwnedPath? {
        guard OwnedPath.isPlainName(name) else { return nil }
        let isDirectory = FileStat(path + "/" + name, followingLinks: false)?.isDirectory ?? false
        guard FolderLayout.match(name, isDirectory: isDirectory, roles: roles) == .ours else { return nil }
        return OwnedPath(path + "/" + name, proof: "a name of \(FolderLayout.markerName)'s layout in \(path)")
    }

    /// `<folder>/.cpm`: our working files, all of them ours.
    public var workFolder: OwnedPath {
        OwnedPath(path + "/" + FolderLayout.workName, proof: "pack-manager's working folder in \(path)", scope: .workFolder)
    }

    // MARK: The marker

    var markerPath: String { path + "/" + FolderLayout.markerName }

    static func readMarker(_ folder: String) -> Set<FolderRole>? {
        guard let bytes = try? FileBytes.read(folder + "/" + FolderLayout.markerName) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        var roles = Set<FolderRole>()
        for line in text.split(separator: "\n") where line.hasPrefix("roles:") {
            for word in line.dropFirst(6).split(separator: " ") {
                if let role = FolderRole(rawValue: String(word)) { roles.insert(role) }
            }
        }
        return roles
    }

    private func writingMarker() throws(CacheError) -> OwnedFolder {
        let text = """
            This folder belongs to pack-manager (cmsis-pack-manager). pack-manager deletes
            only inside folders that hold this file, and only the names of its own layout
            (see "What pack-manager may delete" in its README).
            roles: \(roles.map(\.rawValue).sorted().joined(separator: " "))

            """
        do { try FileBytes.writeAtomically(Array(text.utf8), to: markerPath) } catch { throw .file(error) }
        return self
    }

    // MARK: What the folder holds

    /// The folder's contents sorted by ownership: what is ours (files, and
    /// folders ours as a whole), the layout's folders that may be removed when
    /// empty (deepest first), and what is not ours (relative paths).
    struct Contents {
        var ours: [OwnedPath] = []
        var layoutFolders: [OwnedPath] = []
        var foreign: [String] = []
        /// Descriptions and packs pack-manager reads but never deletes.
        var tolerated: [String] = []
    }

    func contents() throws(CacheError) -> Contents {
        try Self.scan(path, roles: roles)
    }

    static func foreignEntries(_ path: String, roles: Set<FolderRole>) throws(CacheError) -> [String] {
        try scan(path, roles: roles).foreign
    }

    /// Walks the layout's folders without recursion; entries not in the
    /// layout are listed, not entered.
    private static func scan(_ root: String, roles: Set<FolderRole>) throws(CacheError) -> Contents {
        var contents = Contents()
        let proof = "a name of pack-manager's layout in \(root)"
        var pending: [(relative: String, depth: Int)] = [("", 0)]
        var folders: [OwnedPath] = []
        while let (relative, depth) = pending.popLast() {
            let folder = relative.isEmpty ? root : root + "/" + relative
            let names: [String]
            do { names = try FileOps.entries(folder) } catch { throw .file(error) }
            for name in names {
                let childRelative = relative.isEmpty ? name : relative + "/" + name
                let isDirectory = FileStat(folder + "/" + name, followingLinks: false)?.isDirectory ?? false
                let match = depth == 0
                    ? FolderLayout.match(name, isDirectory: isDirectory, roles: roles)
                    : FolderLayout.matchInside(name, isDirectory: isDirectory, depth: depth, roles: roles)
                switch match {
                case .ours: contents.ours.append(OwnedPath(root + "/" + childRelative, proof: proof))
                case .folder:
                    folders.append(OwnedPath(root + "/" + childRelative, proof: proof))
                    pending.append((childRelative, depth + 1))
                case .tolerated: contents.tolerated.append(childRelative)
                case .foreign: contents.foreign.append(childRelative)
                }
            }
        }
        contents.layoutFolders = folders.sorted { $0.path.count > $1.path.count }
        contents.foreign.sort()
        contents.tolerated.sort()
        return contents
    }
}
