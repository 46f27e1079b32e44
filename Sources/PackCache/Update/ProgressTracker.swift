import Foundation

/// Counters of a running update, read by whatever shows progress (a
/// terminal line, plain log lines, a Python callback).
public final class ProgressTracker: @unchecked Sendable {
    public struct Snapshot: Sendable, Equatable {
        public var phase: String
        public var total: Int
        public var done: Int
        public var failed: Int
        public var bytes: Int64
        public var elapsed: Double
    }

    private let lock = NSLock()
    private var state = Snapshot(phase: "", total: 0, done: 0, failed: 0, bytes: 0, elapsed: 0)
    private var started = Date()
    private var listeners: [@Sendable (Snapshot) -> Void] = []

    public init() {}

    /// Called on every change (from any thread); keep it cheap.
    public func onChange(_ listener: @escaping @Sendable (Snapshot) -> Void) {
        lock.lock()
        listeners.append(listener)
        lock.unlock()
    }

    public func begin(_ phase: String, total: Int) {
        update { state in
            state = Snapshot(phase: phase, total: total, done: 0, failed: 0, bytes: 0, elapsed: 0)
            started = Date()
        }
    }

    public func received(_ bytes: Int64) {
        update { $0.bytes += bytes }
    }

    public func finishedOne(failed: Bool) {
        update { state in
            state.done += 1
            if failed { state.failed += 1 }
        }
    }

    public var snapshot: Snapshot {
        lock.lock()
        defer { lock.unlock() }
        var copy = state
        copy.elapsed = Date().timeIntervalSince(started)
        return copy
    }

    private func update(_ change: (inout Snapshot) -> Void) {
        lock.lock()
        change(&state)
        var copy = state
        copy.elapsed = Date().timeIntervalSince(started)
        let listeners = self.listeners
        lock.unlock()
        for listener in listeners { listener(copy) }
    }
}
