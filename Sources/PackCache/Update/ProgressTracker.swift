import Foundation
import NIOConcurrencyHelpers

/// Counters of a running update, read by whatever shows progress (a
/// terminal line, plain log lines, a Python callback).
public final class ProgressTracker: Sendable {
    public struct Snapshot: Sendable, Equatable {
        public var phase: String
        public var total: Int
        public var done: Int
        public var failed: Int
        public var bytes: Int64
        public var elapsed: Double
    }

    private struct State: Sendable {
        var counts = Snapshot(phase: "", total: 0, done: 0, failed: 0, bytes: 0, elapsed: 0)
        var started = Date()
        var listeners: [@Sendable (Snapshot) -> Void] = []

        var snapshot: Snapshot {
            var copy = counts
            copy.elapsed = Date().timeIntervalSince(started)
            return copy
        }
    }

    private let state = NIOLockedValueBox(State())

    public init() {}

    /// Called on every change (from any thread); keep it cheap.
    public func onChange(_ listener: @escaping @Sendable (Snapshot) -> Void) {
        state.withLockedValue { $0.listeners.append(listener) }
    }

    public func begin(_ phase: String, total: Int) {
        update { state in
            state.counts = Snapshot(phase: phase, total: total, done: 0, failed: 0, bytes: 0, elapsed: 0)
            state.started = Date()
        }
    }

    public func received(_ bytes: Int64) {
        update { $0.counts.bytes += bytes }
    }

    public func finishedOne(failed: Bool) {
        update { state in
            state.counts.done += 1
            if failed { state.counts.failed += 1 }
        }
    }

    public var snapshot: Snapshot { state.withLockedValue { $0.snapshot } }

    /// Listeners are called after the lock is released, so they may read the tracker.
    private func update(_ change: (inout State) -> Void) {
        let (snapshot, listeners) = state.withLockedValue { state in
            change(&state)
            return (state.snapshot, state.listeners)
        }
        for listener in listeners { listener(snapshot) }
    }
}
