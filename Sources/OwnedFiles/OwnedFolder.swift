import CMSISPack
import Foundation

/// A folder pack-manager may write and delete in: it carries the marker file
/// `.cmsis-pack-manager`, written when the folder was first used, which
/// names the roles it is used for (data, index, mirror, parts, site).
///
/// Ownership comes from the marker only. A folder is claimed when it does
/// not exist yet (it is created), is empty, carries the marker, or is one of
/// two layouts recognised as a whole (`FolderAdoption`): a cache the
/// reference (cmsis-pack-manager 0.6.0, which writes no marker) left, and a
/// catalogue an earlier version wrote. Anything else is refused with an
/// error naming the folder, what in it is not ours, and what to do; so are
/// `/`, the home folder and folders that contain the default cache
/// (`ProtectedFolders`). File names alone never make a folder ours.
///
/// ```swift
/// let folder = try OwnedFolder.claim(locations.dataPath, for: .data)!
/// let lock = try folder.lock()
/// ```
public struct OwnedFolder: Sendable {
    public let folder: ClaimedFolder
    public let roles: Set<FolderRole>

    public var path: String { folder.path }

    /// Makes `path` ours for `role`, creating it unless `create` is false
    /// (then nil when it does not exist).
    @discardableResult
    public static func claim(_ path: String, for role: FolderRole, create: Bool = true,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws(FolderError) -> OwnedFolder? {
        let path = URL(fileURLWithPath: path).standardizedFileURL.path
        try ProtectedFolders.check(path, as: role.title, environment: environment)
        let claimed = ClaimedFolder(path: path, proof: "\(FolderLayout.markerName) in \(path)")
        guard let info = FileStat(path) else {
            guard create else { return nil }
            do { try OwnedFolderPaths.createUserFolder(path) } catch { throw .file(error) }
            return try OwnedFolder(folder: claimed, roles: [role]).writingMarker()
        }
        guard info.isDirectory else {
            throw .notOwned(path: path, reason: "cannot use it as \(role.title): it is not a folder")
        }
        let top: DirectoryHandle
        do { top = try DirectoryHandle.root(path) } catch { throw .file(error) }
        let marked = readMarker(top)
        if let marked, marked.contains(role) { return OwnedFolder(folder: claimed, roles: marked) }
        let wanted = (marked ?? []).union([role])
        let contents = try scan(top, root: claimed, roles: wanted)
        // New to us: empty, or holding only what the user prepared for us (a
        // vendors.list, pack files to index beside the index), which
        // pack-manager reads and never deletes once edited.
        let onlyTolerated = contents.ours.allSatisfy { [FolderLayout.vendorListName, FolderLayout.lockName].contains($0.place.name) }
            && contents.layoutFolders.isEmpty && contents.foreign.isEmpty
        if marked != nil || contents.isEmpty || onlyTolerated {
            // A folder of ours taking a second role must hold only names of both layouts.
            guard contents.foreign.isEmpty else {
                throw refusal(path, role: role, marked: marked, foreign: contents.foreign)
            }
            return try OwnedFolder(folder: claimed, roles: wanted).writingMarker()
        }
        if let adopted = FolderAdoption.recognise(top, role: role, contents: contents) {
            return try OwnedFolder(folder: ClaimedFolder(path: path, proof: adopted), roles: wanted).writingMarker()
        }
        throw refusal(path, role: role, marked: nil, foreign: contents.foreign.isEmpty ? contents.allNames : contents.foreign)
    }

    /// Waits for the folder's lock (another pack-manager using it).
    public func lock(timeout: Double? = nil, onWait: (() -> Void)? = nil) throws(FolderError) -> DirectoryLock {
        try DirectoryLock(folder: folder, timeout: timeout, onWait: onWait)
    }

    /// A place inside the folder (absolute path inside it, or relative).
    public func place(_ path: String) throws(FileError) -> Place { try folder.place(path) }

    /// A top-level entry that is a name of this folder's layout.
    public func entry(_ name: String) -> OwnedPath? {
        guard let place = try? folder.top.child(name) else { return nil }
        let isDirectory = place.info()?.isDirectory ?? false
        guard FolderLayout.match(name, isDirectory: isDirectory, roles: roles) == .ours else { return nil }
        return OwnedPath(place, proof: "a name of \(FolderLayout.markerName)'s layout in \(path)")
    }

    /// A page of the catalogue (`index.html`, `packs/x.html`…), in a folder
    /// used as a site: a file there, never a folder.
    public func sitePage(_ relative: String) -> OwnedPath? {
        guard roles.contains(.site), FolderLayout.isSitePagePath(relative), let place = try? folder.place(relative),
              place.info()?.isFile == true else { return nil }
        return OwnedPath(place, proof: "a catalogue page in \(path), a folder pack-manager uses as a site")
    }

    /// `<folder>/.cpm`: our working files, all of them ours.
    public var workFolder: OwnedPath {
        OwnedPath(try! folder.top.child(FolderLayout.workName), proof: "pack-manager's working folder in \(path)", scope: .workFolder)
    }

    /// The marker, the lock and the folder itself, for `cache clean` once
    /// nothing else is left.
    public var marker: OwnedPath { OwnedPath(try! folder.top.child(FolderLayout.markerName), proof: "pack-manager's marker") }
    public var lockFile: OwnedPath { OwnedPath(try! folder.top.child(FolderLayout.lockName), proof: "pack-manager's lock file") }
    public var wholeFolder: OwnedPath { OwnedPath(folder.top, proof: "a folder pack-manager made its own, now empty") }

    // MARK: The marker

    static func readMarker(_ top: DirectoryHandle) -> Set<FolderRole>? {
        // Only a regular file counts: a link named like the marker proves nothing.
        guard top.info(FolderLayout.markerName)?.isFile == true,
              let descriptor = try? top.openFile(FolderLayout.markerName, flags: O_RDONLY | O_NONBLOCK) else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
        guard count > 0 else { return [] }
        let text = String(decoding: bytes.prefix(count), as: UTF8.self)
        var roles = Set<FolderRole>()
        for line in text.split(separator: "\n") where line.hasPrefix("roles:") {
            for word in line.dropFirst(6).split(separator: " ") {
                if let role = FolderRole(rawValue: String(word)) { roles.insert(role) }
            }
        }
        return roles
    }

    private func writingMarker() throws(FolderError) -> OwnedFolder {
        let text = """
            This folder belongs to pack-manager (cmsis-pack-manager). pack-manager deletes
            only inside folders that hold this file, and only the names of its own layout
            (see "What pack-manager may delete" in its README).
            roles: \(roles.map(\.rawValue).sorted().joined(separator: " "))

            """
        do { try folder.top.child(FolderLayout.markerName).write(Array(text.utf8)) } catch { throw .file(error) }
        return self
    }

    private static func refusal(_ path: String, role: FolderRole, marked: Set<FolderRole>?, foreign: [String]) -> FolderError {
        let listed = foreign.prefix(3).joined(separator: ", ") + (foreign.count > 3 ? ", …" : "")
        let whose = marked.map { "pack-manager uses it as \($0.map(\.title).sorted().joined(separator: " and "))" }
            ?? "it is not a pack-manager folder (it has no \(FolderLayout.markerName) file)"
        let advice = marked == nil ? FolderAdoption.advice(for: role) : "name a new or empty folder"
        return .notOwned(path: path, reason: "refusing to use it as \(role.title): \(whose) and it holds \(listed), "
            + "which \(foreign.count == 1 ? "is" : "are") not part of that layout; \(advice)")
    }

    // MARK: What the folder holds

    /// The folder's contents sorted by ownership: what is ours (files, and
    /// folders ours as a whole), the layout's folders that may be removed when
    /// empty (deepest first), and what is not ours (relative paths).
    public struct Contents: Sendable {
        public var ours: [OwnedPath] = []
        public var layoutFolders: [OwnedPath] = []
        public var foreign: [String] = []
        /// Descriptions and packs pack-manager reads but never deletes.
        public var tolerated: [String] = []
        /// Every top-level name.
        public var allNames: [String] = []
        var isEmpty: Bool { allNames.isEmpty }
    }

    public func contents() throws(FolderError) -> Contents {
        let top: DirectoryHandle
        do { top = try DirectoryHandle.root(path) } catch { throw .file(error) }
        return try Self.scan(top, root: folder, roles: roles)
    }

    /// Walks the layout's folders through open handles, without recursion
    /// and without following links; entries not in the layout are listed,
    /// not entered.
    private static func scan(_ top: DirectoryHandle, root: ClaimedFolder, roles: Set<FolderRole>) throws(FolderError) -> Contents {
        var contents = Contents()
        let proof = "a name of pack-manager's layout in \(root.path)"
        var pending: [(handle: DirectoryHandle, place: Place, depth: Int)] = [(top, root.top, 0)]
        var folders: [OwnedPath] = []
        while let (handle, place, depth) = pending.popLast() {
            let names: [String]
            do { names = try handle.names() } catch { throw .file(error) }
            if depth == 0 { contents.allNames = names }
            for name in names {
                guard let child = try? place.child(name) else { continue }
                let relative = child.components.joined(separator: "/")
                let isDirectory = handle.kind(of: name) == .directory
                let match = depth == 0
                    ? FolderLayout.match(name, isDirectory: isDirectory, roles: roles)
                    : FolderLayout.matchInside(name, isDirectory: isDirectory, depth: depth, roles: roles)
                switch match {
                case .ours: contents.ours.append(OwnedPath(child, proof: proof))
                case .folder:
                    folders.append(OwnedPath(child, proof: proof))
                    do {
                        if let opened = try handle.folder(name, create: false) { pending.append((opened, child, depth + 1)) }
                    } catch { throw .file(error) }
                case .tolerated: contents.tolerated.append(relative)
                case .foreign: contents.foreign.append(relative)
                }
            }
        }
        contents.layoutFolders = folders.sorted { $0.path.count > $1.path.count }
        contents.foreign.sort()
        contents.tolerated.sort()
        return contents
    }
}
