import CMSISPack
import OwnedFiles
import Foundation

/// `cache descriptors`: reads the pack indexes, fetches every listed pack
/// description that changed (conditional requests), stores the valid ones
/// atomically, and brings the device index up to date, re-reading only the
/// descriptions that changed.
///
/// New descriptions wait in the temporary folder until every fetch has
/// ended, so a cancelled run (task cancellation) leaves the descriptions and
/// the index as they were and throws `CacheError.cancelled`.
///
/// The caller holds the cache lock (`CacheLock`) for the whole run.
public struct DescriptorUpdate: Sendable {
    public let locations: CacheLocations
    public let fetcher: Fetcher
    public let progress: ProgressTracker
    let store: CacheStore
    let validators: ValidatorStore
    /// Which unchanged-looking descriptions are asked about again.
    public var revalidation = Revalidation()

    /// Writes through the folders `lock` claimed and holds.
    public init(lock: CacheLock, fetcher: Fetcher, progress: ProgressTracker = ProgressTracker()) {
        locations = lock.locations
        self.fetcher = fetcher
        self.progress = progress
        store = CacheStore(lock.data.store)
        validators = ValidatorStore(place: store.validatorsPlace)
    }

    /// One listed pack after its description was checked.
    struct PackOutcome: Sendable {
        enum Status: Sendable { case new, updated, unchanged, notRequested, failed }
        var family: PackFamily
        var status: Status
        /// The parsed description, when new content arrived.
        var pack: IndexedPack?
        /// Where the new description waits until the run commits it.
        var staged: StagedFile?
        var failure: String?
        var warnings: [Diagnostic] = []
    }

    public func run(indexURLs: [String]) async throws(CacheError) -> UpdateReport {
        let started = Date()
        let requestsBefore = fetcher.statistics.requests
        let bytesBefore = fetcher.statistics.bytes
        try store.prepare()
        var report = UpdateReport()
        var index: DeviceIndex
        var indexChanged = !FileManager.default.fileExists(atPath: locations.indexPaths.index)
        do {
            index = try DeviceIndex.read(locations.indexPaths)
        } catch {
            report.diagnostics.append(Diagnostic(.warning, file: error.path, "\(error.reason); the index is rebuilt from the cache"))
            index = DeviceIndex()
            indexChanged = true
        }

        progress.begin("indexes", total: indexURLs.count)
        let collection = await IndexCollector.collect(indexURLs, fetcher: fetcher, store: store, validators: validators)
        report.indexFiles = collection.indexFiles
        report.indexFailures = collection.failures
        report.diagnostics += collection.diagnostics
        report.listed = collection.entries.count
        report.entries = collection.entries
        let deprecations = IndexDeprecations(collection.entries)

        // Check every listed description; parse what changed as it arrives.
        let recordsByFamily = Self.newestRecords(index, inside: store.dataPath)
        var staged: [StagedFile] = []
        await progress.each(collection.entries, phase: "descriptors", failed: { $0.status == .failed }, run: { entry in
            await self.check(entry, record: recordsByFamily[entry.reference.family])
        }, receive: { _, outcome in
            report.diagnostics += outcome.warnings
            switch outcome.status {
            case .new: report.new.append(outcome.family.description)
            case .updated: report.updated.append(outcome.family.description)
            case .unchanged: report.unchanged += 1
            case .notRequested:
                report.unchanged += 1
                report.notRequested += 1
            case .failed: report.failed.append(.init(subject: outcome.family.description, reason: outcome.failure ?? "failed"))
            }
            if let file = outcome.staged { staged.append(file) }
            if let pack = outcome.pack {
                index.add(deprecations.applied(to: pack))
                report.parsed += 1
                report.diagnostics += pack.diagnostics
                indexChanged = true
            }
        })

        // The last point where nothing has changed yet: from here on the run completes.
        if Task.isCancelled {
            staged.forEach { $0.discard() }
            throw .cancelled
        }
        for file in staged { try file.commit() }

        let listedFamilies = Set(collection.entries.map(\.reference.family))
        if try await reconcile(&index, listed: listedFamilies, complete: collection.complete, deprecations: deprecations, report: &report) {
            indexChanged = true
        }
        if await applyIndexDeprecations(collection.entries, to: &index, deprecations: deprecations, report: &report) {
            indexChanged = true
        }
        // Nothing read and nothing held: no index rather than an empty one.
        if indexChanged && (collection.complete || !index.packs.isEmpty) {
            try IndexFiles.write(index, to: locations)
            report.indexWritten = true
        }
        try validators.save()
        report.deviceCount = index.devices.count
        report.boardCount = index.boards.count
        report.requests = fetcher.statistics.requests - requestsBefore
        report.bytes = fetcher.statistics.bytes - bytesBefore
        report.serverLimits = fetcher.statistics.serverLimits
        report.seconds = Date().timeIntervalSince(started)
        report.new.sort()
        report.updated.sort()
        report.failed.sort { $0.subject < $1.subject }
        return report
    }

    /// The newest indexed version of each pack whose description is cached here.
    static func newestRecords(_ index: DeviceIndex, inside dataPath: String) -> [PackFamily: PackRecord] {
        var result: [PackFamily: PackRecord] = [:]
        for record in index.packs.values where record.source?.hasPrefix(dataPath + "/") == true {
            let family = PackFamily(vendor: record.vendor, name: record.pack)
            if let current = result[family], let a = SemanticVersion(current.version), let b = SemanticVersion(record.version), a >= b {
                continue
            }
            result[family] = record
        }
        return result
    }

    // MARK: One description

    /// Where to fetch a pack's description: the index entry's URL, unless the
    /// description we hold is newer than the entry (the index is stale) and
    /// names another `<url>` (the pack was rehosted): then that URL first,
    /// the index's as the fallback.
    static func candidateURLs(_ entry: PackIndexEntry, record: PackRecord?) -> [String] {
        var urls = [entry.pdscURL]
        if let record, !record.url.isEmpty,
           let held = SemanticVersion(record.version), let listed = entry.reference.semanticVersion, held > listed {
            let folder = FolderURL.slashed(record.url)
            let moved = FetchURL.resolve(folder, relativeTo: entry.pdscURL) + entry.reference.family.pdscFileName
            if moved != entry.pdscURL { urls.insert(moved, at: 0) }
        }
        return urls
    }

    func check(_ entry: PackIndexEntry, record: PackRecord?) async -> PackOutcome {
        let family = entry.reference.family
        if !revalidation.mustAsk(listed: entry.reference.version, held: record?.version, lastChecked: validators.lastChecked(entry.pdscURL)) {
            return PackOutcome(family: family, status: .notRequested)
        }
        var lastFailure: FetchError?
        for url in Self.candidateURLs(entry, record: record) {
            let held = validators.validators(for: url)
            do {
                let outcome = try await fetcher.fetch(
                    FetchRequest(url: url, validators: held?.validators, sizeLimit: FetchLimits.description)
                ) { [progress] bytes in progress.received(bytes) }
                switch outcome {
                case .notModified:
                    validators.markChecked(url)
                    return PackOutcome(family: family, status: .unchanged)
                case .fetched(let content):
                    return store(content, from: url, entry: entry)
                }
            } catch {
                lastFailure = error
                // Another URL helps only when this one has nothing for us.
                if error.isMissingHere { continue }
                break
            }
        }
        return PackOutcome(family: family, status: .failed, failure: lastFailure?.description ?? "no URL to fetch")
    }

    /// Validates fetched content and stores it as `<Vendor>.<Name>.<version>.pdsc`.
    /// A description that does not parse, or names another pack, never
    /// replaces a good file.
    func store(_ content: FetchedContent, from url: String, entry: PackIndexEntry) -> PackOutcome {
        let family = entry.reference.family
        let read: PackDescriptionReader.Result
        do {
            read = try PackDescriptionReader.read(bytes: content.bytes, source: url)
        } catch {
            return PackOutcome(family: family, status: .failed, failure: "not a valid pack description: \(error)")
        }
        let description = read.description
        guard description.vendor.lowercased() == family.vendor.lowercased(),
              description.name.lowercased() == family.name.lowercased()
        else {
            return PackOutcome(family: family, status: .failed,
                               failure: "\(url) describes pack \(description.vendor).\(description.name), not \(family)")
        }
        var warnings: [Diagnostic] = []
        var version = entry.reference.version
        if let newest = description.latestRelease?.version, (try? PackNaming.validateVersion(newest)) != nil {
            version = newest
            if let listed = entry.reference.semanticVersion, let found = SemanticVersion(newest), found < listed {
                warnings.append(Diagnostic(.warning, file: url, "the index lists version \(entry.reference.version), but the newest release here is \(newest)"))
            }
        } else {
            warnings.append(Diagnostic(.warning, file: url, "no valid release version; stored as the index's \(entry.reference.version)"))
        }
        guard let reference = try? PackReference(vendor: family.vendor, name: family.name, version: version) else {
            return PackOutcome(family: family, status: .failed, failure: "invalid pack name \(family).\(version)")
        }
        let destination = store.layout.pdscPath(reference)
        let existing = try? FileBytes.read(destination)
        if existing == content.bytes {
            validators.set(url, validators: content.validators, file: destination)
            return PackOutcome(family: family, status: .unchanged, warnings: warnings)
        }
        let file: StagedFile
        do {
            file = StagedFile(temporary: store.temporaryFile(".pdsc"), destination: try store.folder.base.folder.place(destination))
            try file.temporary.place.write(content.bytes)
        } catch {
            return PackOutcome(family: family, status: .failed, failure: error.description)
        }
        validators.set(url, validators: content.validators, file: destination)
        var stored = description
        stored.source = destination
        var pack = IndexedPack(stored)
        pack.diagnostics = read.diagnostics.map { Self.relocate($0, to: destination) } + pack.diagnostics
        // Stamped from the staged file: renaming keeps its size and time.
        pack.record.stampSource(file.temporary.path)
        return PackOutcome(family: family, status: existing == nil ? .new : .updated, pack: pack, staged: file, warnings: warnings)
    }

    static func relocate(_ diagnostic: Diagnostic, to file: String) -> Diagnostic {
        Diagnostic(diagnostic.severity, file: file, line: diagnostic.line, column: diagnostic.column, diagnostic.message)
    }

    // MARK: The device index against the cache

    /// Makes the index agree with the cached files: packs no longer listed
    /// leave it (when every index was read), files that changed on disk or
    /// are not indexed yet are read, and devices whose pack left are taken
    /// from the other packs that define them. Returns whether anything changed.
    func reconcile(_ index: inout DeviceIndex, listed: Set<PackFamily>, complete: Bool, deprecations: IndexDeprecations,
                   report: inout UpdateReport) async throws(CacheError) -> Bool {
        var changed = false
        var toRead: [String] = []
        let prefix = store.dataPath + "/"
        var indexedSources = Set<String>()
        for (key, record) in index.packs {
            guard let source = record.source, source.hasPrefix(prefix) else { continue }
            let family = PackFamily(vendor: record.vendor, name: record.pack)
            guard let stat = FileStat(source) else {
                index.remove(packKey: key)
                changed = true
                continue
            }
            if complete && !listed.contains(family) {
                index.remove(packKey: key)
                report.removed.append("\(record.vendor).\(record.pack) \(record.version)")
                changed = true
                continue
            }
            indexedSources.insert(source)
            if !record.sourceUnchanged(stat) {
                toRead.append(source)
            }
        }
        for (family, versions) in store.cachedDescriptions() where listed.contains(family) {
            for version in versions where !indexedSources.contains(version.path) {
                toRead.append(version.path)
            }
        }
        changed = changed || !toRead.isEmpty
        await addFiles(toRead, to: &index, deprecations: deprecations, report: &report)

        // Devices whose winning pack left: re-read the other packs that define them.
        for _ in 0..<3 {
            let defined = Set(index.packs.values.flatMap(\.devices))
            let missing = defined.subtracting(index.devices.keys)
            guard !missing.isEmpty else { break }
            let sources = Set(index.packs.values.filter { !$0.devices.allSatisfy { !missing.contains($0) } }.compactMap(\.source))
            let readable = sources.filter { FileManager.default.fileExists(atPath: $0.components(separatedBy: "!/")[0]) }
            guard !readable.isEmpty else { break }
            await addFiles(readable.sorted(), to: &index, deprecations: deprecations, report: &report)
            changed = true
        }
        report.removed.sort()
        return changed
    }

    /// A pack index may deprecate a pack (with a replacement) that its own
    /// description does not; the index's word is recorded, and devices
    /// another pack also defines are re-read so the current pack wins them.
    func applyIndexDeprecations(_ entries: [PackIndexEntry], to index: inout DeviceIndex, deprecations: IndexDeprecations,
                                report: inout UpdateReport) async -> Bool {
        var changed = false
        var contested = Set<String>()
        for entry in entries {
            guard let date = entry.deprecated else { continue }
            let family = entry.reference.family
            let outcome = index.setDeprecation(vendor: family.vendor, pack: family.name, deprecated: date, replacement: entry.replacement)
            contested.formUnion(outcome.contested)
            if outcome.changed { changed = true }
        }
        if !contested.isEmpty {
            let sources = Set(index.packs.values.filter { !$0.devices.allSatisfy { !contested.contains($0) } }.compactMap(\.source))
            await addFiles(sources.sorted(), to: &index, deprecations: deprecations, report: &report)
            changed = true
        }
        return changed
    }

    private func addFiles(_ files: [String], to index: inout DeviceIndex, deprecations: IndexDeprecations,
                          report: inout UpdateReport) async {
        guard !files.isEmpty else { return }
        for outcome in await Blocking.run({ PackLoader.index(files) }) {
            switch outcome.result {
            case .success(var pack):
                let file = outcome.source.components(separatedBy: "!/")[0]
                pack.record.stampSource(file)
                index.add(deprecations.applied(to: pack))
                report.parsed += 1
            case .failure(let error):
                report.diagnostics.append(error.diagnostic)
            }
        }
    }
}
