import Foundation
@testable import PackCache
import Testing
import TestSupport

/// The order of one process's operations on its folders (`FolderQueue`) and
/// the cache lock taken from async code (`CacheLock.acquire`), which never
/// holds a thread of the cooperative pool while it waits.
@Suite struct FolderQueueTests {
    /// Waiters started in reverse order still get their turns in the order queued.
    @Test func turnsOnOneFolderComeInTheOrderQueued() async throws {
        let queue = FolderQueue()
        let tickets = (0..<8).map { _ in queue.enqueue(["/tmp/cpm-queue-test/a"]) }
        #expect(queue.hasTurn(tickets[0]) && !queue.hasTurn(tickets[1]))
        let order = Order()
        await withTaskGroup(of: Void.self) { group in
            for position in tickets.indices.reversed() {
                group.addTask {
                    try? await queue.waitForTurn(tickets[position])
                    await order.append(position)
                    queue.leave(tickets[position])
                }
            }
        }
        #expect(await order.values == Array(0..<8))
    }

    @Test func otherFoldersDoNotWait() {
        let queue = FolderQueue()
        let first = queue.enqueue(["/tmp/cpm-queue-test/a"])
        let other = queue.enqueue(["/tmp/cpm-queue-test/b"])
        let both = queue.enqueue(["/tmp/cpm-queue-test/b", "/tmp/cpm-queue-test/a"])
        #expect(queue.hasTurn(first) && queue.hasTurn(other) && !queue.hasTurn(both))
        queue.leave(first)
        #expect(!queue.hasTurn(both))
        queue.leave(other)
        #expect(queue.hasTurn(both))
        queue.leave(both)
        queue.leave(both)  // twice: nothing happens
        #expect(queue.hasTurn(queue.enqueue(["/tmp/cpm-queue-test/a"])))
    }

    /// A cancelled waiter leaves the line, and the one behind it moves up.
    @Test func aCancelledWaiterLeavesTheLine() async throws {
        let queue = FolderQueue()
        let holder = queue.enqueue(["/tmp/cpm-queue-test/a"])
        let cancelled = queue.enqueue(["/tmp/cpm-queue-test/a"])
        let behind = queue.enqueue(["/tmp/cpm-queue-test/a"])
        let waiting = Task { () -> CacheError? in
            do throws(CacheError) { try await queue.waitForTurn(cancelled) } catch { return error }
            return nil
        }
        waiting.cancel()
        #expect(await waiting.value == .cancelled)
        queue.leave(holder)
        #expect(queue.hasTurn(behind))
    }

    @Test func oneFolderNamedTwoWaysIsOneLine() throws {
        let folder = Corpus.temporaryDirectory("queue")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/real", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: folder + "/real")
        #expect(FolderQueue.key(folder + "/link") == FolderQueue.key(folder + "/real/../real"))
        #expect(FolderQueue.key(folder + "/link/new/") == FolderQueue.key(folder + "/real") + "/new")
    }

    /// Sixteen acquires wait for a lock held elsewhere (another descriptor
    /// of the lock file, as another process holds it) while one more task
    /// must still run: it does, because no waiter holds a pool thread; a
    /// cancel ends the waits with `.cancelled`.
    @Test func waitingForTheCacheLockHoldsNoThread() async throws {
        let folder = Corpus.temporaryDirectory("lock")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let locations = CacheLocations(dataPath: folder, jsonPath: folder)
        let held = try await CacheLock.acquire(locations)
        let waiters = (0..<16).map { _ in
            Task { () -> CacheError? in
                do throws(CacheError) { try await CacheLock.acquire(locations).release() } catch { return error }
                return nil
            }
        }
        let stillRuns = await Task { () -> Int in
            try? await Task.sleep(nanoseconds: 200_000_000)
            return 42
        }.value
        #expect(stillRuns == 42)
        waiters.forEach { $0.cancel() }
        for waiter in waiters { #expect(await waiter.value == .cancelled) }
        held.release()
        try await CacheLock.acquire(locations).release()
    }
}

private actor Order {
    var values: [Int] = []
    func append(_ value: Int) { values.append(value) }
}
