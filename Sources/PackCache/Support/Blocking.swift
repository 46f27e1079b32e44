import Dispatch

/// Work that blocks its thread (reading files on all cores with
/// `concurrentPerform`) called from async code: it runs on a Dispatch
/// thread, so the cooperative pool's few threads stay free for the tasks
/// (downloads, timers) that run meanwhile.
public enum Blocking {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}
