import CMSISPack
import PackCheck
import OwnedFiles
import Foundation

/// `index build`: what vidx2pidx and an index service do. Reads vendor
/// `.pidx`/`.vidx` files and single description URLs, fetches every
/// description with the cache's downloader, checks it, and produces a flat
/// index of the packs that pass, with the reasons for those that do not.
///
/// ```swift
/// let result = try await TemporaryFolder.with(prefix: "cpm-index-build") { work in
///     try await IndexBuild(fetcher: fetcher, work: work).run(sources: ["https://acme.com/Acme.pidx"])
/// }
/// let text = PackIndexWriter.pidx(vendor: result.vendor ?? "Acme", url: result.url ?? "https://acme.com/",
///                                 entries: result.accepted, timestamp: now)
/// ```
public struct IndexBuild: Sendable {
    public let fetcher: Fetcher
    public let progress: ProgressTracker
    /// Folder for copies of index files and HTTP validators.
    public let work: TemporaryFolder
    /// Checks of a description's bytes (fetched from the URL given): the
    /// reasons to reject it, none when it passes.
    public let check: @Sendable (_ bytes: [UInt8], _ source: String) -> [String]
    /// `--verify-archives`: ask (HEAD) for every release's archive of each
    /// pack that passes; a missing newest archive rejects the pack, missing
    /// earlier ones are reported (`OnlineCheck`'s archive rules).
    public var verifyArchives = false

    public init(fetcher: Fetcher, progress: ProgressTracker = ProgressTracker(), work: TemporaryFolder,
                check: @escaping @Sendable ([UInt8], String) -> [String] = { _, _ in [] }) {
        self.fetcher = fetcher
        self.progress = progress
        self.work = work
        self.check = check
    }

    public struct Rejection: Error, Sendable, Equatable {
        public var pack: String
        public var url: String
        public var reasons: [String]
    }

    public struct Result: Sendable {
        public var accepted: [PackIndexEntry] = []
        public var rejected: [Rejection] = []
        /// Remarks that did not reject a pack (a stale index entry, a moved `<url>`…).
        public var warnings: [String] = []
        /// Packs listed more than once; the listing kept is named (vidx2pidx reports these as errors).
        public var duplicates: [String] = []
        /// `<vendor>` and `<url>` of the first input `.vidx` that has them, for the index's own.
        public var vendor: String?
        public var url: String?
        /// The accepted descriptions as fetched, when `keepDescriptions` (for the catalogue).
        public var descriptions: [PackFamily: FetchedDescription] = [:]
        /// With `verifyArchives`: what is missing (or could not be checked) of each accepted pack.
        public var archiveFindings: [PackFamily: [Finding]] = [:]

        public var reportJSON: JSONValue {
            .object([
                "accepted": .array(accepted.map { .string($0.reference.description) }),
                "rejected": .array(rejected.map { rejection in
                    .object(["pack": .string(rejection.pack), "url": .string(rejection.url),
                             "reasons": .array(rejection.reasons.map(JSONValue.string))])
                }),
                "warnings": .array(warnings.map(JSONValue.string)),
                "duplicates": .array(duplicates.map(JSONValue.string)),
                "archives": .array(archiveFindings.keys.sorted().flatMap { family in
                    archiveFindings[family]!.map { finding in
                        .object(["pack": .string(family.description), "id": .string(finding.id),
                                 "severity": .string(finding.severity.rawValue), "message": .string(finding.message)])
                    }
                }),
            ])
        }
    }

    /// A description as fetched, with the URL it came from.
    public struct FetchedDescription: Sendable {
        public var bytes: [UInt8]
        public var url: String
        public var description: PackDescription
    }

    /// A description to fetch, and what the listing said about it.
    struct Candidate: Sendable {
        var url: String
        var listed: PackIndexEntry?
        var family: PackFamily?
    }

    typealias Accepted = (PackIndexEntry, [String], FetchedDescription, [Finding])

    /// `keepDescriptions`: return the accepted descriptions (their bytes and
    /// parsed form) in `Result.descriptions`, for a catalogue.
    public func run(sources: [String], keepDescriptions: Bool = false) async throws(CacheError) -> Result {
        var result = Result()
        var candidates: [Candidate] = []
        var indexURLs: [String] = []
        for source in sources {
            let url = FetchURL.resolve(source)
            let lowered = url.lowercased()
            if lowered.hasSuffix(".pidx") || lowered.hasSuffix(".vidx") || lowered.hasSuffix(".idx") {
                indexURLs.append(url)
            } else if lowered.hasSuffix(".pdsc") {
                let family = try? PackNaming.parsePDSCFileName((URL(string: url)?.lastPathComponent) ?? url).family
                candidates.append(Candidate(url: url, listed: nil, family: family))
            } else {
                result.rejected.append(Rejection(pack: source, url: url, reasons: ["not a .pidx, .vidx or .pdsc URL"]))
            }
        }
        if !indexURLs.isEmpty {
            let store = CacheStore(work.store)
            try store.prepare()
            let validators = ValidatorStore(place: store.validatorsPlace)
            let collection = await IndexCollector.collect(indexURLs, fetcher: fetcher, store: store, validators: validators)
            for failure in collection.failures { result.rejected.append(Rejection(pack: "(index)", url: failure, reasons: ["cannot read this index"])) }
            // Refused entries, and entries a file lists twice (the reader keeps the first).
            for diagnostic in collection.diagnostics where diagnostic.severity == .error || diagnostic.message.contains("is listed again") {
                if diagnostic.severity == .error { result.warnings.append(diagnostic.description) } else { result.duplicates.append(diagnostic.description) }
            }
            result.duplicates += collection.duplicates.map(\.message)
            for url in indexURLs {
                guard let header = collection.headers[url], header.kind == .vidx else { continue }
                let vendor = header.vendor?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                let address = header.url?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                if result.vendor == nil, !vendor.isEmpty { result.vendor = vendor }
                if result.url == nil, !address.isEmpty { result.url = address }
            }
            candidates += collection.entries.map { Candidate(url: $0.pdscURL, listed: $0, family: $0.reference.family) }
        }
        // One candidate per pack: an explicit description URL wins over a listing.
        var seen = Set<PackFamily>()
        candidates = candidates.reversed().filter { candidate in
            guard let family = candidate.family else { return true }
            return seen.insert(family).inserted
        }.reversed()

        let outcomes = await progress.collect(candidates, phase: "descriptors", failed: { (try? $0.get()) == nil }) {
            await self.examine($0)
        }
        for outcome in outcomes {
            switch outcome {
            case .success(let (entry, warnings, fetched, archives)):
                result.accepted.append(entry)
                result.warnings += warnings
                if keepDescriptions { result.descriptions[entry.reference.family] = fetched }
                if !archives.isEmpty {
                    result.archiveFindings[entry.reference.family] = archives
                    result.warnings += archives.map { "\(entry.reference.family): [\($0.id)] \($0.message)" }
                }
            case .failure(let rejection):
                result.rejected.append(rejection)
            }
        }
        result.accepted.sort { $0.reference < $1.reference }
        result.rejected.sort { $0.pack < $1.pack }
        return result
    }

    private func examine(_ candidate: Candidate) async -> Swift.Result<Accepted, Rejection> {
        let name = candidate.family?.description ?? candidate.url
        func reject(_ reasons: [String]) -> Swift.Result<Accepted, Rejection> {
            .failure(Rejection(pack: name, url: candidate.url, reasons: reasons))
        }
        let bytes: [UInt8]
        do {
            let outcome = try await fetcher.fetch(FetchRequest(url: candidate.url, sizeLimit: FetchLimits.description),
                                                  onBytes: { [progress] in progress.received($0) })
            guard case .fetched(let content) = outcome else { return reject(["unexpected 'not modified' answer"]) }
            bytes = content.bytes
        } catch {
            return reject([error.description])
        }
        let read: PackDescriptionReader.Result
        do { read = try PackDescriptionReader.read(bytes: bytes, source: candidate.url) } catch {
            return reject(["not a valid pack description: \(error)"])
        }
        let description = read.description
        var reasons: [String] = []
        var warnings: [String] = []
        if let family = candidate.family, family != description.family {
            reasons.append("the file describes \(description.family), not \(family)")
        }
        // The version the index lists: the one the pack id means (VersionRequirement.best), among valid releases.
        let listed = candidate.listed?.reference.semanticVersion
        let versions = description.releases.compactMap(\.semanticVersion).filter(\.isStrict)
        guard let chosen = VersionRequirement.latest.best(of: versions, listed: listed),
              let release = description.releases.first(where: { $0.semanticVersion == chosen && $0.semanticVersion?.isStrict == true }),
              let reference = try? PackReference(vendor: description.vendor, name: description.name, version: release.version)
        else {
            return reject(reasons + ["no valid release version (newest: \(description.latestRelease?.version ?? "none"))"])
        }
        reasons += check(bytes, candidate.url)
        guard reasons.isEmpty else { return reject(reasons) }

        if let listed, let found = description.latestRelease?.semanticVersion, listed != found {
            warnings.append("\(reference.family): the index listed \(listed), the description's newest release is \(found); \(chosen) is indexed")
        }
        let folder = String(candidate.url[..<(candidate.url.range(of: "/", options: .backwards)?.upperBound ?? candidate.url.endIndex)])
        let stated = FolderURL.slashed(description.url)
        if !description.url.isEmpty && stated != folder {
            warnings.append("\(reference.family): the description's <url> is \(description.url), but it was found at \(folder)")
        }
        let entry = PackIndexEntry(reference: reference, url: folder, date: release.date,
                                   deprecated: candidate.listed?.deprecated ?? release.deprecated,
                                   replacement: candidate.listed?.replacement ?? release.replacement)
        var archives: [Finding] = []
        if verifyArchives {
            archives = await OnlineCheck(fetcher: fetcher).archiveFindings(of: bytes, description, foundAt: folder, source: candidate.url)
            let missing = archives.filter { $0.rule == .newestArchiveMissing }
            if !missing.isEmpty { return reject(missing.map { (($0.line.map { "line \($0): " }) ?? "") + "[\($0.id)] \($0.message)" }) }
        }
        return .success((entry, warnings, FetchedDescription(bytes: bytes, url: candidate.url, description: description), archives))
    }
}
