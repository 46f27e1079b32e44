import CMSISPack
import OwnedFiles
import Foundation

extension PackInstaller {
    /// The packs that can be tried, and those that cannot be found at all,
    /// told before anything is written: a pack name the root's index does
    /// not list (or a root with no index), a file that is not there or is no
    /// pack, a description that cannot be registered. When none can be
    /// tried, the caller creates nothing: a mistyped name on a new folder
    /// leaves no half-made pack root (see docs/pack-root.md; cpackget creates
    /// the root first). Reads only.
    public static func preflight(_ specifiers: [PackSpecifier], layout: PackRootLayout) -> (ready: [PackSpecifier], failures: [UpdateReport.Failure]) {
        let inventory = PackRootInventory(layout: layout)
        var ready: [PackSpecifier] = []
        var failures: [UpdateReport.Failure] = []
        for specifier in specifiers {
            do throws(CacheError) {
                try check(specifier, layout: layout, inventory: inventory)
                ready.append(specifier)
            } catch {
                failures.append(failure(specifier, error, isDependency: false))
            }
        }
        return (ready, failures)
    }

    private static func check(_ specifier: PackSpecifier, layout: PackRootLayout, inventory: PackRootInventory) throws(CacheError) {
        switch specifier {
        case .named(let family, _):
            // Anything the root knows of the pack is left to the installer (versions, registrations, what is installed).
            let known = inventory.publicIndex()[family] != nil || !inventory.availableVersions(of: family, entry: nil).isEmpty
                || inventory.registered().contains { $0.entry.reference.family == family }
                || inventory.installed().contains { $0.reference.family == family }
            if !known { throw .install(notInIndex(family, layout: layout, inventory: inventory)) }
        case .archiveFile(let path):
            _ = try archiveReference(localFile: path, url: nil)
        case .archiveURL(let url):
            _ = try archiveReference(localFile: FetchURL.localPath(url), url: url)
        case .descriptionFile(let path):
            _ = try LocalRepository.registration(of: path)
        }
    }

    /// A failure as the report lists it: the pack as asked for, and the reason
    /// (without the pack's name again when the error starts with it).
    static func failure(_ specifier: PackSpecifier, _ error: CacheError, isDependency: Bool) -> UpdateReport.Failure {
        let subject = isDependency ? "\(specifier) (a dependency)" : specifier.description
        var reason = error.description
        if reason.hasPrefix(specifier.description + ": ") { reason.removeFirst(specifier.description.count + 2) }
        return .init(subject: subject, reason: reason)
    }

    /// Which pack an archive file or URL holds: by its name
    /// (`Vendor.Name.version.pack`, or `.zip`), else, for a local file, by the
    /// description inside.
    static func archiveReference(localFile: String?, url: String?) throws(CacheError) -> PackReference {
        let name = ((localFile ?? url ?? "") as NSString).lastPathComponent
        if let localFile, !FileManager.default.fileExists(atPath: localFile) {
            throw .install(.noSuchFile(localFile))
        }
        do {
            var fileName = name
            if fileName.lowercased().hasSuffix(".zip") { fileName = String(fileName.dropLast(4)) + ".pack" }
            return try PackNaming.parsePackFileName(fileName)
        } catch {
            guard let localFile else {
                throw .install(.notAPackURL(url ?? name))
            }
            // A local file named otherwise: the description inside says which pack it is.
            guard let found = (try? PackArchive(path: localFile).readDescription())?.description.reference else {
                throw .install(.notAPack(file: localFile))
            }
            return found
        }
    }
}
