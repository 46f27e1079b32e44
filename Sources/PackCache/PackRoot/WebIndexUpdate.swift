import CMSISPack
import OwnedFiles
import Foundation

/// `pack init` / `pack update-index`: brings `.Web/` up to date with a pack
/// index — `index.pidx`, and the `<Vendor>.<Name>.pdsc` files the scope
/// asks for — with the cache's downloader (conditional requests,
/// concurrency, retries), as cpackget does: `init` fetches the index only
/// (every description with `--all-pdsc-files`), `update-index` also
/// refreshes the descriptions already in `.Web` whose version the index
/// changed (none with `--sparse`). Descriptions no longer listed are
/// removed; a description that fails to arrive or to parse never replaces a
/// good one. When the index cannot be read at all (offline), nothing changes.
/// `.Web/cache.pidx` is kept in step for cpackget.
public struct WebIndexUpdate: Sendable {
    public let root: PackRootFolder
    public let fetcher: Fetcher
    public let progress: ProgressTracker
    /// Descriptions held at the listed version are asked about again only
    /// when this says so (`--revalidate`, or last asked over a week ago).
    public var revalidation = Revalidation()
    public var layout: PackRootLayout { root.layout }

    public init(root: PackRootFolder, fetcher: Fetcher, progress: ProgressTracker = ProgressTracker()) {
        self.root = root
        self.fetcher = fetcher
        self.progress = progress
    }

    /// Which descriptions to fetch besides the index.
    public struct Scope: Sendable {
        /// Those in `.Web` whose version differs from the index's.
        public var refreshCached: Bool
        /// Every listed description `.Web` lacks (`--all-pdsc-files`).
        public var fetchMissing: Bool
        /// With `fetchMissing`: deprecated packs too (`--deprecated`).
        public var includeDeprecated: Bool

        public init(refreshCached: Bool, fetchMissing: Bool, includeDeprecated: Bool = false) {
            self.refreshCached = refreshCached
            self.fetchMissing = fetchMissing
            self.includeDeprecated = includeDeprecated
        }

        /// `init`: the index only.
        public static let indexOnly = Scope(refreshCached: false, fetchMissing: false)
    }

    public struct Report: Sendable {
        public var indexURL = ""
        public var listed = 0
        public var new: [String] = []
        public var updated: [String] = []
        public var unchanged = 0
        public var removed: [String] = []
        public var failed: [UpdateReport.Failure] = []
        public var diagnostics: [Diagnostic] = []
        /// `.Local` descriptions of packs that are not public, fetched again from their `<url>`.
        public var localUpdated: [String] = []
        /// Those that could not be (said, but not fatal, as with cpackget).
        public var localFailed: [UpdateReport.Failure] = []
        /// Servers that limited our requests, for the summary.
        public var serverLimits: [ServerLimit] = []
    }

    /// The index the root follows: the one given (remembered for next
    /// time), else the one remembered, else the `<url>` of `.Web/index.pidx`,
    /// else Keil's public index.
    public func indexURL(given: String?) -> String {
        if let given, !given.isEmpty { return FetchURL.resolve(given) }
        if FileStat(layout.indexSourcePath, followingLinks: false)?.isFile == true,
           let saved = try? String(contentsOfFile: layout.indexSourcePath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
           !saved.isEmpty {
            return saved
        }
        if let index = try? PackIndexReader.read(path: layout.indexPath).index, let url = index.url, !url.isEmpty {
            return FolderURL.slashed(url) + "index.pidx"
        }
        return IndexSources.defaultIndexURL
    }

    public func run(indexURL given: String?, scope: Scope) async throws(CacheError) -> Report {
        var report = Report()
        let url = indexURL(given: given)
        report.indexURL = url
        let store = CacheStore(root.webStore)
        try store.prepare()
        // An index the user names is followed from now on, even when it cannot be read this time;
        // one found otherwise is remembered once it has been read.
        let named = !(given ?? "").isEmpty
        if named { try remember(url) }
        let validators = ValidatorStore(place: store.validatorsPlace)
        progress.begin("index", total: 1)
        let collection = await IndexCollector.collect([url], fetcher: fetcher, store: store, validators: validators)
        progress.finishedOne(failed: !collection.failures.isEmpty)
        report.diagnostics = collection.diagnostics
        // A saved copy of the index is no substitute here: .Web must not change offline.
        guard collection.complete, collection.failures.isEmpty else {
            let reason = collection.failures.joined(separator: "; ")
            let hint = collection.unreachable ? " Are you offline, or is a proxy needed (http_proxy, https_proxy)?" : ""
            throw .install(.indexUnreadable(url: url, reason: "cannot read the pack index (\(reason)); .Web keeps the index and descriptions it has.\(hint)"))
        }
        report.listed = collection.entries.count
        try writeIndex(url: url, store: store, entries: collection.entries)
        if !named { try remember(url) }

        let wanted = descriptionsToFetch(collection.entries, scope: scope, validators: validators)
        var changed: [(PackFamily, PackDescription)] = []
        await progress.each(wanted, phase: "descriptors", failed: { (try? $0.get()) == nil }, run: { entry in
            await self.refresh(entry, validators: validators)
        }, receive: { entry, result in
            let family = entry.reference.family
            switch result {
            case .success(.new(let description)):
                report.new.append(family.description)
                changed.append((family, description))
            case .success(.updated(let description)):
                report.updated.append(family.description)
                changed.append((family, description))
            case .success(.unchanged): report.unchanged += 1
            case .failure(let failure): report.failed.append(failure)
            }
        })
        // Descriptions of packs the index no longer lists.
        let listed = Set(collection.entries.map(\.reference.family.pdscFileName))
        var removed: [PackFamily] = []
        for name in (try? root.place(layout.webPath).entries()) ?? [] where name.hasSuffix(".pdsc") && !listed.contains(name) {
            guard let owned = root.webDescription(fileName: name), (try? owned.remove()) == true else { continue }
            report.removed.append(String(name.dropLast(5)))
            if let family = try? PackNaming.parsePDSCFileName(name).family { removed.append(family) }
        }
        try WebCacheIndex(root: root).record(changed, removing: removed)
        if scope.refreshCached { await refreshLocalDescriptions(listed: listed, validators: validators, report: &report) }
        try validators.save()
        report.serverLimits = fetcher.statistics.serverLimits
        report.new.sort()
        report.updated.sort()
        report.removed.sort()
        report.failed.sort { $0.subject < $1.subject }
        return report
    }

    /// The index URL `update-index` follows (`.Web/.cpm/index-url`).
    private func remember(_ url: String) throws(CacheError) {
        try fileStep { () throws(FileError) in try root.webStore.work.inside("index-url")!.place.write(Array((url + "\n").utf8)) }
    }

    /// `.Web/index.pidx`: the fetched file itself when it is a flat `.pidx`
    /// (other tools expect it as published), else the flattened list.
    private func writeIndex(url: String, store: CacheStore, entries: [PackIndexEntry]) throws(CacheError) {
        var bytes: [UInt8]?
        var vendor = "index"
        if let copy = try? FileBytes.read(store.indexCopyPath(for: url)),
           let read = try? PackIndexReader.read(bytes: copy, source: url) {
            if read.index.kind == .pidx { bytes = copy }
            if let named = read.index.vendor?.trimmingCharacters(in: .whitespacesAndNewlines), !named.isEmpty { vendor = named }
        }
        let text = bytes ?? Array(PackIndexWriter.pidx(vendor: vendor, url: url, entries: entries, timestamp: PackIndexWriter.timestamp()).utf8)
        if (try? FileBytes.read(layout.indexPath)) == text { return }
        try fileStep { () throws(FileError) in try root.place(layout.indexPath).write(text) }
    }

    /// The listed descriptions the scope asks for.
    private func descriptionsToFetch(_ entries: [PackIndexEntry], scope: Scope, validators: ValidatorStore) -> [PackIndexEntry] {
        guard scope.refreshCached || scope.fetchMissing else { return [] }
        let cached = scope.refreshCached ? WebCacheIndex(root: root).versions() : [:]
        return entries.filter { entry in
            let family = entry.reference.family
            guard FileManager.default.fileExists(atPath: layout.webDescriptionPath(family)) else {
                return scope.fetchMissing && (scope.includeDeprecated || !PackDeprecation.isInEffect(entry.deprecated))
            }
            guard scope.refreshCached else { return false }
            return revalidation.mustAsk(listed: entry.reference.withoutBuildMetadata.version, held: cached[family],
                                        lastChecked: validators.lastChecked(entry.pdscURL))
        }
    }

    /// Fetches one pack's description into `.Web` (when `pack add` finds it
    /// missing or older than the index), and records it in `cache.pidx`.
    public func fetchDescription(_ entry: PackIndexEntry) async throws(CacheError) -> PackDescription? {
        let store = CacheStore(root.webStore)
        try store.prepare()
        let validators = ValidatorStore(place: store.validatorsPlace)
        switch await refresh(entry, validators: validators) {
        case .success(.new(let description)), .success(.updated(let description)):
            try validators.save()
            try WebCacheIndex(root: root).record([(entry.reference.family, description)], removing: [])
            return description
        case .success(.unchanged):
            try validators.save()
            return nil
        case .failure(let failure):
            throw .install(.descriptionUnavailable(pack: failure.subject, reason: failure.reason))
        }
    }

    enum Fetched: Sendable {
        case new(PackDescription)
        case updated(PackDescription)
        case unchanged
    }

    /// One description: new, updated or unchanged, or why it failed.
    /// cpackget's update-index also fetches again the `.Local` description of
    /// each installed pack that is not public, from the `<url>` it names.
    private func refreshLocalDescriptions(listed: Set<String>, validators: ValidatorStore, report: inout Report) async {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: layout.localPath)) ?? []
        for name in names.sorted() where name.hasSuffix(".pdsc") && !listed.contains(name) {
            guard let family = try? PackNaming.parsePDSCFileName(name).family,
                  let description = try? PackDescriptionReader.read(path: layout.localPath + "/" + name).description,
                  description.url.lowercased().hasPrefix("http"),
                  let version = description.latestRelease?.version,
                  let reference = try? PackReference(vendor: family.vendor, name: family.name, version: version) else { continue }
            let entry = PackIndexEntry(reference: reference, url: description.url)
            switch await refresh(entry, validators: validators, destination: layout.localDescriptionPath(family)) {
            case .success(.new), .success(.updated): report.localUpdated.append(family.description)
            case .success(.unchanged): break
            case .failure(let failure): report.localFailed.append(failure)
            }
        }
    }

    private func refresh(_ entry: PackIndexEntry, validators: ValidatorStore, destination: String? = nil) async -> Result<Fetched, UpdateReport.Failure> {
        let family = entry.reference.family
        let destination = destination ?? layout.webDescriptionPath(family)
        let url = entry.pdscURL
        do {
            let outcome = try await fetcher.fetch(FetchRequest(url: url, validators: validators.validators(for: url)?.validators,
                                                               sizeLimit: FetchLimits.description)) { [progress] bytes in progress.received(bytes) }
            guard case .fetched(let content) = outcome else {
                validators.markChecked(url)
                return .success(.unchanged)
            }
            let description: PackDescription
            do { description = try PackDescriptionReader.read(bytes: content.bytes, source: url).description } catch {
                return .failure(.init(subject: family.description, reason: "\(url) is not a valid pack description: \(error)"))
            }
            guard description.vendor == family.vendor, description.name == family.name else {
                return .failure(.init(subject: family.description, reason: "\(url) describes pack \(description.family), not \(family)"))
            }
            let existing = try? FileBytes.read(destination)
            if existing != content.bytes {
                try root.place(destination).write(content.bytes)
            }
            validators.set(url, validators: content.validators, file: destination)
            if existing == nil { return .success(.new(description)) }
            return .success(existing == content.bytes ? .unchanged : .updated(description))
        } catch let error as FetchError {
            return .failure(.init(subject: family.description, reason: error.description))
        } catch {
            return .failure(.init(subject: family.description, reason: "\(error)"))
        }
    }
}
