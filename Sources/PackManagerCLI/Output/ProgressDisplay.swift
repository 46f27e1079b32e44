import Foundation
import NIOConcurrencyHelpers
import PackCache

/// Shows an update's progress: one rewritten line on a terminal, a plain
/// line now and then otherwise, nothing with --quiet.
final class ProgressDisplay: Sendable {
    private let tracker: ProgressTracker
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let quiet: Bool
    private let ticker = NIOLockedValueBox<Task<Void, Never>?>(nil)

    /// The last plain line: when, which phase, which tenth.
    private struct Plain: Sendable {
        var time = Date.distantPast
        var phase = ""
        var fraction = -1
    }
    private let plain = NIOLockedValueBox(Plain())

    init(tracker: ProgressTracker, quiet: Bool) {
        self.tracker = tracker
        self.quiet = quiet
    }

    func start() {
        guard !quiet else { return }
        let task = Task { [weak self] in
            while !Task.isCancelled {
                self?.draw(final: false)
                try? await Task.sleep(nanoseconds: self?.isTerminal == true ? 150_000_000 : 1_000_000_000)
            }
        }
        ticker.withLockedValue { $0 = task }
    }

    func stop() {
        ticker.withLockedValue { task in
            task?.cancel()
            task = nil
        }
        guard !quiet else { return }
        draw(final: true)
        if isTerminal { Terminal.writeError("\r\u{1B}[K") }
    }

    private func draw(final: Bool) {
        let snapshot = tracker.snapshot
        guard !snapshot.phase.isEmpty, snapshot.total > 0 else { return }
        let rate = snapshot.elapsed > 0.2 ? Double(snapshot.bytes) / snapshot.elapsed : 0
        var text = "\(snapshot.phase): \(snapshot.done)/\(snapshot.total)"
        if snapshot.failed > 0 { text += " (\(snapshot.failed) failed)" }
        text += ", \(ByteCount.text(snapshot.bytes))"
        if rate > 0 { text += ", \(ByteCount.text(Int64(rate)))/s" }
        if snapshot.done > 0, snapshot.done < snapshot.total {
            let remaining = snapshot.elapsed / Double(snapshot.done) * Double(snapshot.total - snapshot.done)
            text += ", about \(Int(remaining.rounded(.up))) s left"
        }
        if isTerminal {
            // Under the lock, so the ticker and stop() never interleave their lines.
            plain.withLockedValue { _ in Terminal.writeError("\r\u{1B}[K" + text) }
            return
        }
        // Plain lines: at each tenth, and at least every 10 seconds.
        let fraction = snapshot.done * 10 / snapshot.total
        plain.withLockedValue { last in
            let due = snapshot.phase != last.phase || fraction != last.fraction || Date().timeIntervalSince(last.time) >= 10
            guard due, !final || snapshot.done != snapshot.total || fraction != last.fraction else { return }
            last = Plain(time: Date(), phase: snapshot.phase, fraction: fraction)
            Terminal.writeError(text + "\n")
        }
    }
}
