/// The shape of every concurrent phase (indexes, descriptions, packs): run
/// one task per item, count each as it ends, and use the results.
extension ProgressTracker {
    /// Runs `work` for every item concurrently (`concurrentItems` at a time) and hands each result to
    /// `receive` as it arrives, in the calling task (so it may change the
    /// caller's state), after counting it done (`failed` tells which count as
    /// failures). With `phase`, the tracker begins that phase first.
    public func each<Item: Sendable, Result: Sendable>(
        _ items: [Item], phase: String? = nil, failed: (Result) -> Bool = { _ in false },
        run work: @escaping @Sendable (Item) async -> Result,
        receive: (_ item: Item, _ result: Result) -> Void
    ) async {
        await concurrently(items, phase: phase, failed: failed, run: work) { position, result in receive(items[position], result) }
    }

    /// Runs `work` for every item concurrently, counting each as it ends,
    /// and returns the results in the order of `items`.
    public func collect<Item: Sendable, Result: Sendable>(
        _ items: [Item], phase: String? = nil, failed: (Result) -> Bool = { _ in false },
        run work: @escaping @Sendable (Item) async -> Result
    ) async -> [Result] {
        var results = [Result?](repeating: nil, count: items.count)
        await concurrently(items, phase: phase, failed: failed, run: work) { position, result in results[position] = result }
        return results.map { $0! }
    }

    /// At most this many items run at once: enough to keep a fetcher's
    /// requests (128 by default) busy, few enough that memory does not grow
    /// with the list. One task per item of a 100,000-entry index, all made at
    /// once, held about 1 GB of task frames waiting for a permit.
    public static let concurrentItems = 1024

    private func concurrently<Item: Sendable, Result: Sendable>(
        _ items: [Item], phase: String?, failed: (Result) -> Bool,
        run work: @escaping @Sendable (Item) async -> Result, receive: (Int, Result) -> Void
    ) async {
        if let phase { begin(phase, total: items.count) }
        await withTaskGroup(of: (Int, Result).self) { group in
            var next = 0
            // A sliding window: each result that arrives lets the next item start.
            func startNext() {
                guard next < items.count else { return }
                let position = next
                let item = items[position]
                next += 1
                group.addTask { (position, await work(item)) }
            }
            for _ in 0..<min(Self.concurrentItems, items.count) { startNext() }
            while let (position, result) = await group.next() {
                startNext()
                finishedOne(failed: failed(result))
                receive(position, result)
            }
        }
    }
}
