import CMSISPack
import Foundation
import NIOConcurrencyHelpers

/// Printing for the commands: results to standard output, diagnostics and
/// errors to standard error, one line each.
enum Terminal {
    /// Set (with `Terminal.$capture.withValue`) to collect a command's output
    /// instead of writing it, so tests run commands in process and in parallel.
    @TaskLocal static var capture: OutputCapture?

    static func print(_ text: String) {
        writeOutput(Array((text + "\n").utf8))
    }

    static func write(_ bytes: [UInt8]) {
        writeOutput(bytes)
    }

    /// A JSON document on standard output, ending with a newline.
    static func json(_ value: JSONValue) {
        writeOutput(value.serialized() + [UInt8(ascii: "\n")])
    }

    static func error(_ text: String) {
        writeError("error: " + text + "\n")
    }

    static func warning(_ text: String) {
        writeError("warning: " + text + "\n")
    }

    static func note(_ text: String) {
        writeError("note: " + text + "\n")
    }

    static func diagnostic(_ diagnostic: Diagnostic) {
        writeError(diagnostic.description + "\n")
    }

    /// Prints warnings when verbose, else a count and how to see them.
    static func warnings(_ diagnostics: [Diagnostic], verbose: Bool) {
        guard !diagnostics.isEmpty else { return }
        if verbose {
            diagnostics.forEach(diagnostic)
        } else {
            let files = Set(diagnostics.map(\.file)).count
            writeError("note: \(diagnostics.count) warning\(diagnostics.count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s") (--verbose shows them)\n")
        }
    }

    static func writeOutput(_ bytes: [UInt8]) {
        if let capture { capture.output.withLockedValue { $0 += bytes } } else { FileHandle.standardOutput.write(Data(bytes)) }
    }

    /// Text as it is (no prefix, no newline added) on standard error.
    static func writeError(_ text: String) {
        if let capture { capture.error.withLockedValue { $0 += Array(text.utf8) } } else { FileHandle.standardError.write(Data(text.utf8)) }
    }
}

/// What a command printed, when run with `Terminal.capture` set.
final class OutputCapture: Sendable {
    let output = NIOLockedValueBox<[UInt8]>([])
    let error = NIOLockedValueBox<[UInt8]>([])

    init() {}

    var standardOutput: String { String(decoding: output.withLockedValue { $0 }, as: UTF8.self) }
    var standardError: String { String(decoding: error.withLockedValue { $0 }, as: UTF8.self) }
}
