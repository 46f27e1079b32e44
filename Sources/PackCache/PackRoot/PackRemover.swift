import CMSISPack
import Foundation

/// Removes installed pack versions (all of a pack, or those a version
/// requirement names), and local registrations. With `purge`, the
/// downloaded archive, description and checksum of each removed version
/// go too, and the pack's `.Local` description when no version is left.
/// The caller holds the root's lock.
public struct PackRemover: Sendable {
    public let layout: PackRootLayout

    public init(layout: PackRootLayout) { self.layout = layout }

    public struct Report: Sendable {
        public var removed: [PackReference] = []
        public var unregistered: [PackFamily] = []
        public var purgedFiles: [String] = []
    }

    public func remove(_ specifier: PackSpecifier, purge: Bool) throws(CacheError) -> Report {
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
                throw .install(subject: path, reason: "not a description file name (<Vendor>.<Name>.pdsc)")
            }
            family = parsed.family
        case .archiveFile(let path), .archiveURL(let path):
            guard let reference = try? PackNaming.parsePackFileName((path as NSString).lastPathComponent) else {
                throw .install(subject: path, reason: "name the pack to remove (Vendor::Name[@version])")
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
            let path = layout.installPath(installed.reference)
            do { try ReadOnlyTree.remove(path) } catch {
                throw .filesystem(path: path, reason: "cannot remove the pack: \(error.localizedDescription)")
            }
            report.removed.append(installed.reference)
            if purge {
                for file in [layout.downloadedPackPath(installed.reference), layout.downloadedDescriptionPath(installed.reference),
                             layout.checksumPath(installed.reference)] where FileManager.default.fileExists(atPath: file) {
                    try? FileManager.default.removeItem(atPath: file)
                    report.purgedFiles.append(file)
                }
            }
        }
        let left = inventory.installed().contains { $0.reference.family == family }
        if !left {
            // Empty <Vendor>/<Name> and <Vendor> folders go with the last version.
            let familyPath = layout.familyPath(family)
            if (try? FileManager.default.contentsOfDirectory(atPath: familyPath))?.isEmpty == true { rmdir(familyPath) }
            let vendorPath = layout.root + "/" + family.vendor
            if (try? FileManager.default.contentsOfDirectory(atPath: vendorPath))?.isEmpty == true { rmdir(vendorPath) }
            if requirement == .latest, try LocalRepository(layout: layout).unregister(family) {
                report.unregistered.append(family)
            }
            if purge, FileManager.default.fileExists(atPath: layout.localDescriptionPath(family)) {
                try? FileManager.default.removeItem(atPath: layout.localDescriptionPath(family))
                report.purgedFiles.append(layout.localDescriptionPath(family))
            }
        }
        if report.removed.isEmpty && report.unregistered.isEmpty {
            throw .notInstalled(specifier.description)
        }
        return report
    }
}
