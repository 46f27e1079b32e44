import CMSISPack
import OwnedFiles
import Foundation

/// Removes installed pack versions (all of a pack, or those a version
/// requirement names), and local registrations. With `purge`, the
/// downloaded archive, description and checksum of each removed version
/// go too, and the pack's `.Local` description when no version is left.
/// Only what the root's layout proves is a pack's is deleted
/// (`PackRootFolder`); a purged file is reported only when it really went.
/// The caller holds the root's lock.
public struct PackRemover: Sendable {
    public let root: PackRootFolder
    public var layout: PackRootLayout { root.layout }

    public init(root: PackRootFolder) { self.root = root }

    public struct Report: Sendable {
        public var removed: [PackReference] = []
        public var unregistered: [PackFamily] = []
        public var purgedFiles: [String] = []
        /// Files that could not be deleted, with the reason.
        public var failures: [String] = []
    }

    public func remove(_ specifier: PackSpecifier, purge: Bool) throws(CacheError) -> Report {
        // A registration file that cannot be read stops everything first
        // (as cpackget does): it is reported, and nothing changes until it is repaired.
        _ = try LocalRepository(layout: layout).entries()
        var report = Report()
        let inventory = PackRootInventory(layout: layout)
        let family: PackFamily
        var requirement = VersionRequirement.latest
        switch specifier {
        case .named(let named, let wanted):
            family = named
            requirement = wanted
        case .descriptionFile(let path):
            guard let parsed = try? PackNaming.parsePDSCFileName((path as NSString).lastPathComponent) else {
                throw .install(.notAPackName(path, expected: "not a description file name (<Vendor>.<Name>.pdsc)"))
            }
            family = parsed.family
        case .archiveFile(let path), .archiveURL(let path):
            guard let reference = try? PackNaming.parsePackFileName((path as NSString).lastPathComponent) else {
                throw .install(.notAPackName(path, expected: "name the pack to remove (Vendor::Name[@version])"))
            }
            family = reference.family
            requirement = .exactly(reference.semanticVersion!)
        }
        // No version given: every installed version.
        let versions = inventory.installed().filter { installed in
            installed.reference.family == family
                && (requirement == .latest || installed.reference.semanticVersion.map(requirement.accepts) == true)
        }
        for installed in versions {
            // The layout proves the folder is an installed pack, or it stays.
            guard let owned = try folderStep({ () throws(FolderError) in try root.installedPack(installed.reference) }) else { continue }
            try fileStep { () throws(FileError) in _ = try owned.remove() }
            report.removed.append(installed.reference)
            if purge { purgeDownloads(of: installed.reference, into: &report) }
        }
        // With purge, the downloaded copies of every matching version go,
        // installed or only cached (as cpackget purges).
        if purge {
            for reference in inventory.downloaded() where reference.family == family
                && (requirement == .latest || reference.semanticVersion.map(requirement.accepts) == true) {
                purgeDownloads(of: reference, into: &report)
            }
        }
        let left = inventory.installed().contains { $0.reference.family == family }
        if !left {
            // Empty <Vendor>/<Name> and <Vendor> folders go with the last version.
            root.layoutFolder(vendor: family.vendor, name: family.name)?.removeIfEmpty()
            root.layoutFolder(vendor: family.vendor)?.removeIfEmpty()
            if purge, let local = root.localDescription(family) { purgeFile(local, into: &report) }
        }
        // A registered description goes when no version is named, or when the
        // version it describes now is the one named (cpackget: Vendor::Name@1.2.3).
        if let registered = inventory.registered().first(where: { $0.entry.reference.family == family }),
           requirement == .latest || registeredVersion(registered).map(requirement.accepts) == true,
           try LocalRepository(root: root).unregister(family) {
            report.unregistered.append(family)
        }
        if report.removed.isEmpty && report.unregistered.isEmpty && report.purgedFiles.isEmpty {
            throw .notInstalled(specifier.description)
        }
        return report
    }

    /// The version a registered description has now (its file may have moved on since it was registered).
    private func registeredVersion(_ registered: PackRootInventory.Registered) -> SemanticVersion? {
        let current = try? PackDescriptionReader.read(path: registered.descriptionPath).description.latestRelease?.semanticVersion
        return current ?? registered.entry.reference.semanticVersion
    }

    private func purgeDownloads(of reference: PackReference, into report: inout Report) {
        let files = [root.downloadedPack(reference), root.downloadedDescription(reference), root.downloadedChecksum(reference)]
        for file in files.compactMap({ $0 }) where !report.purgedFiles.contains(file.path) {
            purgeFile(file, into: &report)
        }
    }

    /// A purged file is reported only when it really went; a failure is reported as one.
    private func purgeFile(_ file: OwnedPath, into report: inout Report) {
        do {
            if try file.remove() { report.purgedFiles.append(file.path) }
        } catch {
            report.failures.append(error.description)
        }
    }
}
