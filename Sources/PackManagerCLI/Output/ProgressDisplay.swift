import Foundation
import PackCache

/// Shows an update's progress: one rewritten line on a terminal, a plain
/// line now and then otherwise, nothing with --quiet.
final class ProgressDisplay: @unchecked Sendable {
    private let tracker: ProgressTracker
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let quiet: Bool
    private var ticker: Task<Void, Never>?
    private let lock = NSLock()
    private var lastPlain = Date.distantPast
    private var lastPhase = ""
    private var lastFraction = -1

    init(tracker: ProgressTracker, quiet: Bool) {
        self.tracker = tracker
        self.quiet = quiet
    }

    func start() {
        guard !quiet else { return }
        ticker = Task { [weak self] in
            while !Task.isCancelled {
                self?.draw(final: false)
                try? await Task.sleep(nanoseconds: self?.isTerminal == true ? 150_000_000 : 1_000_000_000)
            }
        }
    }

    func stop() {
        ticker?.cancel()
        ticker = nil
        guard !quiet else { return }
        draw(final: true)
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
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
        lock.lock()
        defer { lock.unlock() }
        if isTerminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
            return
        }
        // Plain lines: at each tenth, and at least every 10 seconds.
        let fraction = snapshot.done * 10 / snapshot.total
        let due = snapshot.phase != lastPhase || fraction != lastFraction || Date().timeIntervalSince(lastPlain) >= 10
        guard due, !final || snapshot.done != snapshot.total || fraction != lastFraction else { return }
        lastPhase = snapshot.phase
        lastFraction = fraction
        lastPlain = Date()
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
