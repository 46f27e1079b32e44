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
    /// in the staging folder. Call with the lock held.
    public func prepare() throws(CacheError) { try Self.prepare(layout) }

    public static func prepare(_ layout: PackRootLayout) throws(CacheError) {
        for path in [layout.root, layout.webPath, layout.downloadPath, layout.localPath, layout.stagingPath, layout.partialPath] {
            do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw .filesystem(path: path, reason: "cannot create the folder: \(error.localizedDescription)")
            }
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: layout.stagingPath)) ?? [] {
            try? ReadOnlyTree.remove(layout.stagingPath + "/" + name)
        }
        if !FileManager.default.fileExists(atPath: layout.localRepositoryPath) {
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
                report.failures.append(.init(subject: subject, reason: error.description))
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
        switch await PackDownload.download(reference, urls: urls, to: destination, partialFolder: layout.partialPath,
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
        if FileManager.default.fileExists(atPath: sideChecksum) {
            try? FileManager.default.removeItem(atPath: layout.checksumPath(reference))
            try? FileManager.default.copyItem(atPath: sideChecksum, toPath: layout.checksumPath(reference))
        }
        guard source != destination else { return }
        let temporary = layout.partialPath + "/" + UUID().uuidString + ".pack"
        do {
            try FileManager.default.copyItem(atPath: source, toPath: temporary)
            chmod(temporary, 0o644)
            try? FileManager.default.removeItem(atPath: destination)
            guard rename(temporary, destination) == 0 else {
                throw CacheError.filesystem(path: destination, reason: String(cString: strerror(errno)))
            }
        } catch let error as CacheError {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .filesystem(path: destination, reason: "cannot copy \(source): \(error.localizedDescription)")
        }
    }

    // MARK: Installing

    private func install(archive path: String, reference: PackReference, report: inout Report) throws(CacheError) -> PackDescription {
        let checksum = layout.checksumPath(reference)
        if let text = try? String(contentsOfFile: checksum, encoding: .utf8) {
            let problems = try PackChecksum.verify(pack: path, checksum: text)
            if !problems.isEmpty {
                // Neither copy can be trusted: the next attempt fetches both again.
                try? FileManager.default.removeItem(atPath: path)
                try? FileManager.default.removeItem(atPath: checksum)
                throw .install(subject: reference.description, reason: "the archive does not match its checksum file \(checksum): " + problems.prefix(3).joined(separator: "; "))
            }
        }
        let archive: PackArchive
        let plan: PackExtractionPlan
        do {
            archive = try PackArchive(path: path)
            plan = try archive.extractionPlan(for: reference.family)
        } catch {
            throw .install(subject: reference.description, reason: error.description)
        }
        let member = plan.base.isEmpty ? plan.descriptionName : plan.base + "/" + plan.descriptionName
        let pdscBytes: [UInt8]
        let description: PackDescription
        do {
            pdscBytes = try archive.read(member: member, limit: UInt64(FetchLimits.description))
            description = try PackDescriptionReader.read(bytes: pdscBytes, source: "\(path)!/\(member)").description
        } catch {
            throw .install(subject: reference.description, reason: "its description cannot be read: \(error)")
        }
        guard description.vendor == reference.vendor, description.name == reference.name else {
            throw .install(subject: reference.description, reason: "the archive's description is for pack \(description.vendor).\(description.name)")
        }
        guard description.releases.contains(where: { $0.semanticVersion == reference.semanticVersion }) else {
            throw .install(subject: reference.description, reason: "the archive's description has no release \(reference.version) (newest: \(description.latestRelease?.version ?? "none"))")
        }
        // The newest release of the description inside is the version of the
        // files beside it (as cpackget requires): an archive named 1.0.0 whose
        // description lists 1.1.0 holds 1.1.0's files.
        if let newest = description.latestRelease, newest.semanticVersion != reference.semanticVersion {
            throw .install(subject: reference.description, reason: "the archive's description lists a newer release, \(newest.version), so the archive holds \(newest.version) and not \(reference.version); refusing to install it as \(reference.version)")
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
        let staging = layout.stagingPath + "/" + UUID().uuidString
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
            try archive.extract(plan, into: staging)
        } catch let error as PackArchiveError {
            try? ReadOnlyTree.remove(staging)
            throw .install(subject: reference.description, reason: error.description)
        } catch {
            try? ReadOnlyTree.remove(staging)
            throw .filesystem(path: staging, reason: error.localizedDescription)
        }
        ReadOnlyTree.protect(staging, includingRoot: false)
        do {
            try FileManager.default.createDirectory(atPath: layout.familyPath(reference.family), withIntermediateDirectories: true)
        } catch {
            try? ReadOnlyTree.remove(staging)
            throw .filesystem(path: layout.familyPath(reference.family), reason: error.localizedDescription)
        }
        // --force-reinstall: the installed copy steps aside, and comes back if the new one cannot take its place.
        let previous = layout.stagingPath + "/" + UUID().uuidString + ".previous"
        let replacing = FileManager.default.fileExists(atPath: target)
        // A folder moves to another parent only when writable (its ".." changes).
        if replacing { chmod(target, 0o755) }
        if replacing && rename(target, previous) != 0 {
            chmod(target, 0o555)
            let reason = String(cString: strerror(errno))
            try? ReadOnlyTree.remove(staging)
            throw .filesystem(path: target, reason: "cannot move the installed pack aside to reinstall it: \(reason)")
        }
        // The one step that makes the pack appear, complete.
        guard rename(staging, target) == 0 else {
            let reason = String(cString: strerror(errno))
            try? ReadOnlyTree.remove(staging)
            if replacing, rename(previous, target) == 0 { chmod(target, 0o555) }
            throw .filesystem(path: target, reason: "cannot move the extracted pack into place: \(reason)")
        }
        if replacing { try? ReadOnlyTree.remove(previous) }
        chmod(target, 0o555)
        try? FileBytes.writeAtomically(pdscBytes, to: layout.downloadedDescriptionPath(reference))
        // A pack that is not public keeps its description in .Local, as cpackget does.
        if !FileManager.default.fileExists(atPath: layout.webDescriptionPath(reference.family)) {
            try? FileBytes.writeAtomically(pdscBytes, to: layout.localDescriptionPath(reference.family))
        }
        report.installed.append(reference)
        return description
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
        do { try FileBytes.writeAtomically(bytes, to: destination) } catch {
            throw .filesystem(path: error.path, reason: error.description)
        }
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
