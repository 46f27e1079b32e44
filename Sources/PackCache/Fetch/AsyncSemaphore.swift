/// Limits how many tasks do something at once; waiters are served in order
/// and a cancelled waiter leaves the queue.
actor AsyncSemaphore {
    private var available: Int
    private var waiters: [(id: Int, continuation: CheckedContinuation<Void, Error>)] = []
    private var nextID = 0

    init(_ count: Int) {
        available = max(1, count)
    }

    func acquire() async throws {
        if available > 0 {
            available -= 1
            return
        }
        let id = nextID
        nextID += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters.append((id, continuation))
                }
            }
        } onCancel: {
            Task { await self.cancel(id) }
        }
    }

    func release() {
        if waiters.isEmpty {
            available += 1
        } else {
            waiters.removeFirst().continuation.resume()
        }
    }

    private func cancel(_ id: Int) {
        guard let position = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: position).continuation.resume(throwing: CancellationError())
    }

    /// Runs `work` holding one permit; `cancelled` is what a task cancelled
    /// while it waits for one throws (typed, so callers see only `E`).
    func with<T: Sendable, E: Error>(cancelled: @autoclosure @Sendable () -> E,
                                     _ work: @Sendable () async throws(E) -> T) async throws(E) -> T {
        do { try await acquire() } catch { throw cancelled() }
        do {
            let result = try await work()
            release()
            return result
        } catch {
            release()
            throw error
        }
    }
}
