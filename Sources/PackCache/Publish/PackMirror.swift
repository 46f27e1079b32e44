import CMSISPack
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

    /// Fills the output folder, which must be new, empty, marked as a
    /// mirror by an earlier run, or hold nothing but a mirror's layout.
    public func run(indexURLs: [String], selection: Selection) async throws(CacheError) -> Report {
        try OwnedFolder.claim(outputPath, for: .mirror)
        let work: TemporaryFolder
        do { work = try TemporaryFolder.create(prefix: "cpm-mirror") } catch { throw .file(error) }
        defer { _ = try? FileOps.remove(work.owned) }
        return try await run(indexURLs: indexURLs, selection: selection, work: work)
    }

    private func run(indexURLs: [String], selection: Selection, work: TemporaryFolder) async throws(CacheError) -> Report {
        var report = Report()
        let store = CacheStore(dataPath: work.path, owner: .proven(work.owned))
        try store.prepare()
        let collection = await IndexCollector.collect(indexURLs.map { FetchURL.resolve($0) }, fetcher: fetcher, store: store,
                                                      validators: ValidatorStore(path: store.validatorsPath))
        guard collection.failures.isEmpty else {
            throw .install(subject: indexURLs.joined(separator: ", "), reason: "cannot read the index: " + collection.failures.joined(separator: "; "))
        }
        var entries = collection.entries
        let vendors = Set(selection.vendors.map { $0.lowercased() })
        let packs = Set(selection.packs)
        if selection.devices.isEmpty && !selection.isEmpty {
            entries = entries.filter { vendors.contains($0.reference.vendor.lowercased()) || packs.contains($0.reference.family) }
        }

        // Descriptions: needed for versions, archive URLs and device selection.
        progress.begin("descriptors", total: entries.count)
        let fetched = await withTaskGroup(of: (PackIndexEntry, Swift.Result<([UInt8], PackDescription), UpdateReport.Failure>).self) { group in
            for entry in entries {
                group.addTask { (entry, await self.description(entry)) }
            }
            var results: [(PackIndexEntry, Swift.Result<([UInt8], PackDescription), UpdateReport.Failure>)] = []
            for await result in group {
                progress.finishedOne(failed: (try? result.1.get()) == nil)
                results.append(result)
            }
            return results.sorted { $0.0.reference < $1.0.reference }
        }
        var chosen: [(PackIndexEntry, [UInt8], PackDescription)] = []
        var wantedDevices = Set(selection.devices.map { $0.lowercased() })
        for (entry, result) in fetched {
            switch result {
            case .failure(let failure):
                if selection.devices.isEmpty { report.failed.append(failure) }
            case .success(let (bytes, description)):
                if !selection.devices.isEmpty {
                    let names = Set(description.devices.effectiveDevices().map { $0.name.lowercased() })
                    let hits = wantedDevices.intersection(names)
                    let byName = vendors.contains(entry.reference.vendor.lowercased()) || packs.contains(entry.reference.family)
                    guard !hits.isEmpty || byName else { continue }
                    wantedDevices.subtract(hits)
                }
                chosen.append((entry, bytes, description))
            }
        }
        report.unknownDevices = selection.devices.filter { wantedDevices.contains($0.lowercased()) }

        // Archives, then the rewritten descriptions, then the index.
        var published: [PackIndexEntry] = []
        var downloads: [(PackReference, [String])] = []
        for (entry, _, description) in chosen {
            let newest = VersionRequirement.latest.best(of: description.releases.compactMap(\.semanticVersion),
                                                        listed: entry.reference.semanticVersion)
            let releases = selection.allVersions ? description.releases : Array(description.releases.filter { $0.semanticVersion == newest }.prefix(1))
            for release in releases {
                guard let reference = try? PackReference(vendor: description.vendor, name: description.name, version: release.version),
                      reference.semanticVersion?.isStrict == true else { continue }
                downloads.append((reference, PackDownload.urls(reference, release: release, description: description, entry: entry)))
            }
        }
        progress.begin("packs", total: downloads.count)
        let results = await withTaskGroup(of: (PackReference, Swift.Result<Bool, UpdateReport.Failure>).self) { group in
            for (reference, urls) in downloads {
                group.addTask {
                    let destination = self.packPath(reference)
                    let result = await PackDownload.download(reference, urls: urls, to: destination, partialFolder: store.partialFolder,
                                                             fetcher: self.fetcher, progress: self.progress)
                    if case .success = result, !FileManager.default.fileExists(atPath: self.checksumPath(reference)),
                       let text = try? PackChecksum.create(pack: destination) {
                        try? FileBytes.writeAtomically(Array(text.utf8), to: self.checksumPath(reference))
                    }
                    return (reference, result)
                }
            }
            var results: [(PackReference, Swift.Result<Bool, UpdateReport.Failure>)] = []
            for await result in group {
                progress.finishedOne(failed: (try? result.1.get()) == nil)
                results.append(result)
            }
            return results
        }
        var mirroredVersions: [PackFamily: [PackReference]] = [:]
        for (reference, result) in results.sorted(by: { $0.0 < $1.0 }) {
            switch result {
            case .success(let downloaded):
                if downloaded { report.mirrored.append(reference) } else { report.alreadyHeld += 1 }
                mirroredVersions[reference.family, default: []].append(reference)
            case .failure(let failure):
                report.failed.append(failure)
            }
        }
        for (entry, bytes, description) in chosen {
            // The index lists the version the pack id means (VersionRequirement.best), among those copied.
            guard let versions = mirroredVersions[description.family],
                  let newestVersion = VersionRequirement.latest.best(of: versions.compactMap(\.semanticVersion), listed: entry.reference.semanticVersion),
                  let newest = versions.first(where: { $0.semanticVersion == newestVersion }) else { continue }
            let rewritten = Self.pointing(bytes, at: baseURL + description.vendor + "/")
            do {
                try FileOps.createDirectory(outputPath + "/" + description.vendor)
                try FileBytes.writeAtomically(rewritten, to: outputPath + "/\(description.vendor)/" + description.family.pdscFileName)
            } catch {
                report.failed.append(.init(subject: description.family.description, reason: "\(error)"))
                continue
            }
            let latest = description.releases.first { $0.version == newest.version }
            let listing = PackIndexEntry(reference: newest, url: baseURL + description.vendor + "/", date: latest?.date,
                                         deprecated: entry.deprecated ?? latest?.deprecated, replacement: entry.replacement ?? latest?.replacement)
            published.append(listing)
            var served = description
            served.url = baseURL + description.vendor + "/"
            served.releases = served.releases.map { var release = $0; release.url = nil; return release }
            report.published.append(CataloguePack(entry: listing, description: served))
        }
        // <vendor> (PackIndex.xsd requires it): the vendor of the index mirrored.
        let vendor = indexURLs.lazy.compactMap { collection.headers[FetchURL.resolve($0)]?.vendor?.trimmingCharacters(in: .whitespacesAndNewlines) }
            .first { !$0.isEmpty } ?? "mirror"
        guard !published.isEmpty else {
            report.emptyIndex = true
            return report
        }
        let text = PackIndexWriter.pidx(vendor: vendor, url: baseURL, entries: published, timestamp: PackIndexWriter.timestamp())
        do { try FileBytes.writeAtomically(Array(text.utf8), to: outputPath + "/index.pidx") } catch { throw .file(error) }
        return report
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

    /// The description with its `<url>` set to the mirror's folder and the
    /// releases' own `url` attributes dropped, so every tool fetches the
    /// archives from the mirror. Everything else stays byte for byte.
    static func pointing(_ bytes: [UInt8], at url: String) -> [UInt8] {
        var text = String(decoding: bytes, as: UTF8.self)
        let escaped = XMLEscaping.text(url)
        // The package's <url>: the first one outside a comment (releases, boards and books use attributes).
        var searchFrom = text.startIndex
        while let open = text.range(of: "<url>", range: searchFrom..<text.endIndex) {
            let before = text[..<open.lowerBound]
            let commentOpen = before.range(of: "<!--", options: .backwards)?.lowerBound
            let commentClose = before.range(of: "-->", options: .backwards)?.lowerBound
            if let commentOpen, commentClose.map({ $0 < commentOpen }) ?? true {
                searchFrom = open.upperBound
                continue
            }
            if let close = text.range(of: "</url>", range: open.upperBound..<text.endIndex) {
                text.replaceSubrange(open.upperBound..<close.lowerBound, with: escaped)
            }
            break
        }
        // Swift's Regex, not NSRegularExpression (which runs on ICU, whose data the wheel leaves out).
        let releaseURL = try! Regex(#"(<release\b[^>]*?)\s+url\s*=\s*("[^"]*"|'[^']*')"#, as: (Substring, Substring, Substring).self)
            .matchingSemantics(.unicodeScalar)
        text = text.replacing(releaseURL) { $0.output.1 }
        return Array(text.utf8)
    }
}
