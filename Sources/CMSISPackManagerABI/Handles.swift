import CMSISPack
import Dispatch
import Foundation
import PackCache
import CMSISPackManagerC

/// What a cpm_cache points to.
final class CacheHandle {
    let locations: CacheLocations
    var fetch = FetchConfiguration()
    var vendorListGiven = false
    let dataPathC: UnsafeMutablePointer<CChar>
    let jsonPathC: UnsafeMutablePointer<CChar>

    init(locations: CacheLocations) {
        self.locations = locations
        dataPathC = strdup(locations.dataPath)
        jsonPathC = strdup(locations.jsonPath)
    }

    deinit {
        free(dataPathC)
        free(jsonPathC)
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
    init(update report: UpdateReport) {
        self.init(status: report.succeeded ? 0 : 1, report: ReportJSON.update(report),
                  error: report.succeeded ? nil : ReportJSON.firstFailure(report))
    }

    /// Status -1: the operation could not run (cache locked, index unreadable…).
    init(failure error: any Error) {
        self.init(status: -1, report: nil, error: "\(error)")
    }
}

/// Runs async work to completion on its own task while the calling thread
/// waits, calling the progress callback on the calling thread.
final class Operation: @unchecked Sendable {
    let tracker = ProgressTracker()
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: OperationResult?
    private var phaseC: UnsafeMutablePointer<CChar>?

    init(_ work: @escaping @Sendable (ProgressTracker) async -> OperationResult) {
        let tracker = self.tracker
        Task.detached {
            let outcome = await work(tracker)
            self.store(outcome)
        }
    }

    deinit { free(phaseC) }

    private func store(_ outcome: OperationResult) {
        lock.lock()
        result = outcome
        lock.unlock()
        done.signal()
    }

    var isFinished: Bool {
        lock.lock()
        defer { lock.unlock() }
        return result != nil
    }

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
        lock.lock()
        defer { lock.unlock() }
        return result!
    }
}

