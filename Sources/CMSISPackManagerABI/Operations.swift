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
        var update = CacheUpdate(locations: cache.locations)
        update.indexURLs = urls
        update.packs = everything ? .everything : .none
        update.revalidate = cache.revalidate
        return run(update, cache)
    }

    static func download(_ cache: CacheHandle.Snapshot, packs: [String]) -> @Sendable (ProgressTracker) async -> OperationResult {
        var update = CacheUpdate(locations: cache.locations)
        update.updatesDescriptions = false
        update.packs = .references(packs)
        return run(update, cache)
    }

    /// The update, as the command line runs it (`CacheUpdate`); its report as JSON.
    private static func run(_ update: CacheUpdate, _ cache: CacheHandle.Snapshot) -> @Sendable (ProgressTracker) async -> OperationResult {
        { tracker in
            do {
                let outcome = try await Fetcher.using(try cache.resolvedFetch()) { fetcher in
                    try await update.run(fetcher: fetcher, progress: tracker)
                }
                return OperationResult(update: outcome, cancelled: Task.isCancelled)
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
    static func firstFailure(_ report: UpdateReport) -> String? {
        report.indexFailures.first ?? report.failed.first?.description ?? report.packFailures.first?.description
            ?? report.diagnostics.first { $0.severity == .error }?.description
    }
}
