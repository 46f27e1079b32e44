import CMSISPack
import Foundation
import PackCache

extension CacheHandle {
    /// What an operation needs, copied so it can run on another thread.
    struct Snapshot: Sendable {
        var locations: CacheLocations
        var fetch: FetchConfiguration
        var cacert: String?
        var revalidate: Bool

        /// The download settings, with the trusted certificates chosen now
        /// (so a variable the caller set after configuring still counts).
        func resolvedFetch() throws -> FetchConfiguration {
            var configuration = fetch
            try configuration.chooseTrust(cacert: cacert, environment: ProcessInfo.processInfo.environment)
            return configuration
        }
    }

    var snapshot: Snapshot { Snapshot(locations: locations, fetch: fetch, cacert: cacert, revalidate: revalidate) }
}

/// The work behind the C functions, as values in and a JSON report out.
enum Operations {
    static func update(_ cache: CacheHandle.Snapshot, urls: [String], everything: Bool)
        -> @Sendable (ProgressTracker) async -> OperationResult {
        { tracker in
            do {
                // As the reference, a vendor list that does not exist is created with the default index.
                let sources = try IndexSources.resolve(indexURLs: urls, locations: cache.locations, vendorListGiven: false)
                let lock = try await CacheLock.acquire(cache.locations)
                defer { lock.release() }
                let fetch = try cache.resolvedFetch()
                let report = try await Fetcher.using(fetch) { fetcher in
                    var update = DescriptorUpdate(lock: lock, fetcher: fetcher, progress: tracker)
                    update.revalidation = Revalidation(always: cache.revalidate)
                    var report = try await update.run(indexURLs: sources)
                    if everything {
                        try await PackDownload(lock: lock, fetcher: fetcher, progress: tracker).downloadAll(into: &report)
                    }
                    return report
                }
                return OperationResult(update: report, cancelled: Task.isCancelled)
            } catch {
                return OperationResult(failure: error)
            }
        }
    }

    static func download(_ cache: CacheHandle.Snapshot, packs: [String]) -> @Sendable (ProgressTracker) async -> OperationResult {
        { tracker in
            do {
                let lock = try await CacheLock.acquire(cache.locations)
                defer { lock.release() }
                let index: DeviceIndex
                do { index = try DeviceIndex.read(cache.locations.indexPaths) } catch let error as IndexFileError {
                    throw CacheError.index(error)
                }
                var report = UpdateReport()
                var wanted: [PackDownload.Wanted] = []
                for text in packs {
                    guard let reference = try? PackNaming.parsePackFileName(text + ".pack") else {
                        report.packFailures.append(.init(subject: text, reason: "not a pack reference of the form Vendor.Name.version"))
                        continue
                    }
                    let record = index.packs[reference.description]
                    let urls = PackDownload.urls(reference, record: record, entry: nil)
                    if urls.isEmpty {
                        report.packFailures.append(.init(subject: text, reason: "not in the device index, so its URL is unknown; run cache_descriptors first"))
                        continue
                    }
                    wanted.append(PackDownload.Wanted(reference: reference, urls: urls))
                }
                let fetch = try cache.resolvedFetch()
                await Fetcher.using(fetch) { fetcher in
                    await PackDownload(lock: lock, fetcher: fetcher, progress: tracker).download(wanted, into: &report)
                }
                return OperationResult(update: report, cancelled: Task.isCancelled)
            } catch {
                return OperationResult(failure: error)
            }
        }
    }

    /// Reads the files on a Dispatch thread (`Blocking`): reading them runs
    /// on every core, and takes the index folder's lock, which another
    /// process may hold; neither may hold a thread of the cooperative pool.
    static func addPacks(_ locations: CacheLocations, paths: [String]) -> @Sendable (ProgressTracker) async -> OperationResult {
        { _ in await Blocking.run { addPacksNow(locations, paths: paths) } }
    }

    /// `cache clean`, on a Dispatch thread as `addPacks`.
    static func clean(_ locations: CacheLocations) -> @Sendable (ProgressTracker) async -> OperationResult {
        { _ in
            await Blocking.run {
                do {
                    _ = try CacheClean.run(locations)
                    return OperationResult(status: 0, report: nil, error: nil)
                } catch {
                    return OperationResult(status: -1, report: nil, error: "\(error)")
                }
            }
        }
    }

    private static func addPacksNow(_ locations: CacheLocations, paths: [String]) -> OperationResult {
        do {
            let report = try IndexUpdate.addPacks(paths, locations: locations)
            let json = JSONValue.object([
                "added": .array(report.added.map { .string($0.key) }),
                "failures": .array(report.failures.map { .string($0.description) }),
                "warnings": .array(report.warnings.map { .string($0.description) }),
                "devices": .number(String(report.deviceCount)),
                "boards": .number(String(report.boardCount)),
            ])
            return OperationResult(status: report.failures.isEmpty ? 0 : 1, report: json,
                                   error: report.failures.first?.description)
        } catch {
            return OperationResult(failure: error)
        }
    }
}

/// JSON reports of updates, for the C interface and the Python module.
enum ReportJSON {
    static func update(_ report: UpdateReport) -> JSONValue { report.json }

    static func firstFailure(_ report: UpdateReport) -> String? {
        report.indexFailures.first ?? report.failed.first?.description ?? report.packFailures.first?.description
            ?? report.diagnostics.first { $0.severity == .error }?.description
    }
}
