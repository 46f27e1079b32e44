import Dispatch
import Foundation
import OwnedFiles
import PackCache

/// Ctrl-C during `pack add` or `pack update`: the process still ends as
/// SIGINT ends it (status 130 in a shell; an install is atomic and a
/// download resumes, so stopping at once loses nothing), but first says on
/// standard error that it was interrupted, which partial downloads are kept,
/// and that running the command again resumes them.
///
/// Only when SIGINT has its default action: a caller that ignores it (a
/// background job) or handles it (a program running the command line in
/// its own process) keeps its behaviour.
enum InterruptNotice {
    static func reporting<T>(for layout: PackRootLayout, _ body: () async throws -> T) async throws -> T {
        let previous = signal(SIGINT, SIG_IGN)
        guard previous == nil else {  // not SIG_DFL: put it back and stay out of the way
            signal(SIGINT, previous)
            return try await body()
        }
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            let lead = isatty(STDERR_FILENO) == 1 ? "\r\u{1B}[K" : ""
            FileHandle.standardError.write(Data((lead + message(layout) + "\n").utf8))
            signal(SIGINT, SIG_DFL)
            kill(getpid(), SIGINT)
        }
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
        return try await body()
    }

    /// What was kept, from the partial downloads on disk.
    static func message(_ layout: PackRootLayout) -> String {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: layout.partialPath)) ?? []).filter { $0.hasSuffix(".part") }.sorted()
        let parts = names.map { name in
            let size = FileStat(layout.partialPath + "/" + name)?.size ?? 0
            return "\(layout.partialPath)/\(name) (\(ByteCount.text(size)) so far)"
        }
        var text = "interrupted (Ctrl-C): nothing is half-installed; packs installed before the interrupt stay installed. "
        if parts.isEmpty {
            text += "No partial download was kept. Run the same command again to install what is missing."
        } else {
            text += "Kept for the next run: the partial download\(parts.count == 1 ? "" : "s") " + parts.joined(separator: ", ")
                + ". Run the same command again to resume \(parts.count == 1 ? "it" : "them")."
        }
        return text
    }
}
