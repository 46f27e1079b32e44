/// The shape of every concurrent phase (indexes, descriptions, packs): run
/// one task per item, count each as it ends, and use the results.
extension ProgressTracker {
    /// Runs `work` for every item concurrently and hands each result to
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

    private func concurrently<Item: Sendable, Result: Sendable>(
        _ items: [Item], phase: String?, failed: (Result) -> Bool,
        run work: @escaping @Sendable (Item) async -> Result, receive: (Int, Result) -> Void
    ) async {
        if let phase { begin(phase, total: items.count) }
        await withTaskGroup(of: (Int, Result).self) { group in
            for (position, item) in items.enumerated() {
                group.addTask { (position, await work(item)) }
            }
            for await (position, result) in group {
                finishedOne(failed: failed(result))
                receive(position, result)
            }
        }
    }
}
