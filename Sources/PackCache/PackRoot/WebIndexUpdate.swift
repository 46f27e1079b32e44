import CMSISPack
import Foundation

/// `pack init` / `pack update-index`: brings `.Web/` up to date with a pack
/// index — `index.pidx` and one `<Vendor>.<Name>.pdsc` per listed pack —
/// with the cache's downloader (conditional requests, concurrency,
/// retries). Descriptions no longer listed are removed; a description that
/// fails to arrive or to parse never replaces a good one. When the index
/// cannot be read at all (offline), nothing changes.
public struct WebIndexUpdate: Sendable {
    public let layout: PackRootLayout
    public let fetcher: Fetcher
    public let progress: ProgressTracker

    public init(layout: PackRootLayout, fetcher: Fetcher, progress: ProgressTracker = ProgressTracker()) {
        self.layout = layout
        self.fetcher = fetcher
        self.progress = progress
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
    }

    /// The index the root follows: the one given (remembered for next
    /// time), else the one remembered, else the `<url>` of `.Web/index.pidx`,
    /// else Keil's public index.
    public func indexURL(given: String?) -> String {
        if let given, !given.isEmpty { return FetchURL.resolve(given) }
        if let saved = try? String(contentsOfFile: layout.indexSourcePath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
           !saved.isEmpty {
            return saved
        }
        if let index = try? PackIndexReader.read(path: layout.indexPath).index, let url = index.url, !url.isEmpty {
            return FolderURL.slashed(url) + "index.pidx"
        }
        return IndexSources.defaultIndexURL
    }

    public func run(indexURL given: String?) async throws(CacheError) -> Report {
        var report = Report()
        let url = indexURL(given: given)
        report.indexURL = url
        let store = CacheStore(dataPath: layout.webPath)
        try store.prepare()
        let validators = ValidatorStore(path: store.validatorsPath)
        progress.begin("index", total: 1)
        let collection = await IndexCollector.collect([url], fetcher: fetcher, store: store, validators: validators)
        progress.finishedOne(failed: !collection.failures.isEmpty)
        report.diagnostics = collection.diagnostics
        // A saved copy of the index is no substitute here: .Web must not change offline.
        guard collection.complete, collection.failures.isEmpty else {
            let reason = collection.failures.joined(separator: "; ")
            throw .install(subject: url, reason: "cannot read the pack index (\(reason)); .Web keeps the index and descriptions it has. Are you offline?")
        }
        report.listed = collection.entries.count
        try writeIndex(url: url, store: store, entries: collection.entries)
        do {
            try FileBytes.writeAtomically(Array((url + "\n").utf8), to: layout.indexSourcePath)
        } catch {
            throw .filesystem(path: error.path, reason: error.description)
        }

        progress.begin("descriptors", total: collection.entries.count)
        await withTaskGroup(of: (PackIndexEntry, Result<String, UpdateReport.Failure>).self) { group in
            for entry in collection.entries {
                group.addTask { (entry, await self.refresh(entry, validators: validators)) }
            }
            for await (entry, result) in group {
                progress.finishedOne(failed: (try? result.get()) == nil)
                switch result {
                case .success("new"): report.new.append(entry.reference.family.description)
                case .success("updated"): report.updated.append(entry.reference.family.description)
                case .success: report.unchanged += 1
                case .failure(let failure): report.failed.append(failure)
                }
            }
        }
        // Descriptions of packs the index no longer lists.
        let listed = Set(collection.entries.map(\.reference.family.pdscFileName))
        for name in (try? FileManager.default.contentsOfDirectory(atPath: layout.webPath)) ?? []
        where name.hasSuffix(".pdsc") && !listed.contains(name) {
            try? FileManager.default.removeItem(atPath: layout.webPath + "/" + name)
            report.removed.append(String(name.dropLast(5)))
        }
        try validators.save()
        report.new.sort()
        report.updated.sort()
        report.removed.sort()
        report.failed.sort { $0.subject < $1.subject }
        return report
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
        do { try FileBytes.writeAtomically(text, to: layout.indexPath) } catch {
            throw .filesystem(path: error.path, reason: error.description)
        }
    }

    /// One description: "new", "updated" or "unchanged", or why it failed.
    private func refresh(_ entry: PackIndexEntry, validators: ValidatorStore) async -> Result<String, UpdateReport.Failure> {
        let family = entry.reference.family
        let destination = layout.webDescriptionPath(family)
        let url = entry.pdscURL
        do {
            let outcome = try await fetcher.fetch(FetchRequest(url: url, validators: validators.validators(for: url)?.validators,
                                                               sizeLimit: FetchLimits.description)) { [progress] bytes in progress.received(bytes) }
            guard case .fetched(let content) = outcome else { return .success("unchanged") }
            let description: PackDescription
            do { description = try PackDescriptionReader.read(bytes: content.bytes, source: url).description } catch {
                return .failure(.init(subject: family.description, reason: "\(url) is not a valid pack description: \(error)"))
            }
            guard description.vendor == family.vendor, description.name == family.name else {
                return .failure(.init(subject: family.description, reason: "\(url) describes pack \(description.family), not \(family)"))
            }
            let existing = try? FileBytes.read(destination)
            if existing != content.bytes {
                try FileBytes.writeAtomically(content.bytes, to: destination)
            }
            validators.set(url, validators: content.validators, file: destination)
            return .success(existing == nil ? "new" : existing == content.bytes ? "unchanged" : "updated")
        } catch let error as FetchError {
            return .failure(.init(subject: family.description, reason: error.description))
        } catch {
            return .failure(.init(subject: family.description, reason: "\(error)"))
        }
    }
}
