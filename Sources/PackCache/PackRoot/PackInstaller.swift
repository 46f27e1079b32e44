import CMSISPack
import Foundation

/// Installs packs into a pack root: by name and version requirement, from a
/// `.pack` file or URL, or by registering a local `.pdsc`.
///
/// An archive is downloaded into `.Download/` (resumable, checked), verified
/// against a publisher's `.sha256.checksum` when there is one, checked
/// member by member (no paths outside the pack, no links, no duplicates, no
/// bombs), extracted into `.Download/.staging/`, made read-only and renamed
/// into `<Vendor>/<Name>/<version>/` in one step: an interrupted install
/// leaves nothing half-installed. The caller holds the root's lock.
///
/// ```swift
/// let installer = PackInstaller(layout: layout, fetcher: fetcher, options: .init(agreeLicenses: true))
/// let report = await installer.add([try PackSpecifier("ARM::CMSIS@^6.0.0")])
/// ```
public struct PackInstaller: Sendable {
    public struct Options: Sendable {
        /// Agree to every pack's embedded licence (`--agree-embedded-license`).
        public var agreeLicenses = false
        /// Asked when a licence is not agreed in advance; nil when nobody can
        /// answer (standard input is not a terminal): the pack is then refused.
        public var askLicense: (@Sendable (PackReference, String) -> Bool)?
        /// Install `<requirements><packages>` too.
        public var installDependencies = true
        /// Install again a version that is installed (`--force-reinstall`).
        public var forceReinstall = false
        /// Only write each pack's licence beside its archive in `.Download`
        /// (`--extract-embedded-license`); nothing is installed.
        public var extractLicenseOnly = false
        public init(agreeLicenses: Bool = false, askLicense: (@Sendable (PackReference, String) -> Bool)? = nil,
                    installDependencies: Bool = true, forceReinstall: Bool = false, extractLicenseOnly: Bool = false) {
            self.agreeLicenses = agreeLicenses
            self.askLicense = askLicense
            self.installDependencies = installDependencies
            self.forceReinstall = forceReinstall
            self.extractLicenseOnly = extractLicenseOnly
        }
    }

    public struct Report: Sendable {
        public var installed: [PackReference] = []
        public var alreadyInstalled: [PackReference] = []
        public var registered: [PackReference] = []
        /// Licence files written by `extractLicenseOnly`.
        public var extractedLicenses: [String] = []
        public var failures: [UpdateReport.Failure] = []
        /// Deprecations, missing dependencies and other remarks.
        public var notes: [String] = []
    }

    public let layout: PackRootLayout
    public let fetcher: Fetcher
    public let progress: ProgressTracker
    public let options: Options
    var inventory: PackRootInventory { PackRootInventory(layout: layout) }

    public init(layout: PackRootLayout, fetcher: Fetcher, progress: ProgressTracker = ProgressTracker(), options: Options = Options()) {
        self.layout = layout
        self.fetcher = fetcher
        self.progress = progress
        self.options = options
    }

    /// Creates the root's folders and removes what an interrupted run left
    /// in the staging folder and half-written files of ours. Call with the lock held.
    public func prepare() throws(CacheError) { try Self.prepare(layout) }

    public static func prepare(_ layout: PackRootLayout) throws(CacheError) {
        try layout.checkUsable()
        for path in [layout.root, layout.webPath, layout.downloadPath, layout.localPath, layout.stagingPath, layout.partialPath] {
            do { try FileOps.createDirectory(path) } catch { throw .file(error) }
        }
        for name in (try? FileOps.entries(layout.stagingPath)) ?? [] {
            if let leftover = layout.stagingFolder.inside(name) { _ = try? FileOps.remove(leftover) }
        }
        for folder in [layout.webPath, layout.downloadPath, layout.localPath] {
            for name in (try? FileOps.entries(folder)) ?? [] {
                if let leftover = layout.atomicLeftover(in: folder, name: name) { _ = try? FileOps.remove(leftover) }
            }
        }
        if FileStat(layout.localRepositoryPath) == nil {
            try LocalRepository(layout: layout).write([])
        }
    }

    /// Installs each specifier (and its dependencies); failures are reported,
    /// the others still installed.
    public func add(_ specifiers: [PackSpecifier]) async -> Report {
        var report = Report()
        var pending = specifiers.map { ($0, false) }
        var visited = Set<PackFamily>()
        while !pending.isEmpty {
            let (specifier, isDependency) = pending.removeFirst()
            // A dependency already handled is skipped (cycles end there); packs named
            // on the command line are all installed, two versions of one pack too.
            if case .named(let family, _) = specifier {
                guard visited.insert(family).inserted || !isDependency else { continue }
            }
            do {
                let result = try await add(specifier, report: &report)
                if options.extractLicenseOnly { continue }
                guard let installed = result, options.installDependencies else {
                    if let installed = result { noteMissingDependencies(of: installed, report: &report) }
                    continue
                }
                for requirement in dependencies(of: installed, report: &report) where !visited.contains(requirement.0) {
                    pending.append((.named(requirement.0, requirement.1), true))
                }
            } catch {
                let subject = isDependency ? "\(specifier) (a dependency)" : specifier.description
                // The error names its file already when that is what was asked for.
                var reason = error.description
                if reason.hasPrefix(specifier.description + ": ") { reason.removeFirst(specifier.description.count + 2) }
                report.failures.append(.init(subject: subject, reason: reason))
            }
        }
        return report
    }

    /// One specifier; returns the description of what is now installed.
    private func add(_ specifier: PackSpecifier, report: inout Report) async throws(CacheError) -> PackDescription? {
        switch specifier {
        case .descriptionFile(let path):
            let reference = try LocalRepository(layout: layout).register(descriptionFile: path)
            report.registered.append(reference)
            return try? PackDescriptionReader.read(path: path).description
        case .archiveFile(let path):
            return try await installArchive(localFile: path, url: nil, report: &report)
        case .archiveURL(let url):
            if let path = FetchURL.localPath(url) {
                return try await installArchive(localFile: path, url: nil, report: &report)
            }
            return try await installArchive(localFile: nil, url: url, report: &report)
        case .named(let family, let requirement):
            return try await installNamed(family, requirement, report: &report)
        }
    }

    private func installNamed(_ family: PackFamily, _ requirement: VersionRequirement, report: inout Report) async throws(CacheError) -> PackDescription? {
        await fetchWebDescriptionIfNeeded(family, report: &report)
        let installed = inventory.installed().filter { $0.reference.family == family }
        let entry = inventory.publicIndex()[family]
        let available = inventory.availableVersions(of: family, entry: entry)
        let listed = entry?.reference.semanticVersion
        let chosen = requirement.best(of: available.compactMap(\.reference.semanticVersion), listed: listed)
        // What is installed already satisfies the request (for "latest": is the newest known).
        if !options.forceReinstall && !options.extractLicenseOnly,
           let best = requirement.best(of: installed.compactMap(\.reference.semanticVersion), listed: listed ?? chosen),
           requirement != .latest || chosen.map({ best >= $0 }) ?? true {
            let match = installed.first { $0.reference.semanticVersion == best }!
            report.alreadyInstalled.append(match.reference)
            return try? PackDescriptionReader.read(path: match.descriptionPath).description
        }
        if available.isEmpty {
            if let registered = inventory.registered().first(where: { $0.entry.reference.family == family }),
               registered.entry.reference.semanticVersion.map(requirement.accepts) ?? false {
                report.alreadyInstalled.append(registered.entry.reference)
                return try? PackDescriptionReader.read(path: registered.descriptionPath).description
            }
            let hint = layout.exists && FileManager.default.fileExists(atPath: layout.indexPath)
                ? "it is not in the pack root's index (\(layout.indexPath)); run `pack-manager pack update-index`, or give the .pack file or URL"
                : "the pack root has no index yet; run `pack-manager pack init`, or give the .pack file or URL"
            throw .install(subject: "\(family)", reason: hint)
        }
        guard let version = chosen, let pick = available.first(where: { $0.reference.semanticVersion == version }) else {
            let listed = available.prefix(8).map(\.reference.version).joined(separator: ", ")
            throw .install(subject: "\(family)", reason: "no version matches \(requirement) (available: \(listed))")
        }
        if let deprecated = pick.deprecated {
            report.notes.append("\(pick.reference) is deprecated since \(deprecated)" + (pick.replacement.map { "; its replacement is \($0)" } ?? ""))
        }
        let archive = layout.downloadedPackPath(pick.reference)
        if !FileManager.default.fileExists(atPath: archive) {
            try await download(pick.reference, urls: pick.urls, listed: entry)
        }
        return try install(archive: archive, reference: pick.reference, report: &report)
    }

    private func installArchive(localFile: String?, url: String?, report: inout Report) async throws(CacheError) -> PackDescription? {
        let name = ((localFile ?? url ?? "") as NSString).lastPathComponent
        if let localFile, !FileManager.default.fileExists(atPath: localFile) {
            throw .install(subject: localFile, reason: "no such file")
        }
        var reference: PackReference
        do {
            var fileName = name
            if fileName.lowercased().hasSuffix(".zip") { fileName = String(fileName.dropLast(4)) + ".pack" }
            reference = try PackNaming.parsePackFileName(fileName)
        } catch {
            guard let localFile else {
                throw .install(subject: url ?? name, reason: "a pack URL must end in <Vendor>.<Name>.<version>.pack")
            }
            // A local file named otherwise: the description inside says which pack it is.
            guard let found = (try? PackArchive(path: localFile).readDescription())?.description.reference else {
                throw .install(subject: localFile, reason: "not a pack: it is not named <Vendor>.<Name>.<version>.pack and holds no usable description")
            }
            reference = found
        }
        if !options.forceReinstall && !options.extractLicenseOnly,
           inventory.installed().contains(where: { $0.reference == reference.withoutBuildMetadata }) {
            report.alreadyInstalled.append(reference)
            return try? PackDescriptionReader.read(path: layout.installedDescriptionPath(reference)).description
        }
        let archive = layout.downloadedPackPath(reference)
        if let localFile {
            guard FileManager.default.fileExists(atPath: localFile) else {
                throw .install(subject: localFile, reason: "no such file")
            }
            try copyIntoDownloads(localFile, reference: reference)
        } else if let url, !FileManager.default.fileExists(atPath: archive) {
            try await download(reference, urls: [url])
        }
        return try install(archive: archive, reference: reference, report: &report)
    }

    // MARK: Getting the archive

    /// `listed`: the pack root's index entry of the pack, to name what the server has when it lacks this version.
    private func download(_ reference: PackReference, urls: [String], listed: PackIndexEntry? = nil) async throws(CacheError) {
        let destination = layout.downloadedPackPath(reference)
        switch await PackDownload.download(reference, urls: urls, to: destination, partialFolder: layout.partialFolder,
                                           fetcher: fetcher, progress: progress) {
        case .success: break
        case .failure(let failure) where failure.notFound:
            throw .install(subject: reference.description, reason: Self.notOnServer(reference, failure: failure, listed: listed))
        case .failure(let failure):
            throw .install(subject: reference.description, reason: "cannot download it (\(failure.reason)); if you are offline, give the .pack file instead")
        }
        // A checksum the publisher puts beside the pack is fetched with it.
        for url in urls.prefix(1) where url.lowercased().hasSuffix(".pack") {
            let checksumURL = PackChecksum.path(forPack: url)
            if case .fetched(let content)? = try? await fetcher.fetch(FetchRequest(url: checksumURL, sizeLimit: FetchLimits.description)) {
                try? FileBytes.writeAtomically(content.bytes, to: layout.checksumPath(reference))
            }
        }
    }

    /// The server answered "not found": say which version its index lists
    /// (the one a mirror holds), not "offline".
    static func notOnServer(_ reference: PackReference, failure: UpdateReport.Failure, listed: PackIndexEntry?) -> String {
        guard let listed else { return "the server does not have it (\(failure.reason))" }
        let id = "\(reference.vendor)::\(reference.name)"
        if listed.reference.version == reference.version {
            return "the server does not have it (\(failure.reason)), although its index lists \(id) \(listed.reference.version); "
                + "the archive is missing on the server"
        }
        return "the server does not have it (\(failure.reason)); its index lists \(id) \(listed.reference.version) "
            + "(`pack add \(id)@\(listed.reference.version)`)"
    }

    /// Copies a local archive (and a checksum file beside it) into `.Download`, atomically.
    private func copyIntoDownloads(_ file: String, reference: PackReference) throws(CacheError) {
        let destination = layout.downloadedPackPath(reference)
        let source = URL(fileURLWithPath: file).standardizedFileURL.path
        let sideChecksum = PackChecksum.path(forPack: source)
        if FileStat(sideChecksum) != nil, sideChecksum != layout.checksumPath(reference) {
            do { try FileOps.copyFile(sideChecksum, to: layout.checksumPath(reference)) } catch { throw .file(error) }
        }
        guard source != destination else { return }
        do { try FileOps.copyFile(source, to: destination) } catch { throw .file(error) }
    }

    // MARK: Installing

    private func install(archive path: String, reference: PackReference, report: inout Report) throws(CacheError) -> PackDescription {
        let checksum = layout.checksumPath(reference)
        if let text = try? String(contentsOfFile: checksum, encoding: .utf8) {
            let problems = try PackChecksum.verify(pack: path, checksum: text)
            if !problems.isEmpty {
                // Neither copy can be trusted: the next attempt fetches both again.
                discardDownload(reference)
                throw .install(subject: reference.description, reason: "the archive does not match its checksum file \(checksum): " + problems.prefix(3).joined(separator: "; "))
            }
        }
        let archive: PackArchive
        let plan: PackExtractionPlan
        do {
            archive = try PackArchive(path: path)
            plan = try archive.extractionPlan(for: reference.family)
        } catch {
            throw refuse(reference, archive: path, reason: error.description)
        }
        let member = plan.base.isEmpty ? plan.descriptionName : plan.base + "/" + plan.descriptionName
        let pdscBytes: [UInt8]
        let description: PackDescription
        do {
            pdscBytes = try archive.read(member: member, limit: UInt64(FetchLimits.description))
            description = try PackDescriptionReader.read(bytes: pdscBytes, source: "\(path)!/\(member)").description
        } catch {
            throw refuse(reference, archive: path, reason: "its description cannot be read: \(error)")
        }
        guard description.vendor == reference.vendor, description.name == reference.name else {
            throw refuse(reference, archive: path, reason: "the archive's description is for pack \(description.vendor).\(description.name)")
        }
        guard description.releases.contains(where: { $0.semanticVersion == reference.semanticVersion }) else {
            throw refuse(reference, archive: path, reason: "the archive's description has no release \(reference.version) (newest: \(description.latestRelease?.version ?? "none"))")
        }
        // The newest release of the description inside is the version of the
        // files beside it (as cpackget requires): an archive named 1.0.0 whose
        // description lists 1.1.0 holds 1.1.0's files.
        if let newest = description.latestRelease, newest.semanticVersion != reference.semanticVersion {
            throw refuse(reference, archive: path, reason: "the archive's description lists a newer release, \(newest.version), so the archive holds \(newest.version) and not \(reference.version); refusing to install it as \(reference.version)")
        }
        if options.extractLicenseOnly {
            report.extractedLicenses.append(try extractLicense(of: description, archive: archive, base: plan.base, reference: reference))
            return description
        }
        try agreeLicense(of: description, archive: archive, base: plan.base, reference: reference)

        let target = layout.installPath(reference)
        if FileManager.default.fileExists(atPath: target) && !options.forceReinstall {
            report.alreadyInstalled.append(reference)
            return description
        }
        let staging = layout.stagingFolder.inside(UUID().uuidString)!
        do {
            try FileOps.createDirectory(staging.path)
            try archive.extract(plan, into: staging.path)
        } catch let error as PackArchiveError {
            _ = try? FileOps.remove(staging)
            throw refuse(reference, archive: path, reason: error.description)
        } catch let error as FileError {
            _ = try? FileOps.remove(staging)
            throw .file(error)
        } catch {
            _ = try? FileOps.remove(staging)
            throw .install(subject: reference.description, reason: "cannot extract it into \(staging.path): \(error)")
        }
        ReadOnlyTree.protect(staging.path, includingRoot: false)
        do { try FileOps.createDirectory(layout.familyPath(reference.family)) } catch {
            _ = try? FileOps.remove(staging)
            throw .file(error)
        }
        // The description copies first, so a run killed at any moment never
        // leaves an installed pack without them (a later run would find it
        // installed and not write them).
        try? FileBytes.writeAtomically(pdscBytes, to: layout.downloadedDescriptionPath(reference))
        // A pack that is not public keeps its description in .Local, as cpackget does.
        if FileStat(layout.webDescriptionPath(reference.family)) == nil {
            try? FileBytes.writeAtomically(pdscBytes, to: layout.localDescriptionPath(reference.family))
        }
        // --force-reinstall: the installed copy (proven one by the layout)
        // steps aside into the staging folder, and comes back if the new one
        // cannot take its place.
        let previous = layout.stagingFolder.inside(UUID().uuidString + ".previous")!
        let replacing = FileStat(target, followingLinks: false) != nil
        if replacing {
            do {
                _ = try layout.installedPack(reference).get()
            } catch {
                _ = try? FileOps.remove(staging)
                throw error
            }
            // A folder moves to another parent only when writable (its ".." changes).
            chmod(target, 0o755)
            guard rename(target, previous.path) == 0 else {
                let failure = FileError(path: target, operation: "move the installed pack aside to reinstall", code: errno)
                chmod(target, 0o555)
                _ = try? FileOps.remove(staging)
                throw .file(failure)
            }
        }
        // The one step that makes the pack appear, complete.
        guard rename(staging.path, target) == 0 else {
            let failure = FileError(path: target, operation: "move the extracted pack into place as", code: errno)
            _ = try? FileOps.remove(staging)
            if replacing, rename(previous.path, target) == 0 { chmod(target, 0o555) }
            throw .file(failure)
        }
        if replacing { _ = try? FileOps.remove(previous) }
        chmod(target, 0o555)
        report.installed.append(reference)
        return description
    }

    /// An archive refused for what it holds does not stay in `.Download`
    /// (where `pack list --cached` would show it): the error names why.
    private func refuse(_ reference: PackReference, archive path: String, reason: String) -> CacheError {
        if path == layout.downloadedPackPath(reference) { discardDownload(reference) }
        return .install(subject: reference.description, reason: reason)
    }

    /// Removes a downloaded archive and its checksum file from `.Download`.
    private func discardDownload(_ reference: PackReference) {
        _ = try? FileOps.remove(layout.downloadedPack(reference))
        _ = try? FileOps.remove(layout.downloadedChecksum(reference))
    }

    /// `--extract-embedded-license`: the licence beside the archive in
    /// `.Download`, as `<Vendor>.<Name>.<version>.pack.<licence file name>`
    /// (cpackget's name), read-only.
    private func extractLicense(of description: PackDescription, archive: PackArchive, base: String, reference: PackReference) throws(CacheError) -> String {
        guard let license = description.license?.trimmingCharacters(in: .whitespacesAndNewlines), !license.isEmpty else {
            throw .install(subject: reference.description, reason: "the pack has no embedded licence to extract")
        }
        let member = (base.isEmpty ? "" : base + "/") + license.replacingOccurrences(of: "\\", with: "/")
        let bytes: [UInt8]
        do { bytes = try archive.read(member: member, limit: 4 << 20) } catch {
            throw .install(subject: reference.description, reason: "its licence file \(license) is not in the pack")
        }
        let fileName = (license.replacingOccurrences(of: "\\", with: "/") as NSString).lastPathComponent
        let destination = layout.downloadedPackPath(reference) + "." + fileName
        do { try FileBytes.writeAtomically(bytes, to: destination) } catch { throw .file(error) }
        chmod(destination, 0o444)
        return destination
    }

    private func agreeLicense(of description: PackDescription, archive: PackArchive, base: String, reference: PackReference) throws(CacheError) {
        guard let license = description.license?.trimmingCharacters(in: .whitespacesAndNewlines), !license.isEmpty else { return }
        if options.agreeLicenses { return }
        let member = (base.isEmpty ? "" : base + "/") + license.replacingOccurrences(of: "\\", with: "/")
        let text = (try? archive.read(member: member, limit: 4 << 20)).map { String(decoding: $0, as: UTF8.self) }
            ?? "(the licence file \(license) is not in the pack)"
        guard let ask = options.askLicense, ask(reference, text) else {
            throw .licenseNotAgreed(pack: reference.description, license: license)
        }
    }
}
