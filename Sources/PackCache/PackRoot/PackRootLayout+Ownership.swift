import CMSISPack
import Foundation

/// What pack-manager may delete in a pack root. The root may have been made
/// by cpackget or Keil's Pack Installer, so it carries no marker of ours:
/// ownership is proven by the layout itself, and nothing outside these
/// names is ever deleted:
///
/// - `<root>/<Vendor>/<Name>/<version>/`, only when it is a real folder (no
///   link on the way) holding that pack's `<Vendor>.<Name>.pdsc`, and then the
///   `<Vendor>/<Name>/` and `<Vendor>/` folders when they are left empty;
/// - `.Download/<Vendor>.<Name>.<version>.pack`, `.pdsc` and `.sha256.checksum`;
/// - `.Web/<Vendor>.<Name>.pdsc` and `.Local/<Vendor>.<Name>.pdsc`;
/// - our own working folders `.Download/.partial/`, `.Download/.staging/` and `.Web/.cpm/`,
///   and temporary files of our atomic writes (`.<name>.tmp-XXXXXX`).
///
/// A root that is `/`, the home folder, or contains the default cache or
/// pack root is refused before anything is touched.
extension PackRootLayout {
    /// Refuses a root pack-manager must never write or delete in.
    public func checkUsable(environment: [String: String] = ProcessInfo.processInfo.environment) throws(CacheError) {
        try ProtectedFolders.check(root, as: "the pack root", environment: environment)
    }

    /// The root's lock (created with the root), after `checkUsable`.
    public func lock(timeout: Double? = nil, onWait: (() -> Void)? = nil) throws(CacheError) -> DirectoryLock {
        try checkUsable()
        return try DirectoryLock(directory: root, timeout: timeout, onWait: onWait)
    }

    /// An installed version, when the layout proves it is one; else why not.
    func installedPack(_ reference: PackReference) -> Result<OwnedPath, CacheError> {
        let path = installPath(reference)
        var folder = root
        for component in [reference.vendor, reference.name, reference.version] {
            folder += "/" + component
            guard let info = FileStat(folder, followingLinks: false) else { return .failure(.notInstalled(reference.packID)) }
            guard info.isDirectory else {
                return .failure(.notOwned(path: folder, reason: "not removed: it is a \(info.kind == .link ? "link" : "file"), not a pack folder"))
            }
        }
        guard FileStat(installedDescriptionPath(reference), followingLinks: false)?.isFile == true else {
            return .failure(.notOwned(path: path, reason: "not removed: it does not hold \(reference.family.pdscFileName), so it is not an installed pack"))
        }
        return .success(OwnedPath(path, proof: "an installed pack (its folder holds \(reference.family.pdscFileName))"))
    }

    /// `<Vendor>/<Name>/` or `<Vendor>/`, to be removed only when empty.
    func layoutFolder(vendor: String, name: String? = nil) -> OwnedPath {
        OwnedPath(root + "/" + vendor + (name.map { "/" + $0 } ?? ""), proof: "a vendor or pack folder of the pack root")
    }

    func downloadedPack(_ reference: PackReference) -> OwnedPath {
        OwnedPath(downloadedPackPath(reference), proof: "a downloaded pack in .Download")
    }

    func downloadedDescription(_ reference: PackReference) -> OwnedPath {
        OwnedPath(downloadedDescriptionPath(reference), proof: "a downloaded description in .Download")
    }

    func downloadedChecksum(_ reference: PackReference) -> OwnedPath {
        OwnedPath(checksumPath(reference), proof: "a checksum file in .Download")
    }

    func localDescription(_ family: PackFamily) -> OwnedPath {
        OwnedPath(localDescriptionPath(family), proof: "a description in .Local")
    }

    /// `.Web/<Vendor>.<Name>.pdsc`, for a name of that form only.
    func webDescription(fileName: String) -> OwnedPath? {
        guard let parsed = try? PackNaming.parsePDSCFileName(fileName), parsed.version == nil,
              fileName == parsed.family.pdscFileName else { return nil }
        return OwnedPath(webPath + "/" + fileName, proof: "a description in .Web")
    }

    /// `.<name>.tmp-XXXXXX` in `.Web`, `.Download` or `.Local`: a file an
    /// atomic write of ours had not renamed yet when the run was killed.
    func atomicLeftover(in folder: String, name: String) -> OwnedPath? {
        guard [webPath, downloadPath, localPath].contains(folder), FolderLayout.isAtomicLeftover(name),
              OwnedPath.isPlainName(name) else { return nil }
        return OwnedPath(folder + "/" + name, proof: "a temporary file of an atomic write in the pack root")
    }

    /// `.Web/`, where `update-index` keeps the index and descriptions (its
    /// `.cpm/` and leftovers of atomic writes are ours).
    var webFolder: OwnedPath { OwnedPath(webPath, proof: "the pack root's .Web") }

    var stagingFolder: OwnedPath { OwnedPath(stagingPath, proof: "pack-manager's staging folder in .Download", scope: .workFolder) }
    var partialFolder: OwnedPath { OwnedPath(partialPath, proof: "pack-manager's partial downloads in .Download", scope: .workFolder) }
}
