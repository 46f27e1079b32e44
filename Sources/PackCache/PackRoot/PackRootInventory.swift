import CMSISPack
import OwnedFiles
import Foundation

/// What a pack root holds: installed packs, descriptions registered from
/// local folders, downloaded archives, and the public index with its
/// descriptions. Read from the files each time, so packs installed or
/// removed by other tools are seen.
public struct PackRootInventory: Sendable {
    public let layout: PackRootLayout

    public init(layout: PackRootLayout) { self.layout = layout }

    /// An installed pack version: `<root>/<Vendor>/<Name>/<version>/<Vendor>.<Name>.pdsc`.
    public struct Installed: Sendable, Hashable {
        public let reference: PackReference
        public let descriptionPath: String
    }

    /// A description registered in `.Local/local_repository.pidx` (used in place).
    public struct Registered: Sendable, Hashable {
        public let entry: PackIndexEntry
        /// The local `.pdsc` file.
        public let descriptionPath: String
    }

    public func installed() -> [Installed] {
        let manager = FileManager.default
        var result: [Installed] = []
        for vendor in (try? manager.contentsOfDirectory(atPath: layout.root)) ?? [] where !vendor.hasPrefix(".") {
            guard (try? PackNaming.validateIdentifier(vendor, role: "vendor")) != nil else { continue }
            let vendorPath = layout.root + "/" + vendor
            for name in (try? manager.contentsOfDirectory(atPath: vendorPath)) ?? [] where !name.hasPrefix(".") {
                let namePath = vendorPath + "/" + name
                for version in (try? manager.contentsOfDirectory(atPath: namePath)) ?? [] where !version.hasPrefix(".") {
                    guard let reference = try? PackReference(vendor: vendor, name: name, version: version) else { continue }
                    let description = layout.installedDescriptionPath(reference)
                    if manager.fileExists(atPath: description) {
                        result.append(Installed(reference: reference, descriptionPath: description))
                    }
                }
            }
        }
        return result.sorted { $0.reference < $1.reference }
    }

    public func installedVersions(of family: PackFamily) -> [SemanticVersion] {
        installed().filter { $0.reference.family == family }.compactMap(\.reference.semanticVersion)
    }

    /// Why `.Local/local_repository.pidx` cannot be read, when it exists and
    /// cannot (its registrations are then left out of every listing); nil
    /// when it reads, or does not exist.
    public func registrationsProblem() -> String? {
        do {
            _ = try LocalRepository(layout: layout).entries()
            return nil
        } catch {
            return error.description
        }
    }

    /// The entries of `.Local/local_repository.pidx`, with their files; none
    /// when it cannot be read (`registrationsProblem()` says why).
    public func registered() -> [Registered] {
        let entries = (try? LocalRepository(layout: layout).entries()) ?? []
        return entries.compactMap { entry in
            guard let folder = FetchURL.localPath(entry.folderURL) else { return nil }
            let path = FolderURL.slashed(folder) + entry.reference.family.pdscFileName
            return Registered(entry: entry, descriptionPath: path)
        }
    }

    /// `.Download/*.pack`.
    public func downloaded() -> [PackReference] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: layout.downloadPath)) ?? []
        return names.compactMap { try? PackNaming.parsePackFileName($0) }.sorted()
    }

    /// The public index (`.Web/index.pidx`), one entry per pack (the highest version listed).
    public func publicIndex() -> [PackFamily: PackIndexEntry] {
        guard let read = try? PackIndexReader.read(path: layout.indexPath) else { return [:] }
        var result: [PackFamily: PackIndexEntry] = [:]
        for entry in read.index.packs {
            let family = entry.reference.family
            if let current = result[family], let old = current.reference.semanticVersion,
               let new = entry.reference.semanticVersion, old >= new { continue }
            result[family] = entry
        }
        return result
    }

    /// A public pack's description from `.Web`, when cached there.
    public func webDescription(_ family: PackFamily) -> PackDescription? {
        try? PackDescriptionReader.read(path: layout.webDescriptionPath(family)).description
    }

    /// The description of an installed pack that is not public (`.Local/<Vendor>.<Name>.pdsc`).
    public func localDescription(_ family: PackFamily) -> PackDescription? {
        try? PackDescriptionReader.read(path: layout.localDescriptionPath(family)).description
    }

    /// Every version of a pack that can be installed, with where to get it:
    /// from its `.Web` description, or for a pack the index does not list,
    /// from its `.Local` one (as cpackget resolves a non-public pack id).
    public func availableVersions(of family: PackFamily) -> [AvailableVersion] {
        availableVersions(of: family, entry: publicIndex()[family])
    }

    /// The same, for a caller that has read the public index already.
    public func availableVersions(of family: PackFamily, entry: PackIndexEntry?) -> [AvailableVersion] {
        var result: [String: AvailableVersion] = [:]
        if let description = webDescription(family) ?? (entry == nil ? localDescription(family) : nil) {
            for release in description.releases {
                guard let reference = try? PackReference(vendor: family.vendor, name: family.name, version: release.version),
                      reference.semanticVersion != nil else { continue }
                let urls = PackDownload.urls(reference, release: release, description: description, entry: entry)
                result[release.version] = AvailableVersion(reference: reference, urls: urls, deprecated: release.deprecated,
                                                           replacement: release.replacement, date: release.date)
            }
        }
        if let entry, result[entry.reference.version] == nil {
            result[entry.reference.version] = AvailableVersion(reference: entry.reference, urls: [entry.packURL],
                                                               deprecated: entry.deprecated, replacement: entry.replacement, date: entry.date)
        }
        // The index may deprecate the whole pack although its description does not.
        if let entry, let deprecated = entry.deprecated {
            for key in result.keys where result[key]!.deprecated == nil {
                result[key]!.deprecated = deprecated
                result[key]!.replacement = result[key]!.replacement ?? entry.replacement
            }
        }
        return result.values.sorted { ($0.reference.semanticVersion!, $0.reference.version) > ($1.reference.semanticVersion!, $1.reference.version) }
    }
}

/// A version of a pack that can be installed, and the URLs of its archive, best first.
public struct AvailableVersion: Sendable, Hashable {
    public let reference: PackReference
    public var urls: [String]
    public var deprecated: String?
    public var replacement: String?
    public var date: String?
}
