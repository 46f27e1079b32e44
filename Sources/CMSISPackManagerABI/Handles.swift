import CMSISPack
import Dispatch
import Foundation
import NIOConcurrencyHelpers
import PackCache
import CMSISPackManagerC

/// What a cpm_cache points to. Any thread may use it at any time (the
/// header's "Threads"): what changes is locked.
final class CacheHandle {
    let locations: CacheLocations
    /// What cpm_cache_configure sets, locked: any thread may configure.
    struct Settings: Sendable {
        var fetch = FetchConfiguration()
        /// "cacert": trusted instead of the environment's choice.
        var cacert: String?
        /// "revalidate" 1: ask about every description held.
        var revalidate = false
    }
    private let settings = NIOLockedValueBox(Settings())
    let dataPathC: UnsafeMutablePointer<CChar>
    let jsonPathC: UnsafeMutablePointer<CChar>
    /// The operations running on this cache, for cpm_cache_cancel(), which
    /// may come from any thread.
    let running = RunningOperations()

    init(locations: CacheLocations) {
        self.locations = locations
        dataPathC = strdup(locations.dataPath)
        jsonPathC = strdup(locations.jsonPath)
    }

    deinit {
        free(dataPathC)
        free(jsonPathC)
    }

    var fetch: FetchConfiguration { settings.withLockedValue { $0.fetch } }
    var cacert: String? { settings.withLockedValue { $0.cacert } }
    var revalidate: Bool { settings.withLockedValue { $0.revalidate } }

    func configure<T>(_ change: (inout Settings) -> T) -> T {
        settings.withLockedValue { change(&$0) }
    }

    static func from(_ pointer: OpaquePointer?) -> CacheHandle? {
        guard let pointer else { return nil }
        return Unmanaged<CacheHandle>.fromOpaque(UnsafeRawPointer(pointer)).takeUnretainedValue()
    }
}

/// The outcome of an operation: the status code and the report.
struct OperationResult: Sendable {
    var status: Int32
    var report: JSONValue?
    var error: String?
}

extension OperationResult {
    /// Status 0 when the whole update succeeded, else 1 with its first failure.
    init(update outcome: CacheUpdate.Outcome, cancelled: Bool = false) {
        let report = outcome.report
        if cancelled && !report.succeeded {
            // Packs cut off by the cancel are not in the cache (a partial
            // transfer waits in .cpm/partial to be resumed); the report says
            // which packs did arrive before it.
            self.init(status: cancelledStatus, report: outcome.json,
                      error: "cancelled: packs that had not arrived were not stored")
            return
        }
        self.init(status: report.succeeded ? 0 : 1, report: outcome.json,
                  error: report.succeeded ? nil : ReportJSON.firstFailure(report))
    }

    /// Status -1: the operation could not run (cache locked, index unreadable…).
    init(failure error: any Error) {
        if let error = error as? CacheError, error == .cancelled {
            self.init(status: cancelledStatus, report: nil, error: error.description)
        } else {
            self.init(status: -1, report: nil, error: "\(error)")
        }
    }
}

/// CPM_CANCELLED in the header.
let cancelledStatus: Int32 = -2

/// The operations in progress on one cache.
final class RunningOperations: Sendable {
    private let operations = NIOLockedValueBox<[ObjectIdentifier: Operation]>([:])

    /// Runs `body` with `operation` registered, so a cancel reaches it.
    func with<T>(_ operation: Operation, _ body: () -> T) -> T {
        add(operation)
        defer { remove(operation) }
        return body()
    }

    func add(_ operation: Operation) {
        operations.withLockedValue { $0[ObjectIdentifier(operation)] = operation }
    }

    func remove(_ operation: Operation) {
        operations.withLockedValue { $0[ObjectIdentifier(operation)] = nil }
    }

    func cancelAll() {
        let current = operations.withLockedValue { Array($0.values) }
        current.forEach { $0.cancel() }
    }
}

/// Runs async work to completion on its own task while the calling thread
/// waits, calling the progress callback on the calling thread.
///
/// The operation takes its place in the folders' queue (`FolderQueue`) when
/// it is made, on the calling thread, so operations on one folder run in the
/// order they were called; its task waits for the turn without holding a
/// thread (a cancel ends that wait too), runs the work, and leaves the
/// queue whatever happened.
final class Operation: @unchecked Sendable {
    // @unchecked: `registry` and `phaseC` belong to the thread that holds the
    // C handle (cpm_task_* are called from one thread at a time, see the
    // header); what other threads reach (the task, the result) is locked.
    let tracker = ProgressTracker()
    private let done = DispatchSemaphore(value: 0)
    private let result = NIOLockedValueBox<OperationResult?>(nil)
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)
    private var phaseC: UnsafeMutablePointer<CChar>?

    /// The cache's list this task is in (cpm_task_start_update), left at cpm_task_finish().
    var registry: RunningOperations?

    func leaveRegistry() {
        registry?.remove(self)
        registry = nil
    }

    init(folders: [String], _ work: @escaping @Sendable (ProgressTracker) async -> OperationResult) {
        let tracker = self.tracker
        let queue = FolderQueue.shared
        let turn = queue.enqueue(folders)
        let started = Task.detached {
            let outcome: OperationResult
            do {
                try await queue.waitForTurn(turn)
                outcome = await work(tracker)
            } catch {
                outcome = OperationResult(failure: error)
            }
            queue.leave(turn)
            self.store(outcome)
        }
        task.withLockedValue { $0 = started }
    }

    /// Cancels the work: transfers stop, and the operation returns
    /// CPM_CANCELLED unless it had already finished or was committing.
    func cancel() {
        task.withLockedValue { $0 }?.cancel()
    }

    deinit { free(phaseC) }

    private func store(_ outcome: OperationResult) {
        result.withLockedValue { $0 = outcome }
        done.signal()
    }

    var isFinished: Bool { result.withLockedValue { $0 != nil } }

    /// Fills a C progress record; the phase string lives until the next call.
    func fill(_ progress: UnsafeMutablePointer<cpm_progress>) {
        let snapshot = tracker.snapshot
        free(phaseC)
        phaseC = strdup(snapshot.phase)
        progress.pointee = cpm_progress(phase: UnsafePointer(phaseC), done: UInt64(snapshot.done), total: UInt64(snapshot.total),
                                        failed: UInt64(snapshot.failed), bytes: UInt64(max(0, snapshot.bytes)))
    }

    func wait(callback: cpm_progress_callback?, userData: UnsafeMutableRawPointer?) -> OperationResult {
        var progress = cpm_progress(phase: nil, done: 0, total: 0, failed: 0, bytes: 0)
        var last: ProgressTracker.Snapshot?
        func report() {
            guard let callback else { return }
            var snapshot = tracker.snapshot
            snapshot.elapsed = 0
            guard snapshot != last, !snapshot.phase.isEmpty else { return }
            last = snapshot
            fill(&progress)
            callback(userData, &progress)
        }
        while done.wait(timeout: .now() + .milliseconds(100)) == .timedOut {
            report()
        }
        done.signal()
        report()
        return result.withLockedValue { $0! }
    }
}

