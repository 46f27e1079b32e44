import Foundation

/// A value guarded by a lock: the core's one lock box (PackCache and above
/// use NIO's `NIOLockedValueBox`; the core does not depend on NIO).
///
/// ```swift
/// let count = Locked(0)
/// count.withLock { $0 += 1 }
/// ```
final class Locked<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `value` is only reached inside `withLock`, holding `lock`.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

extension Array where Element: Sendable {
    /// `transform` of every element on all cores, results in order. Blocks
    /// the calling thread until all are done: from async code, run it off
    /// the cooperative pool (PackCache's `Blocking.run`).
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let slots = Locked([T?](repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { position in
            let result = transform(self[position])
            slots.withLock { $0[position] = result }
        }
        return slots.withLock { $0.map { $0! } }
    }
}
