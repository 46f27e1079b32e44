import CMSISPack
import Foundation

/// `cache descriptors`, `cache everything`, `cache devices`, and the C
/// interface's updates and pack downloads (which the Python module calls):
/// the one way an update runs, whoever asks for it.
///
/// The cache lock comes first (another process, or another operation of this
/// one, is waited for), so two runs on a new folder never choose their
/// indexes, or write the vendor list, at the same time. Then the index URLs
/// are chosen, the descriptions updated, the packs asked for fetched, and
/// URLs given explicitly remembered for the next run on this data folder.
///
/// ```swift
/// var update = CacheUpdate(locations: locations)
/// update.packs = .devices(["STM32F407VGTx"])
/// let outcome = try await update.run(fetcher: fetcher, progress: tracker)
/// print(outcome.json.serializedText)
/// ```
public struct CacheUpdate: Sendable {
    /// Which packs to fetch after the descriptions.
    public enum Packs: Sendable, Equatable {
        case none
        /// The newest version of every listed pack.
        case everything
        /// The packs that define these devices.
        case devices([String])
        /// Packs named `Vendor.Name.version`, from the URLs the index knows.
        case references([String])
    }

    public var locations: CacheLocations
    /// `--index-url`: the indexes to read, else `IndexSources`' other sources.
    public var indexURLs: [String] = []
    /// Whether a vendor list was named (so a missing one is an error, not created).
    public var vendorListGiven = false
    public var packs = Packs.none
    /// Ask about every description held, not only those whose version changed.
    public var revalidate = false
    /// Descriptions are updated before the packs (false: only the packs, from the index as it is).
    public var updatesDescriptions = true

    public init(locations: CacheLocations) {
        self.locations = locations
    }

    /// What a run did, with where it worked.
    public struct Outcome: Sendable {
        public var report: UpdateReport
        public var indexURLs: [String]
        public var origin: IndexSources.Origin?
        public var locations: CacheLocations

        /// The report as JSON, with the folders and index URLs used
        /// (`data_path`, `json_path`, `index_urls`), as `cache --json` prints it
        /// and the Python module returns it.
        public var json: JSONValue {
            guard case .object(var members) = report.json else { return report.json }
            members["data_path"] = .string(locations.dataPath)
            members["json_path"] = .string(locations.jsonPath)
            members["index_urls"] = .array(indexURLs.map(JSONValue.string))
            return .object(members)
        }
    }

    /// `onWait` is called once when another process or operation holds the
    /// lock; `chosen` when the index URLs are chosen (under the lock).
    public func run(fetcher: Fetcher, progress: ProgressTracker, onWait: (@Sendable () -> Void)? = nil,
                    chosen: (([String], IndexSources.Origin) -> Void)? = nil) async throws(CacheError) -> Outcome {
        let lock = try await CacheLock.acquire(locations, onWait: onWait)
        defer { lock.release() }
        var report = UpdateReport()
        var sources: [String] = []
        var origin: IndexSources.Origin?
        if updatesDescriptions {
            let choice = try IndexSources.choose(indexURLs: indexURLs, locations: locations, vendorListGiven: vendorListGiven)
            (sources, origin) = (choice.urls, choice.origin)
            chosen?(choice.urls, choice.origin)
            var update = DescriptorUpdate(lock: lock, fetcher: fetcher, progress: progress)
            update.revalidation = Revalidation(always: revalidate)
            report = try await update.run(indexURLs: sources)
        }
        let download = PackDownload(lock: lock, fetcher: fetcher, progress: progress)
        switch packs {
        case .none: break
        case .everything: try await download.downloadAll(into: &report)
        case .devices(let names): try await download.download(devices: names, into: &report)
        case .references(let names): try await download.download(references: names, into: &report)
        }
        // Later runs on this data folder follow the same index, as `pack init` does.
        if origin == .options, report.indexFailures.count < report.indexFiles {
            try IndexSources.remember(indexURLs, locations: locations)
        }
        return Outcome(report: report, indexURLs: sources, origin: origin, locations: locations)
    }
}
