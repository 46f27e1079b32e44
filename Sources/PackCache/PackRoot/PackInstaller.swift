import CMSISPack
import OwnedFiles
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
/// let installer = PackInstaller(root: root, fetcher: fetcher, options: .init(agreeLicenses: true))
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

    public let root: PackRootFolder
    public let fetcher: Fetcher
    public let progress: ProgressTracker
    public let options: Options
    public var layout: PackRootLayout { root.layout }
    var inventory: PackRootInventory { PackRootInventory(layout: layout) }

    public init(root: PackRootFolder, fetcher: Fetcher, progress: ProgressTracker = ProgressTracker(), options: Options = Options()) {
        self.root = root
        self.fetcher = fetcher
        self.progress = progress
        self.options = options
    }

    /// Creates the root's folders and removes what an interrupted run left
    /// in the staging folder and half-written files of ours. Call with the lock held.
    public func prepare() throws(CacheError) { try Self.prepare(root) }

    public static func prepare(_ root: PackRootFolder) throws(CacheError) {
        let layout = root.layout
        try fileStep { () throws(FileError) in
            for path in [layout.webPath, layout.downloadPath, layout.localPath] { try root.place(path).createFolder() }
            try root.stagingFolder.resetWorkFolder()
            try root.partialFolder.ensureWorkFolder()
        }
        for folder in [layout.webPath, layout.downloadPath, layout.localPath] {
            for name in (try? root.place(folder).entries()) ?? [] {
                if let leftover = root.atomicLeftover(in: folder, name: name) { _ = try? leftover.remove() }
            }
        }
        if FileStat(layout.localRepositoryPath, followingLinks: false) == nil {
            try LocalRepository(root: root).write([])
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
                report.failures.append(Self.failure(specifier, error, isDependency: isDependency))
            }
        }
        return report
    }

    /// One specifier; returns the description of what is now installed.
    private func add(_ specifier: PackSpecifier, report: inout Report) async throws(CacheError) -> PackDescription? {
        switch specifier {
        case .descriptionFile(let path):
            let reference = try LocalRepository(root: root).register(descriptionFile: path)
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
            throw .install(Self.notInIndex(family, layout: layout, inventory: inventory))
        }
        guard let version = chosen, let pick = available.first(where: { $0.reference.semanticVersion == version }) else {
            throw .install(.noMatchingVersion(pack: "\(family)", requirement: "\(requirement)",
                                              available: available.prefix(8).map(\.reference.version)))
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
        let reference = try Self.archiveReference(localFile: localFile, url: url)
        if !options.forceReinstall && !options.extractLicenseOnly,
           inventory.installed().contains(where: { $0.reference == reference.withoutBuildMetadata }) {
            report.alreadyInstalled.append(reference)
            return try? PackDescriptionReader.read(path: layout.installedDescriptionPath(reference)).description
        }
        let archive = layout.downloadedPackPath(reference)
        if let localFile {
            guard FileManager.default.fileExists(atPath: localFile) else {
                throw .install(.noSuchFile(localFile))
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
        let destination = try fileStep { () throws(FileError) in try root.place(layout.downloadedPackPath(reference)) }
        switch await PackDownload.download(reference, urls: urls, to: destination, partialFolder: root.partialFolder,
                                           fetcher: fetcher, progress: progress) {
        case .success: break
        case .failure(let failure) where failure.notFound:
            throw .install(.notOnServer(pack: reference.description, explanation: Self.notOnServer(reference, failure: failure, listed: listed)))
        case .failure(let failure):
            throw .install(.downloadFailed(pack: reference.description, reason: failure.reason))
        }
        // A checksum the publisher puts beside the pack is fetched with it.
        for url in urls.prefix(1) where url.lowercased().hasSuffix(".pack") {
            let checksumURL = PackChecksum.path(forPack: url)
            if case .fetched(let content)? = try? await fetcher.fetch(FetchRequest(url: checksumURL, sizeLimit: FetchLimits.description)) {
                try? root.place(layout.checksumPath(reference)).write(content.bytes)
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
            try fileStep { () throws(FileError) in try root.place(layout.checksumPath(reference)).copy(from: sideChecksum) }
        }
        guard source != destination else { return }
        try fileStep { () throws(FileError) in try root.place(destination).copy(from: source) }
    }

    // MARK: Installing

    /// Installs a downloaded archive, step by step: its checksum, what it
    /// holds, the licence, extraction into a staging folder, the description
    /// copies, and the one rename that makes the pack appear complete.
    private func install(archive path: String, reference: PackReference, report: inout Report) throws(CacheError) -> PackDescription {
        try verifyChecksum(of: path, reference: reference)
        let opened = try open(archive: path, reference: reference)
        if options.extractLicenseOnly {
            report.extractedLicenses.append(try extractLicense(of: opened, reference: reference))
            return opened.description
        }
        try agreeLicense(of: opened, reference: reference)
        if FileStat(layout.installPath(reference), followingLinks: false) != nil && !options.forceReinstall {
            report.alreadyInstalled.append(reference)
            return opened.description
        }
        let staged = try extract(opened, reference: reference)
        do {
            try writeDescriptionCopies(opened.descriptionBytes, reference: reference)
            try putInPlace(staged, reference: reference)
        } catch {
            _ = try? staged.remove()
            throw error
        }
        report.installed.append(reference)
        return opened.description
    }

    /// An archive opened and checked: its extraction plan and the description inside.
    struct OpenedArchive {
        var archive: PackArchive
        var plan: PackExtractionPlan
        var descriptionBytes: [UInt8]
        var description: PackDescription
        var path: String

        /// A member's path inside the archive, for a path the description names.
        func member(_ name: String) -> String {
            (plan.base.isEmpty ? "" : plan.base + "/") + name.replacingOccurrences(of: "\\", with: "/")
        }
    }

    /// A publisher's `.sha256.checksum` beside the archive must match it.
    private func verifyChecksum(of path: String, reference: PackReference) throws(CacheError) {
        let checksum = layout.checksumPath(reference)
        guard let text = try? String(contentsOfFile: checksum, encoding: .utf8) else { return }
        let problems = try PackChecksum.verify(pack: path, checksum: text)
        if !problems.isEmpty {
            // Neither copy can be trusted: the next attempt fetches both again.
            discardDownload(reference)
            throw .install(.checksumMismatch(pack: reference.description, checksumFile: checksum, problems: problems))
        }
    }

    /// Opens the archive, plans its extraction and reads the description
    /// inside, which must be this pack and have this version as its newest.
    private func open(archive path: String, reference: PackReference) throws(CacheError) -> OpenedArchive {
        let archive: PackArchive
        let plan: PackExtractionPlan
        do {
            archive = try PackArchive(path: path)
            plan = try archive.extractionPlan(for: reference.family)
        } catch {
            throw refuse(reference, archive: path, reason: error.description)
        }
        let member = plan.base.isEmpty ? plan.descriptionName : plan.base + "/" + plan.descriptionName
        let bytes: [UInt8]
        let description: PackDescription
        do {
            bytes = try archive.read(member: member, limit: UInt64(FetchLimits.description))
            description = try PackDescriptionReader.read(bytes: bytes, source: "\(path)!/\(member)").description
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
        return OpenedArchive(archive: archive, plan: plan, descriptionBytes: bytes, description: description, path: path)
    }

    /// Extracts into a new folder of the staging area, made read-only (but
    /// for its top, which must stay writable to move); removed again on failure.
    private func extract(_ opened: OpenedArchive, reference: PackReference) throws(CacheError) -> OwnedPath {
        let staging = root.stagingFolder.inside(UUID().uuidString)!
        do {
            try opened.archive.extract(opened.plan, into: try ExtractionFolder(staging))
        } catch {
            _ = try? staging.remove()
            if let refused = error as? PackArchiveError { throw refuse(reference, archive: opened.path, reason: refused.description) }
            if let failure = error as? FileError { throw .file(failure) }
            throw .install(.archiveRefused(pack: reference.description, reason: "cannot extract it into \(staging.path): \(error)"))
        }
        staging.place.setTreeModes(file: 0o444, folder: 0o555, includingSelf: false)
        return staging
    }

    /// The description's copies, before the pack appears, so a run killed at
    /// any moment never leaves an installed pack without them: in
    /// `.Download`, and in `.Local` for a pack that is not public (as cpackget).
    private func writeDescriptionCopies(_ bytes: [UInt8], reference: PackReference) throws(CacheError) {
        try fileStep { () throws(FileError) in
            try root.place(layout.downloadedDescriptionPath(reference)).write(bytes)
            if FileStat(layout.webDescriptionPath(reference.family)) == nil {
                try root.place(layout.localDescriptionPath(reference.family)).write(bytes)
            }
        }
    }

    /// The one step that makes the pack appear, complete. With
    /// --force-reinstall the installed copy (proven one by the layout) steps
    /// aside into the staging folder, and comes back if the new one cannot
    /// take its place.
    private func putInPlace(_ staged: OwnedPath, reference: PackReference) throws(CacheError) {
        let target = try fileStep { () throws(FileError) in try root.place(layout.installPath(reference)) }
        let previous = try folderStep { () throws(FolderError) in try root.installedPack(reference) }
        if previous == nil, target.info() != nil {
            throw .notOwned(path: target.path, reason: "not replaced: something that is not an installed pack is there")
        }
        try fileStep { () throws(FileError) in
            try staged.moveIntoPlace(at: target, replacing: previous, aside: root.stagingFolder.inside(UUID().uuidString + ".previous")!)
        }
        target.setMode(0o555)
    }

    /// An archive refused for what it holds does not stay in `.Download`
    /// (where `pack list --cached` would show it): the error names why.
    private func refuse(_ reference: PackReference, archive path: String, reason: String) -> CacheError {
        if path == layout.downloadedPackPath(reference) { discardDownload(reference) }
        return .install(.archiveRefused(pack: reference.description, reason: reason))
    }

    /// Removes a downloaded archive and its checksum file from `.Download`.
    private func discardDownload(_ reference: PackReference) {
        _ = try? root.downloadedPack(reference)?.remove()
        _ = try? root.downloadedChecksum(reference)?.remove()
    }

    /// `--extract-embedded-license`: the licence beside the archive in
    /// `.Download`, as `<Vendor>.<Name>.<version>.pack.<licence file name>`
    /// (cpackget's name), read-only.
    private func extractLicense(of opened: OpenedArchive, reference: PackReference) throws(CacheError) -> String {
        guard let license = opened.description.license?.trimmingCharacters(in: .whitespacesAndNewlines), !license.isEmpty else {
            throw .install(.noEmbeddedLicense(pack: reference.description))
        }
        let bytes: [UInt8]
        do { bytes = try opened.archive.read(member: opened.member(license), limit: 4 << 20) } catch {
            throw .install(.licenseFileMissing(pack: reference.description, file: license))
        }
        let fileName = (license.replacingOccurrences(of: "\\", with: "/") as NSString).lastPathComponent
        let destination = layout.downloadedPackPath(reference) + "." + fileName
        try fileStep { () throws(FileError) in try root.place(destination).write(bytes, mode: 0o444) }
        return destination
    }

    private func agreeLicense(of opened: OpenedArchive, reference: PackReference) throws(CacheError) {
        guard let license = opened.description.license?.trimmingCharacters(in: .whitespacesAndNewlines), !license.isEmpty else { return }
        if options.agreeLicenses { return }
        let text = (try? opened.archive.read(member: opened.member(license), limit: 4 << 20)).map { String(decoding: $0, as: UTF8.self) }
            ?? "(the licence file \(license) is not in the pack)"
        guard let ask = options.askLicense, ask(reference, text) else {
            throw .licenseNotAgreed(pack: reference.description, license: license)
        }
    }
}
