import CMSISPack
import OwnedFiles
import Foundation

/// `mirror`: copies chosen packs (by vendor, pack or device; all listed ones
/// when nothing is chosen) with their descriptions into a folder that any
/// static web server can serve, laid out as publishers lay theirs out:
///
///     <out>/index.pidx
///     <out>/<Vendor>/<Vendor>.<Name>.pdsc                  `<url>` pointing at the mirror
///     <out>/<Vendor>/<Vendor>.<Name>.<version>.pack
///     <out>/<Vendor>/<Vendor>.<Name>.<version>.sha256.checksum
///
/// so pack-manager, cpackget and Keil's tools can work from a company server
/// without the internet. A second run fetches only what is new.
public struct PackMirror: Sendable {
    public struct Selection: Sendable {
        public var vendors: [String] = []
        public var packs: [PackFamily] = []
        public var devices: [String] = []
        /// Every version a description lists, not only the newest.
        public var allVersions = false

        public init(vendors: [String] = [], packs: [PackFamily] = [], devices: [String] = [], allVersions: Bool = false) {
            self.vendors = vendors
            self.packs = packs
            self.devices = devices
            self.allVersions = allVersions
        }

        var isEmpty: Bool { vendors.isEmpty && packs.isEmpty && devices.isEmpty }

        /// Chosen by its vendor (any case) or by name.
        func choosesByName(_ family: PackFamily) -> Bool {
            vendors.contains { $0.lowercased() == family.vendor.lowercased() } || packs.contains(family)
        }
    }

    public struct Report: Sendable {
        public var mirrored: [PackReference] = []
        public var alreadyHeld = 0
        public var failed: [UpdateReport.Failure] = []
        /// Devices asked for that no selected pack defines.
        public var unknownDevices: [String] = []
        /// Nothing could be published, so no index.pidx was written (PackIndex.xsd needs one pack).
        public var emptyIndex = false
        /// What index.pidx lists, with the descriptions as read (for a catalogue).
        public var published: [CataloguePack] = []
    }

    public let fetcher: Fetcher
    public let progress: ProgressTracker
    public let outputPath: String
    /// The URL the output folder will be served at (ending in '/').
    public let baseURL: String

    public init(fetcher: Fetcher, progress: ProgressTracker = ProgressTracker(), outputPath: String, baseURL: String) {
        self.fetcher = fetcher
        self.progress = progress
        self.outputPath = URL(fileURLWithPath: outputPath).standardizedFileURL.path
        self.baseURL = FolderURL.slashed(baseURL)
    }

    /// Fills the output folder, which must be new, empty, or marked as a
    /// mirror by an earlier run. Every file arrives whole under its name
    /// (downloads are finished in a temporary folder elsewhere), so a run
    /// killed part-way leaves no temporary file where the mirror is
    /// published, and running it again finishes it.
    public func run(indexURLs: [String], selection: Selection) async throws(CacheError) -> Report {
        let mirror = try folderStep { () throws(FolderError) in try OwnedFolder.claim(outputPath, for: .mirror)! }
        let lock = try folderStep { () throws(FolderError) in try mirror.lock() }
        defer { lock.release() }
        try Self.removeLeftovers(in: mirror)
        let work: TemporaryFolder
        do { work = try TemporaryFolder.create(prefix: "cpm-mirror") } catch { throw .file(error) }
        defer { _ = try? work.owned.remove() }
        return try await run(indexURLs: indexURLs, selection: selection, mirror: mirror, work: work)
    }

    private func run(indexURLs: [String], selection: Selection, mirror: OwnedFolder, work: TemporaryFolder) async throws(CacheError) -> Report {
        var report = Report()
        let store = CacheStore(work.store)
        try store.prepare()
        let collection = try await listing(indexURLs, store: store)
        let fetched = await fetchDescriptions(Self.preselect(collection.entries, by: selection))
        let chosen = Self.choose(fetched, by: selection, report: &report)
        let copied = await downloadArchives(of: chosen, allVersions: selection.allVersions, mirror: mirror,
                                            partialFolder: store.partialFolder, report: &report)
        let published = publishDescriptions(chosen, copied: copied, mirror: mirror, report: &report)
        guard !published.isEmpty else {
            report.emptyIndex = true
            return report
        }
        try writeIndex(published, vendor: Self.indexVendor(indexURLs, collection), mirror: mirror)
        return report
    }

    /// Temporary files an earlier version's atomic writes left in the mirror.
    static func removeLeftovers(in mirror: OwnedFolder) throws(CacheError) {
        let contents = try folderStep { () throws(FolderError) in try mirror.contents() }
        for owned in contents.ours where FolderLayout.isAtomicLeftover(owned.place.name) { _ = try? owned.remove() }
    }

    /// A pack chosen for the mirror: its listing and its description, as fetched.
    struct Chosen: Sendable {
        var entry: PackIndexEntry
        var bytes: [UInt8]
        var description: PackDescription
    }

    /// One archive to copy, from the first of `urls` that has it.
    struct Download: Sendable {
        var reference: PackReference
        var urls: [String]
    }

    typealias FetchedDescription = Swift.Result<([UInt8], PackDescription), UpdateReport.Failure>

    /// What the indexes list; the mirror is not made from a partial listing.
    private func listing(_ indexURLs: [String], store: CacheStore) async throws(CacheError) -> IndexCollector.Collection {
        let collection = await IndexCollector.collect(indexURLs.map { FetchURL.resolve($0) }, fetcher: fetcher, store: store,
                                                      validators: ValidatorStore(place: store.validatorsPlace))
        guard collection.failures.isEmpty else {
            throw .install(.indexUnreadable(url: indexURLs.joined(separator: ", "), reason: "cannot read the index: " + collection.failures.joined(separator: "; ")))
        }
        return collection
    }

    /// The listings whose descriptions are needed: those chosen by vendor or
    /// name, or all of them when nothing is chosen or devices are looked for
    /// (only descriptions tell which pack defines a device).
    static func preselect(_ entries: [PackIndexEntry], by selection: Selection) -> [PackIndexEntry] {
        guard selection.devices.isEmpty && !selection.isEmpty else { return entries }
        return entries.filter { selection.choosesByName($0.reference.family) }
    }

    /// The descriptions (needed for versions, archive URLs and devices), in pack order.
    private func fetchDescriptions(_ entries: [PackIndexEntry]) async -> [(PackIndexEntry, FetchedDescription)] {
        let results = await progress.collect(entries, phase: "descriptors", failed: { (try? $0.get()) == nil }) { await self.description($0) }
        return zip(entries, results).sorted { $0.0.reference < $1.0.reference }
    }

    /// The packs to copy: every one fetched, or with devices asked for, those
    /// defining one of them or chosen by name. A failed description counts
    /// as a failure only when no devices are looked for.
    static func choose(_ fetched: [(PackIndexEntry, FetchedDescription)], by selection: Selection, report: inout Report) -> [Chosen] {
        var chosen: [Chosen] = []
        var wantedDevices = Set(selection.devices.map { $0.lowercased() })
        for (entry, result) in fetched {
            switch result {
            case .failure(let failure):
                if selection.devices.isEmpty { report.failed.append(failure) }
            case .success(let (bytes, description)):
                if !selection.devices.isEmpty {
                    let names = Set(description.devices.effectiveDevices().map { $0.name.lowercased() })
                    let hits = wantedDevices.intersection(names)
                    guard !hits.isEmpty || selection.choosesByName(entry.reference.family) else { continue }
                    wantedDevices.subtract(hits)
                }
                chosen.append(Chosen(entry: entry, bytes: bytes, description: description))
            }
        }
        report.unknownDevices = selection.devices.filter { wantedDevices.contains($0.lowercased()) }
        return chosen
    }

    /// The archives to copy: each chosen pack's release the pack id means
    /// (the newest), or every release with a strict version.
    static func downloads(of chosen: [Chosen], allVersions: Bool) -> [Download] {
        var downloads: [Download] = []
        for pack in chosen {
            let description = pack.description
            let newest = VersionRequirement.latest.best(of: description.releases.compactMap(\.semanticVersion),
                                                        listed: pack.entry.reference.semanticVersion)
            let releases = allVersions ? description.releases : Array(description.releases.filter { $0.semanticVersion == newest }.prefix(1))
            for release in releases {
                guard let reference = try? PackReference(vendor: description.vendor, name: description.name, version: release.version),
                      reference.semanticVersion?.isStrict == true else { continue }
                downloads.append(Download(reference: reference,
                                          urls: PackDownload.urls(reference, release: release, description: description, entry: pack.entry)))
            }
        }
        return downloads
    }

    /// Copies the archives (with their checksum files); the versions now in
    /// the mirror, by pack.
    private func downloadArchives(of chosen: [Chosen], allVersions: Bool, mirror: OwnedFolder, partialFolder: OwnedPath,
                                  report: inout Report) async -> [PackFamily: [PackReference]] {
        let downloads = Self.downloads(of: chosen, allVersions: allVersions)
        let results = await progress.collect(downloads, phase: "packs", failed: { (try? $0.get()) == nil }) {
            await self.copy($0, mirror: mirror, partialFolder: partialFolder)
        }
        var copied: [PackFamily: [PackReference]] = [:]
        for (reference, result) in zip(downloads.map(\.reference), results).sorted(by: { $0.0 < $1.0 }) {
            switch result {
            case .success(let downloaded):
                if downloaded { report.mirrored.append(reference) } else { report.alreadyHeld += 1 }
                copied[reference.family, default: []].append(reference)
            case .failure(let failure):
                report.failed.append(failure)
            }
        }
        return copied
    }

    /// One archive into the mirror, and its checksum file when it has none.
    private func copy(_ download: Download, mirror: OwnedFolder, partialFolder: OwnedPath) async -> Swift.Result<Bool, UpdateReport.Failure> {
        let reference = download.reference
        let destination: Place
        do { destination = try mirror.place(packPath(reference)) } catch {
            return .failure(.init(subject: reference.description, reason: error.description))
        }
        let result = await PackDownload.download(reference, urls: download.urls, to: destination, partialFolder: partialFolder,
                                                 fetcher: fetcher, progress: progress)
        if case .success = result, !FileManager.default.fileExists(atPath: checksumPath(reference)),
           let text = try? PackChecksum.create(pack: destination.path) {
            try? mirror.place(checksumPath(reference)).write(Array(text.utf8))
        }
        return result
    }

    /// Writes the description of each pack with copied archives, pointing at
    /// the mirror; the index entries for them, listing the version the pack
    /// id means (VersionRequirement.best) among those copied.
    private func publishDescriptions(_ chosen: [Chosen], copied: [PackFamily: [PackReference]], mirror: OwnedFolder,
                                     report: inout Report) -> [PackIndexEntry] {
        var published: [PackIndexEntry] = []
        for pack in chosen {
            let (entry, description) = (pack.entry, pack.description)
            guard let versions = copied[description.family],
                  let newestVersion = VersionRequirement.latest.best(of: versions.compactMap(\.semanticVersion), listed: entry.reference.semanticVersion),
                  let newest = versions.first(where: { $0.semanticVersion == newestVersion }) else { continue }
            let folderURL = baseURL + description.vendor + "/"
            do {
                try mirror.place(description.vendor + "/" + description.family.pdscFileName).write(Self.pointing(pack.bytes, at: folderURL))
            } catch {
                report.failed.append(.init(subject: description.family.description, reason: "\(error)"))
                continue
            }
            let latest = description.releases.first { $0.version == newest.version }
            let listing = PackIndexEntry(reference: newest, url: folderURL, date: latest?.date,
                                         deprecated: entry.deprecated ?? latest?.deprecated, replacement: entry.replacement ?? latest?.replacement)
            published.append(listing)
            var served = description
            served.url = folderURL
            served.releases = served.releases.map { var release = $0; release.url = nil; return release }
            // The archives in the folder now: this run's, and those an earlier run (with --all-versions) left.
            let held = description.releases.filter { release in
                (try? PackReference(vendor: description.vendor, name: description.name, version: release.version))
                    .map { FileManager.default.fileExists(atPath: packPath($0)) } ?? false
            }
            report.published.append(CataloguePack(entry: listing, description: served, archivePath: packPath(newest),
                                                   heldVersions: Set(held.map(\.version))))
        }
        return published
    }

    /// `<vendor>` of the index (PackIndex.xsd requires it): the vendor of the index mirrored.
    static func indexVendor(_ indexURLs: [String], _ collection: IndexCollector.Collection) -> String {
        indexURLs.lazy.compactMap { collection.headers[FetchURL.resolve($0)]?.vendor?.trimmingCharacters(in: .whitespacesAndNewlines) }
            .first { !$0.isEmpty } ?? "mirror"
    }

    private func writeIndex(_ published: [PackIndexEntry], vendor: String, mirror: OwnedFolder) throws(CacheError) {
        let text = PackIndexWriter.pidx(vendor: vendor, url: baseURL, entries: published, timestamp: PackIndexWriter.timestamp())
        try fileStep { () throws(FileError) in try mirror.place("index.pidx").write(Array(text.utf8)) }
    }

    func packPath(_ reference: PackReference) -> String { outputPath + "/\(reference.vendor)/" + reference.packFileName }
    func checksumPath(_ reference: PackReference) -> String { PackChecksum.path(forPack: packPath(reference)) }

    private func description(_ entry: PackIndexEntry) async -> Swift.Result<([UInt8], PackDescription), UpdateReport.Failure> {
        let family = entry.reference.family.description
        do {
            guard case .fetched(let content) = try await fetcher.fetch(FetchRequest(url: entry.pdscURL, sizeLimit: FetchLimits.description),
                                                                       onBytes: { [progress] in progress.received($0) }) else {
                return .failure(.init(subject: family, reason: "unexpected 'not modified' answer"))
            }
            let read = try PackDescriptionReader.read(bytes: content.bytes, source: entry.pdscURL)
            guard read.description.family == entry.reference.family else {
                return .failure(.init(subject: family, reason: "\(entry.pdscURL) describes \(read.description.family)"))
            }
            return .success((content.bytes, read.description))
        } catch let error as FetchError {
            return .failure(.init(subject: family, reason: error.description))
        } catch {
            return .failure(.init(subject: family, reason: "\(entry.pdscURL) is not a valid pack description: \(error)"))
        }
    }
}
