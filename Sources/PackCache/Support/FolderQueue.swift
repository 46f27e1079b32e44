import Foundation
import NIOConcurrencyHelpers

/// The order of one process's operations on its folders: operations on a
/// folder run one at a time, in the order they were queued; operations on
/// different folders run at once.
///
/// An operation is queued where it is called (`enqueue`, on the caller's
/// thread), so the order is the order of the calls, and it waits for its
/// turn (`waitForTurn`) without holding a thread: a waiter is a
/// continuation, resumed by the `leave` of the operation before it. No
/// cooperative-pool thread ever sleeps on a folder here. (Waiting on the
/// folder's `flock` in a sleep loop did: with as many waiters as the pool
/// has threads, the operation they waited for never ran again, issue 21.)
///
/// A ticket queues all of its folders at once, so an operation queued later
/// never holds a folder that one queued earlier waits for: waits only ever
/// point back in time, and cannot go round in a circle.
///
/// ```swift
/// let ticket = FolderQueue.shared.enqueue([locations.dataPath, locations.jsonPath])
/// defer { FolderQueue.shared.leave(ticket) }
/// try await FolderQueue.shared.waitForTurn(ticket)
/// ```
public final class FolderQueue: Sendable {
    /// The process's queue: every operation of the C interface goes through it.
    public static let shared = FolderQueue()

    /// One operation's place in the lines of its folders.
    public struct Ticket: Sendable, Hashable {
        fileprivate let number: UInt64
    }

    private enum Standing {
        /// In line; the continuation once the operation waits.
        case queued(CheckedContinuation<Bool, Never>?)
        /// At the head of every line it is in.
        case turn
    }

    private struct State {
        var next: UInt64 = 0
        /// Folder key -> the tickets in its line, first in front.
        var lines: [String: [UInt64]] = [:]
        /// Ticket -> its folder keys and its standing; gone once it left.
        var tickets: [UInt64: (folders: [String], standing: Standing)] = [:]
    }

    private let state = NIOLockedValueBox(State())

    public init() {}

    /// Queues an operation on `folders` (paths; the same folder named two
    /// ways, through a link or with `..`, is one line). Returns at once.
    public func enqueue(_ folders: [String]) -> Ticket {
        let keys = Array(Set(folders.map(Self.key)))
        let (ticket, ready) = state.withLockedValue { state -> (Ticket, [CheckedContinuation<Bool, Never>]) in
            let number = state.next
            state.next += 1
            for key in keys { state.lines[key, default: []].append(number) }
            state.tickets[number] = (keys, .queued(nil))
            return (Ticket(number: number), Self.promote([number], in: &state))
        }
        ready.forEach { $0.resume(returning: true) }
        return ticket
    }

    /// Returns when every operation queued before this one on its folders
    /// has left. Throws `.cancelled` when the task is cancelled first; the
    /// ticket has then left its lines.
    public func waitForTurn(_ ticket: Ticket) async throws(CacheError) {
        let granted = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let answer: Bool? = state.withLockedValue { state in
                    guard let entry = state.tickets[ticket.number] else { return false }  // withdrawn or left
                    if case .turn = entry.standing { return true }
                    state.tickets[ticket.number]!.standing = .queued(continuation)
                    return nil
                }
                if let answer { continuation.resume(returning: answer) }
            }
        } onCancel: {
            withdraw(ticket)
        }
        if !granted { throw .cancelled }
    }

    /// Whether the ticket has its turn (for tests and assertions).
    public func hasTurn(_ ticket: Ticket) -> Bool {
        state.withLockedValue { state in
            if case .turn = state.tickets[ticket.number]?.standing { return true }
            return false
        }
    }

    /// Leaves the lines (done, failed or never started); the operations
    /// behind it whose turn it now is go on. Leaving twice does nothing.
    public func leave(_ ticket: Ticket) {
        let ready = state.withLockedValue { Self.remove(ticket.number, from: &$0) }
        ready.forEach { $0.resume(returning: true) }
    }

    /// A cancelled waiter leaves its lines, unless its turn had come (then it
    /// runs, sees the cancellation itself, and leaves when it ends). One
    /// lock for the look and the removal: a turn given in between would
    /// otherwise be resumed twice.
    private func withdraw(_ ticket: Ticket) {
        let (own, ready) = state.withLockedValue { state -> (CheckedContinuation<Bool, Never>?, [CheckedContinuation<Bool, Never>]) in
            guard case .queued(let continuation) = state.tickets[ticket.number]?.standing else { return (nil, []) }
            return (continuation, Self.remove(ticket.number, from: &state))
        }
        own?.resume(returning: false)
        ready.forEach { $0.resume(returning: true) }
    }

    /// Takes the ticket out of its lines; returns the waiters whose turn came.
    private static func remove(_ number: UInt64, from state: inout State) -> [CheckedContinuation<Bool, Never>] {
        guard let entry = state.tickets.removeValue(forKey: number) else { return [] }
        var heads: [UInt64] = []
        for key in entry.folders {
            state.lines[key]?.removeAll { $0 == number }
            if let head = state.lines[key]?.first { heads.append(head) } else { state.lines[key] = nil }
        }
        return promote(heads, in: &state)
    }

    /// Gives the turn to each candidate that now heads all of its lines;
    /// returns the continuations to resume (outside the lock).
    private static func promote(_ candidates: [UInt64], in state: inout State) -> [CheckedContinuation<Bool, Never>] {
        var ready: [CheckedContinuation<Bool, Never>] = []
        for number in candidates {
            guard let entry = state.tickets[number], case .queued(let continuation) = entry.standing,
                  entry.folders.allSatisfy({ state.lines[$0]?.first == number }) else { continue }
            state.tickets[number]!.standing = .turn
            if let continuation { ready.append(continuation) }
        }
        return ready
    }

    /// The folder's line: its real path, or for a folder not made yet the
    /// real path of its nearest existing parent with the rest appended.
    static func key(_ path: String) -> String {
        var head = URL(fileURLWithPath: path).standardizedFileURL.path
        var rest: [String] = []
        while true {
            if let real = realpath(head, nil) {
                defer { free(real) }
                let base = String(cString: real)
                return rest.reversed().reduce(base) { $0 == "/" ? "/" + $1 : $0 + "/" + $1 }
            }
            let parent = (head as NSString).deletingLastPathComponent
            if parent == head || parent.isEmpty { return ([head] + rest.reversed()).joined(separator: "/") }
            rest.append((head as NSString).lastPathComponent)
            head = parent
        }
    }
}
