import CMSISPack
import Foundation

/// Printing for the commands: results to standard output, diagnostics and
/// errors to standard error, one line each.
enum Terminal {
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func write(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    /// A JSON document on standard output, ending with a newline.
    static func json(_ value: JSONValue) {
        FileHandle.standardOutput.write(Data(value.serialized() + [UInt8(ascii: "\n")]))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("error: " + text + "\n").utf8))
    }

    static func warning(_ text: String) {
        FileHandle.standardError.write(Data(("warning: " + text + "\n").utf8))
    }

    static func note(_ text: String) {
        FileHandle.standardError.write(Data(("note: " + text + "\n").utf8))
    }

    static func diagnostic(_ diagnostic: Diagnostic) {
        FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
    }

    /// Prints warnings when verbose, else a count and how to see them.
    static func warnings(_ diagnostics: [Diagnostic], verbose: Bool) {
        guard !diagnostics.isEmpty else { return }
        if verbose {
            diagnostics.forEach(diagnostic)
        } else {
            let files = Set(diagnostics.map(\.file)).count
            FileHandle.standardError.write(Data("note: \(diagnostics.count) warning\(diagnostics.count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s") (--verbose shows them)\n".utf8))
        }
    }
}
