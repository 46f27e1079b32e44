import Foundation
import Testing
import TestSupport

/// What a new user meets first: messages and exit statuses that scripts may
/// depend on, for the situations that tripped people (nothing installed, a
/// mistyped file, reading --help on an 80-column terminal).
@Suite struct FirstUseMessageTests {
    let directory = Corpus.temporaryDirectory("first-use")
    var root: String { directory + "/root" }
    static let environment = PackManagerBinary.offline(["CMSIS_PACK_ROOT": ""])

    @Test func addingAFileThatDoesNotExistSaysSo() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let missing = directory + "/nothere.pack"
        let result = try PackManagerBinary.run(["pack", "add", "-R", root, missing], environment: Self.environment)
        #expect(result.status == 1)
        #expect(result.standardError.contains("error: \(missing): no such file\n"))
        #expect(!result.standardError.contains("\(missing): \(missing)"))
    }

    @Test func anEmptyListSaysWhyOnStandardError() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let installed = try PackManagerBinary.run(["pack", "list", "-R", root], environment: Self.environment)
        #expect(installed.status == 0)
        #expect(installed.standardOutput.isEmpty)
        #expect(installed.standardError.contains("no packs are installed in \(root)"))
        let cached = try PackManagerBinary.run(["pack", "list", "-R", root, "--cached"], environment: Self.environment)
        #expect(cached.standardError.contains("no pack archives in \(root)/.Download"))
        let json = try PackManagerBinary.run(["pack", "list", "-R", root, "--json"], environment: Self.environment)
        #expect(json.standardOutput == "[]\n")
    }

    @Test func helpTextsFitEightyColumnsWithoutBreakingTheirTables() throws {
        // swift-argument-parser wraps at 80 columns; a line it had to wrap
        // leaves a continuation starting in column 0 inside an indented table.
        for command in [["cache"], ["pack"], ["pack", "list"], ["check"], ["index", "build"], ["find"], ["show"]] {
            let help = try PackManagerBinary.run(command + ["--help"])
            #expect(help.status == 0, "\(command)")
            let discussion = help.standardOutput.components(separatedBy: "USAGE:").first ?? ""
            let lines = discussion.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for (previous, line) in zip(lines, lines.dropFirst()) where previous.hasPrefix("  ") && !line.isEmpty {
                // In a two-column table, a row's text continues indented, never at column 0.
                let isTableRow = previous.range(of: #"^  \S.*\S  +\S"#, options: .regularExpression) != nil
                #expect(!(isTableRow && !line.hasPrefix(" ")), "\(command.joined(separator: " ")): '\(line)' breaks the row '\(previous)'")
            }
        }
    }
}
