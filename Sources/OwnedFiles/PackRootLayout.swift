import CMSISPack
import Foundation

/// A CMSIS pack root, laid out as Keil's Pack Installer and cpackget lay it
/// out, so each tool reads what the others write:
///
///     <root>/.Web/index.pidx                   the public index
///     <root>/.Web/<Vendor>.<Name>.pdsc         descriptions of public packs
///     <root>/.Download/<Vendor>.<Name>.<version>.pack and .pdsc   downloaded copies
///     <root>/.Local/local_repository.pidx      descriptions registered from local folders
///     <root>/.Local/<Vendor>.<Name>.pdsc       descriptions of installed packs that are not public
///     <root>/<Vendor>/<Name>/<version>/        installed packs (read-only)
///     <root>/pack.idx                          touched on every change, for tools that watch the root
///     <root>/.Web/cache.pidx                   cpackget's list of the descriptions in .Web
///
/// Versions name folders and files without their build metadata
/// (`1.2.3+meta` installs into `1.2.3/`), as cpackget and CMSIS-Toolbox expect.
///
/// Our own working files are hidden inside those folders: `.Web/.cpm/`
/// (HTTP validators, index copies) and `.Download/.partial/`, `.Download/.staging/`.
public struct PackRootLayout: Sendable, Equatable {
    public let root: String

    public init(root: String) {
        self.root = URL(fileURLWithPath: root).standardizedFileURL.path
    }

    /// `--pack-root`, else `CMSIS_PACK_ROOT`, else the platform default
    /// (`$XDG_CACHE_HOME/arm/packs`, or `~/.cache/arm/packs`, as CMSIS-Toolbox uses).
    public init(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let explicit, !explicit.isEmpty {
            self.init(root: UserPaths.expandingTilde(explicit, environment: environment))
        } else {
            self.init(root: UserPaths.defaultPackRoot(environment: environment))
        }
    }

    public var webPath: String { root + "/.Web" }
    public var indexPath: String { webPath + "/index.pidx" }
    public var downloadPath: String { root + "/.Download" }
    public var localPath: String { root + "/.Local" }
    public var localRepositoryPath: String { localPath + "/local_repository.pidx" }
    public var workPath: String { webPath + "/.cpm" }
    public var partialPath: String { downloadPath + "/.partial" }
    public var stagingPath: String { downloadPath + "/.staging" }
    /// Where `update-index` remembers which index URL the root follows.
    public var indexSourcePath: String { workPath + "/index-url" }
    /// Touched after every change (cpackget's signal to IDEs watching the root).
    public var packIndexPath: String { root + "/pack.idx" }
    /// cpackget's record of which version each `.Web` description has.
    public var webCacheIndexPath: String { webPath + "/cache.pidx" }

    public func webDescriptionPath(_ family: PackFamily) -> String { webPath + "/" + family.pdscFileName }
    public func localDescriptionPath(_ family: PackFamily) -> String { localPath + "/" + family.pdscFileName }
    public func downloadedPackPath(_ reference: PackReference) -> String { downloadPath + "/" + reference.withoutBuildMetadata.packFileName }
    public func downloadedDescriptionPath(_ reference: PackReference) -> String { downloadPath + "/" + reference.withoutBuildMetadata.pdscFileName }
    public func checksumPath(_ reference: PackReference) -> String { downloadPath + "/" + reference.withoutBuildMetadata.checksumFileName }
    public func familyPath(_ family: PackFamily) -> String { root + "/\(family.vendor)/\(family.name)" }
    public func installPath(_ reference: PackReference) -> String {
        root + "/\(reference.vendor)/\(reference.name)/\(reference.withoutBuildMetadata.version)"
    }
    public func installedDescriptionPath(_ reference: PackReference) -> String {
        installPath(reference) + "/" + reference.family.pdscFileName
    }

    /// Whether the root has been initialised (`pack init`, or by another tool).
    public var exists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: webPath, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

extension PackReference {
    /// `1.2.3+meta` → `1.2.3`: the version that names folders and files in a pack root.
    public var withoutBuildMetadata: PackReference {
        guard let plus = version.firstIndex(of: "+") else { return self }
        return (try? PackReference(vendor: vendor, name: name, version: String(version[..<plus]))) ?? self
    }
}

extension PackReference {
    /// `<Vendor>.<Name>.<version>.sha256.checksum`: a publisher's checksum file beside the pack.
    public var checksumFileName: String { "\(vendor).\(name).\(version).sha256.checksum" }
}
