import CMSISPack
import OwnedFiles
import Foundation

/// Downloads `.pack` files into `<data>/<Vendor>/<Name>/<version>.pack`: a
/// version already held is not downloaded again, an interrupted download is
/// resumed (Range requests, within a run and across runs), and an archive is
/// checked (a zip whose description names the same vendor, name and
/// version) before it goes into the cache.
public struct PackDownload: Sendable {
    public let locations: CacheLocations
    public let fetcher: Fetcher
    public let progress: ProgressTracker
    let store: CacheStore

    /// Writes through the data folder `lock` claimed and holds.
    public init(lock: CacheLock, fetcher: Fetcher, progress: ProgressTracker = ProgressTracker()) {
        locations = lock.locations
        self.fetcher = fetcher
        self.progress = progress
        store = CacheStore(lock.data.store)
    }

    /// A pack to fetch and the URLs to try, best first.
    public struct Wanted: Sendable {
        public var reference: PackReference
        public var urls: [String]

        public init(reference: PackReference, urls: [String]) {
            self.reference = reference
            self.urls = urls
        }
    }

    /// Every pack listed by the indexes, newest version (`cache everything`).
    public func downloadAll(into report: inout UpdateReport) async throws(CacheError) {
        let newest = DescriptorUpdate.newestRecords(try readIndex(), inside: store.dataPath)
        var wanted: [Wanted] = []
        for entry in report.entries {
            let record = newest[entry.reference.family]
            let described = record.flatMap { try? PackReference(vendor: $0.vendor, name: $0.pack, version: $0.version) }
            let reference = Self.meant(described ?? entry.reference, entry: entry)
            wanted.append(Wanted(reference: reference, urls: Self.urls(reference, record: record, entry: entry)))
        }
        await download(wanted, into: &report)
    }

    /// The packs that define the named devices (`cache devices`).
    public func download(devices names: [String], into report: inout UpdateReport) async throws(CacheError) {
        let index = try readIndex()
        var wanted: [Wanted] = []
        var seen = Set<PackReference>()
        let entries = Dictionary(report.entries.map { ($0.reference.family, $0) }, uniquingKeysWith: { first, _ in first })
        for name in names {
            let key = index.devices[name] != nil ? name : index.devices.keys.first { $0.lowercased() == name.lowercased() }
            guard let key, let fromPack = index.devices[key]?.fromPack,
                  let reference = try? PackReference(vendor: fromPack.vendor, name: fromPack.pack, version: fromPack.version)
            else {
                let similar = CatalogSearch.suggestions(for: name, as: .device, in: index, limit: 6)
                report.packFailures.append(.init(subject: name, reason: CacheError.noDevice(name, similar: similar).description))
                continue
            }
            let record = index.packs[reference.description]
            let entry = entries[reference.family]
            let meant = Self.meant(reference, entry: entry)
            guard seen.insert(meant).inserted else { continue }
            wanted.append(Wanted(reference: meant, urls: Self.urls(meant, record: record, entry: entry)))
        }
        await download(wanted, into: &report)
    }

    /// Packs named `Vendor.Name.version`, from the URLs the device index
    /// records for them (the C interface's `cpm_download_packs`).
    public func download(references names: [String], into report: inout UpdateReport) async throws(CacheError) {
        let index = try readIndex()
        var wanted: [Wanted] = []
        for text in names {
            guard let reference = try? PackNaming.parsePackFileName(text + ".pack") else {
                report.packFailures.append(.init(subject: text, reason: "not a pack reference of the form Vendor.Name.version"))
                continue
            }
            let urls = Self.urls(reference, record: index.packs[reference.description], entry: nil)
            if urls.isEmpty {
                report.packFailures.append(.init(subject: text, reason: "not in the device index, so its URL is unknown; update the descriptions first"))
                continue
            }
            wanted.append(Wanted(reference: reference, urls: urls))
        }
        await download(wanted, into: &report)
    }

    /// The version to download for a pack whose description's newest release
    /// is `described`: the one the pack id means (`VersionRequirement.best`),
    /// so a pre-release the index does not list is not fetched.
    static func meant(_ described: PackReference, entry: PackIndexEntry?) -> PackReference {
        let candidates = [described, entry?.reference].compactMap { $0 }
        let chosen = VersionRequirement.latest.best(of: candidates.compactMap(\.semanticVersion), listed: entry?.reference.semanticVersion)
        return candidates.first { $0.semanticVersion == chosen } ?? described
    }

    /// The release's own URL or the description's `<url>`, then the index's folder.
    public static func urls(_ reference: PackReference, record: PackRecord?, entry: PackIndexEntry?) -> [String] {
        var urls: [String] = []
        if let packURL = record?.packURL, record?.version == reference.version { urls.append(packURL) }
        if let record, !record.url.isEmpty {
            urls.append(FolderURL.slashed(record.url) + reference.packFileName)
        }
        if let entry { urls.append(entry.folderURL + reference.packFileName) }
        var seen = Set<String>()
        return urls.map { FetchURL.resolve($0, relativeTo: entry?.pdscURL) }.filter { seen.insert($0).inserted }
    }

    /// Where one release's archive may be, best first: the release's own
    /// `url` (relative to the pack's folder), the folder of the description's
    /// `<url>`, then the index entry's folder when it differs (a rehosted pack).
    public static func urls(_ reference: PackReference, release: Release, description: PackDescription, entry: PackIndexEntry?) -> [String] {
        let folder = description.url.isEmpty ? entry?.folderURL : FolderURL.slashed(description.url)
        var urls: [String] = []
        if let url = release.url, !url.isEmpty { urls.append(FetchURL.resolve(url, relativeTo: folder)) }
        // A version with build metadata: cpackget asks for the file named without it (1.2.3+b → …1.2.3.pack), then the full name.
        let names = [reference.withoutBuildMetadata.packFileName, reference.packFileName].reduce(into: [String]()) { names, name in
            if !names.contains(name) { names.append(name) }
        }
        if let folder { urls += names.map { folder + $0 } }
        if let entry, entry.folderURL != folder { urls += names.map { entry.folderURL + $0 } }
        return urls
    }

    public func download(_ wanted: [Wanted], into report: inout UpdateReport) async {
        let results = await progress.collect(wanted, phase: "packs", failed: { (try? $0.get()) == nil }) { await self.fetch($0) }
        for (reference, result) in zip(wanted.map(\.reference), results).sorted(by: { $0.0 < $1.0 }) {
            switch result {
            case .success(true): report.packsDownloaded.append(reference.description)
            case .success(false): report.packsHeld += 1
            case .failure(let failure): report.packFailures.append(failure)
            }
        }
        report.serverLimits = fetcher.statistics.serverLimits
    }

    private func readIndex() throws(CacheError) -> DeviceIndex {
        do { return try DeviceIndex.read(locations.indexPaths) } catch { throw .index(error) }
    }

    /// Downloads one pack; true when downloaded, false when already held.
    func fetch(_ wanted: Wanted) async -> Result<Bool, UpdateReport.Failure> {
        let destination: Place
        do { destination = try store.place(store.layout.packPath(wanted.reference)) } catch {
            return .failure(.init(subject: wanted.reference.description, reason: error.description))
        }
        return await Self.download(wanted.reference, urls: wanted.urls, to: destination,
                                   partialFolder: store.partialFolder, fetcher: fetcher, progress: progress)
    }

    /// Downloads `reference` from the first URL that has it into
    /// `destination` (true), or finds it already there (false). The file
    /// arrives in `partialFolder` first, is resumed there after an
    /// interruption, and is checked (a zip holding that pack's description)
    /// before it is renamed into place, so `destination` is never half-written.
    ///
    /// A process killed after the last byte leaves a whole `.part`: it is
    /// checked and used without asking again. A server that answers a
    /// resume with 416 (nothing more to send, or the file changed) gets a
    /// fresh download from the start.
    public static func download(_ reference: PackReference, urls: [String], to destination: Place, partialFolder: OwnedPath,
                                fetcher: Fetcher, progress: ProgressTracker) async -> Result<Bool, UpdateReport.Failure> {
        let part = partialFolder.inside(reference.packFileName + ".part")!
        let sidecar = partialFolder.inside(reference.packFileName + ".part.json")!
        if destination.exists {
            // A run killed between the rename and this cleanup left these.
            _ = try? sidecar.remove()
            return .success(false)
        }
        do { try partialFolder.ensureWorkFolder() } catch {
            return .failure(.init(subject: reference.description, reason: error.description))
        }
        if let info = part.place.info(), info.isFile, info.size > 0, verify(part.path, reference: reference) == nil {
            return place(part, sidecar: sidecar, at: destination, reference: reference)
        }
        var lastFailure = "no URL to download \(reference.packFileName) from"
        var missingAt: [String] = []
        for url in urls {
            var restarted = false
            while true {
                var resumeFrom: Int64 = 0
                var validator: String?
                if let saved = PartialDownload.read(sidecar.place), saved.url == url, let size = part.place.info()?.size, size > 0 {
                    resumeFrom = size
                    validator = saved.validator
                } else {
                    _ = try? part.remove()
                }
                var request = FetchRequest(url: url, destination: .file(part.place, resumeFrom: resumeFrom),
                                           sizeLimit: FetchLimits.pack, resumeValidator: validator)
                // Recorded as soon as the answer starts, so even a killed process can resume.
                request.onResponse = { validators in
                    if let validator = validators?.ifRange { PartialDownload(url: url, validator: validator).write(sidecar.place) }
                }
                do {
                    let outcome = try await fetcher.fetch(request) { [progress] bytes in progress.received(bytes) }
                    guard case .fetched = outcome else {
                        lastFailure = "\(url): unexpected 'not modified' answer"
                        break
                    }
                    if let problem = verify(part.path, reference: reference) {
                        _ = try? part.remove()
                        _ = try? sidecar.remove()
                        lastFailure = "\(url): \(problem)"
                        break
                    }
                    return place(part, sidecar: sidecar, at: destination, reference: reference)
                } catch {
                    lastFailure = error.description
                    if error.kind == .clientStatus(416), resumeFrom > 0, !restarted {
                        // The part no longer fits what the server has: start again.
                        _ = try? part.remove()
                        _ = try? sidecar.remove()
                        restarted = true
                        continue
                    }
                    // Keep what arrived, to resume next time from the same URL.
                    if let validators = error.validators, let size = part.place.info()?.size, size > 0 {
                        PartialDownload(url: url, validator: validators.ifRange).write(sidecar.place)
                    } else {
                        _ = try? part.remove()
                        _ = try? sidecar.remove()
                    }
                    if error.isMissingHere {
                        missingAt.append(url)
                        break
                    }
                    return .failure(.init(subject: reference.description, reason: lastFailure))
                }
            }
        }
        if !urls.isEmpty, missingAt.count == urls.count {
            let places = missingAt.count == 1 ? lastFailure : "not found at " + missingAt.joined(separator: ", ")
            return .failure(.init(subject: reference.description, reason: places, notFound: true))
        }
        return .failure(.init(subject: reference.description, reason: lastFailure))
    }

    /// Moves a checked download into place.
    private static func place(_ part: OwnedPath, sidecar: OwnedPath, at destination: Place,
                              reference: PackReference) -> Result<Bool, UpdateReport.Failure> {
        do { try part.move(to: destination) } catch {
            return .failure(.init(subject: reference.description, reason: error.description))
        }
        _ = try? sidecar.remove()
        return .success(true)
    }

    /// Nil when the file is a pack for `reference`, else what is wrong.
    static func verify(_ path: String, reference: PackReference) -> String? {
        let read: PackDescriptionReader.Result
        do {
            read = try PackArchive(path: path).readDescription()
        } catch {
            return "not a valid pack: \(error)"
        }
        let description = read.description
        guard description.vendor.lowercased() == reference.vendor.lowercased(),
              description.name.lowercased() == reference.name.lowercased() else {
            return "the archive holds pack \(description.vendor).\(description.name), not \(reference.vendor).\(reference.name)"
        }
        let versions = description.releases.compactMap(\.semanticVersion)
        guard let wanted = reference.semanticVersion, versions.contains(wanted) else {
            return "the archive's description has no release \(reference.version) (newest: \(description.latestRelease?.version ?? "none"))"
        }
        return nil
    }
}

/// What a partial pack download was fetched from, to resume it safely.
struct PartialDownload: Equatable {
    var url: String
    var validator: String?

    static func read(_ place: Place) -> PartialDownload? {
        guard let bytes = try? place.read(limit: 1 << 20), let value = try? JSONParser.parse(bytes),
              let url = value["url"]?.stringValue else { return nil }
        return PartialDownload(url: url, validator: value["validator"]?.stringValue)
    }

    func write(_ place: Place) {
        let value = JSONValue.object(["url": .string(url), "validator": validator.map(JSONValue.string) ?? .null])
        try? place.write(value.serialized())
    }
}
