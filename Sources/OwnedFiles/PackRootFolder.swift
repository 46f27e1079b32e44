import CMSISPack
import Foundation

/// A CMSIS pack root claimed for writing, and what pack-manager may delete
/// in it. A root may have been made by cpackget or Keil's Pack Installer, so
/// it is recognised by pack-manager's marker or by the layout those tools
/// write (`.Web/`, `.Download/`, `.Local/` or `pack.idx` at its top); a new
/// or empty folder becomes a root. A folder of other files is refused.
///
/// What may be deleted is proven by the layout itself, name by name:
///
/// - `<root>/<Vendor>/<Name>/<version>/`, only when it is a real folder (no
///   link on the way) holding that pack's `<Vendor>.<Name>.pdsc`, and then the
///   `<Vendor>/<Name>/` and `<Vendor>/` folders when they are left empty;
/// - `.Download/<Vendor>.<Name>.<version>.pack`, `.pdsc` and `.sha256.checksum`;
/// - `.Web/<Vendor>.<Name>.pdsc` and `.Local/<Vendor>.<Name>.pdsc`;
/// - our own working folders `.Download/.partial/`, `.Download/.staging/` and
///   `.Web/.cpm/`, and temporary files of our atomic writes (`.<name>.tmp-XXXXXX`).
///
/// A root that is `/`, the home folder, or contains the default cache or
/// pack root is refused before anything is touched.
///
/// ```swift
/// let root = try PackRootFolder.claim(layout, create: true)!
/// let lock = try root.lock()
/// ```
public struct PackRootFolder: Sendable {
    public let layout: PackRootLayout
    public let folder: ClaimedFolder

    /// The root as a place to write in; nil when it does not exist and
    /// `create` is false.
    public static func claim(_ layout: PackRootLayout, create: Bool,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws(FolderError) -> PackRootFolder? {
        let path = layout.root
        try ProtectedFolders.check(path, as: "the pack root", environment: environment)
        guard let info = FileStat(path) else {
            guard create else { return nil }
            do { try OwnedFolderPaths.createUserFolder(path) } catch { throw .file(error) }
            return PackRootFolder(layout: layout, folder: ClaimedFolder(path: path, proof: "a new pack root"))
        }
        guard info.isDirectory else {
            throw .notOwned(path: path, reason: "cannot use it as the pack root: it is not a folder")
        }
        let top: DirectoryHandle
        let names: [String]
        do {
            top = try DirectoryHandle.root(path)
            names = try top.names()
        } catch { throw .file(error) }
        if names.isEmpty || names == [FolderLayout.lockName] {
            return PackRootFolder(layout: layout, folder: ClaimedFolder(path: path, proof: "an empty folder made a pack root"))
        }
        if let evidence = recognise(top) {
            return PackRootFolder(layout: layout, folder: ClaimedFolder(path: path, proof: "a pack root (\(evidence))"))
        }
        let listed = names.prefix(3).joined(separator: ", ") + (names.count > 3 ? ", …" : "")
        throw .notOwned(path: path, reason: "refusing to use it as the pack root: it holds \(listed) and none of a pack root's "
            + "folders (.Web, .Download, .Local) or pack.idx; name a new or empty folder, or the pack root cpackget uses ($CMSIS_PACK_ROOT)")
    }

    /// What shows the folder is a pack root, or nil.
    static func recognise(_ top: DirectoryHandle) -> String? {
        if top.info(FolderLayout.markerName)?.isFile == true { return FolderLayout.markerName }
        for name in [".Web", ".Download", ".Local"] where top.kind(of: name) == .directory { return name + "/" }
        if top.info("pack.idx")?.isFile == true { return "pack.idx" }
        return nil
    }

    public var root: String { layout.root }

    /// The root's lock.
    public func lock(timeout: Double? = nil, onWait: (() -> Void)? = nil) throws(FolderError) -> DirectoryLock {
        try DirectoryLock(folder: folder, timeout: timeout, onWait: onWait)
    }

    /// A place inside the root (absolute path inside it, or relative).
    public func place(_ path: String) throws(FileError) -> Place { try folder.place(path) }

    /// An installed version, when the layout proves it is one; nil when it is
    /// not there; an error saying why when something else stands there.
    public func installedPack(_ reference: PackReference) throws(FolderError) -> OwnedPath? {
        let reference = reference.withoutBuildMetadata
        var place = folder.top
        for component in [reference.vendor, reference.name, reference.version] {
            do { place = try place.child(component) } catch { throw .file(error) }
            guard let info = place.info() else { return nil }
            guard info.isDirectory else {
                throw .notOwned(path: place.path, reason: "not removed: it is a \(info.kind == .link ? "link" : "file"), not a pack folder")
            }
        }
        let description = try? place.child(reference.family.pdscFileName)
        guard description?.info()?.isFile == true else {
            throw .notOwned(path: place.path, reason: "not removed: it does not hold \(reference.family.pdscFileName), so it is not an installed pack")
        }
        return OwnedPath(place, proof: "an installed pack (its folder holds \(reference.family.pdscFileName))")
    }

    /// `<Vendor>/<Name>/` or `<Vendor>/`, to be removed only when empty.
    public func layoutFolder(vendor: String, name: String? = nil) -> OwnedPath? {
        guard let place = try? folder.place(vendor + (name.map { "/" + $0 } ?? "")) else { return nil }
        return OwnedPath(place, proof: "a vendor or pack folder of the pack root")
    }

    public func downloadedPack(_ reference: PackReference) -> OwnedPath? {
        owned(layout.downloadedPackPath(reference), "a downloaded pack in .Download")
    }

    public func downloadedDescription(_ reference: PackReference) -> OwnedPath? {
        owned(layout.downloadedDescriptionPath(reference), "a downloaded description in .Download")
    }

    public func downloadedChecksum(_ reference: PackReference) -> OwnedPath? {
        owned(layout.checksumPath(reference), "a checksum file in .Download")
    }

    public func localDescription(_ family: PackFamily) -> OwnedPath? {
        owned(layout.localDescriptionPath(family), "a description in .Local")
    }

    /// `.Web/<Vendor>.<Name>.pdsc`, for a name of that form only.
    public func webDescription(fileName: String) -> OwnedPath? {
        guard let parsed = try? PackNaming.parsePDSCFileName(fileName), parsed.version == nil,
              fileName == parsed.family.pdscFileName else { return nil }
        return owned(layout.webPath + "/" + fileName, "a description in .Web")
    }

    /// `.<name>.tmp-XXXXXX` in `.Web`, `.Download` or `.Local`: a file an
    /// atomic write of ours had not renamed yet when the run was killed.
    public func atomicLeftover(in folder: String, name: String) -> OwnedPath? {
        guard [layout.webPath, layout.downloadPath, layout.localPath].contains(folder), FolderLayout.isAtomicLeftover(name),
              Place.isPlainName(name) else { return nil }
        return owned(folder + "/" + name, "a temporary file of an atomic write in the pack root")
    }

    /// `.Download/.staging/`: packs being extracted; all of it ours.
    public var stagingFolder: OwnedPath {
        OwnedPath(try! folder.place(layout.stagingPath), proof: "pack-manager's staging folder in .Download", scope: .workFolder)
    }

    /// `.Download/.partial/`: pack downloads not finished yet; all of it ours.
    public var partialFolder: OwnedPath {
        OwnedPath(try! folder.place(layout.partialPath), proof: "pack-manager's partial downloads in .Download", scope: .workFolder)
    }

    /// `.Web/` as a store: descriptions, with our working folder `.Web/.cpm/`.
    public var webStore: StoreFolder {
        let web = try! folder.place(layout.webPath)
        return StoreFolder(base: web, work: OwnedPath(try! web.child(FolderLayout.workName), proof: "pack-manager's working folder in .Web", scope: .workFolder),
                           leftover: { name in atomicLeftover(in: layout.webPath, name: name) })
    }

    private func owned(_ path: String, _ proof: String) -> OwnedPath? {
        guard let place = try? folder.place(path) else { return nil }
        return OwnedPath(place, proof: proof)
    }
}
