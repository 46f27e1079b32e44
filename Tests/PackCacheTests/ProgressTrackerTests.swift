import Foundation
@testable import PackCache
import Testing

/// The helper behind every concurrent phase: results in order, each counted.
@Suite struct ProgressTrackerTests {
    @Test func collectReturnsResultsInOrderAndCountsFailures() async {
        let tracker = ProgressTracker()
        let items = Array(1...50)
        let results = await tracker.collect(items, phase: "numbers", failed: { $0 % 50 == 0 }) { item in
            // Later items finish first, so arrival order differs from item order.
            try? await Task.sleep(nanoseconds: UInt64(50 - item) * 200_000)
            return item * 10
        }
        #expect(results == items.map { $0 * 10 })
        let snapshot = tracker.snapshot
        #expect(snapshot.phase == "numbers" && snapshot.total == 50 && snapshot.done == 50 && snapshot.failed == 10)
    }

    @Test func eachHandsEveryResultToTheCaller() async {
        let tracker = ProgressTracker()
        var seen: [String: Int] = [:]
        await tracker.each(["a", "bb", "ccc"], run: { $0.count }, receive: { item, length in seen[item] = length })
        #expect(seen == ["a": 1, "bb": 2, "ccc": 3])
        #expect(tracker.snapshot.done == 3)
    }

    @Test func listenersSeeEveryChange() {
        let tracker = ProgressTracker()
        let seen = NSLock()
        nonisolated(unsafe) var phases: [String] = []
        tracker.onChange { snapshot in seen.withLock { phases.append("\(snapshot.phase) \(snapshot.done)") } }
        tracker.begin("packs", total: 2)
        tracker.finishedOne(failed: false)
        #expect(seen.withLock { phases } == ["packs 0", "packs 1"])
    }
}
