import ArgumentParser
import Foundation
@testable import PackManagerCLI

/// Whether a documented command line parses with the program's own parser
/// (`PackManager.parseAsRoot`, validation included), every combination of
/// its synopsis. Nothing runs: a parsed command is thrown away.
///
///     let check = DocumentedCommandCheck(sandbox: folder)
///     check.problems(of: command)   // [] when it parses
struct DocumentedCommandCheck {
    /// A temporary folder: `~` stands for `<sandbox>/home`, and the files a
    /// command wants to exist (`check`'s inputs) are made here.
    let sandbox: String

    /// Values for placeholders that the parser would refuse as they are
    /// written (a command here; a number, should a page write `--limit N`);
    /// any other placeholder (`DEVICE`, `<vendor>`, `FILE`) is a fine value
    /// for a string.
    static let placeholderValues: [String: String] = [
        "COMMAND": "cache",
    ]

    /// Commands the pages show as mistakes, to show the error they get
    /// (docs/commands.md): each must stay one.
    static let documentedMistakes: Set<String> = [
        "cache descriptors --index-ur URL",
        "pack add --bogus",
    ]

    /// One message per combination that does not parse (for a fragment:
    /// names a command or option the program does not have), naming it.
    func problems(of command: DocumentedCommand) -> [String] {
        let place = "\(command.file):\(command.line)"
        let variants: [[String]]
        do {
            var words = try ShellWords.split(command.arguments)
            if command.kind == .fragment { words = words.map(Self.slashesAsAlternatives) }
            variants = try CommandSynopsis.expand(words)
        } catch {
            return ["\(place): `\(command.arguments)` cannot be read as a command line: \(error)"]
        }
        let problems = variants.compactMap { variant -> String? in
            let arguments = variant.map(substituted)
            let shown = variants.count == 1 ? ShellWords.withoutComment(command.arguments) : variant.joined(separator: " ")
            switch command.kind {
            case .commandLine:
                return parseProblem(arguments).map { "\(place): `pack-manager \(shown)` does not parse: \($0)" }
            case .fragment:
                return fragmentProblem(arguments).map { "\(place): `\(shown)`: \($0)" }
            }
        }
        if Self.documentedMistakes.contains(command.arguments) {
            return problems.isEmpty ? ["\(place): `\(command.arguments)` is shown as a mistake, but the program accepts it"] : []
        }
        return problems
    }

    /// The problem of a fragment (`pack list --updates`): a word that is
    /// no command where one is expected, or an option its command does not have.
    func fragmentProblem(_ arguments: [String]) -> String? {
        let commandWords = arguments.prefix { !$0.hasPrefix("-") }
        if let problem = Self.unknownCommand(in: commandWords) { return problem }
        return UnknownOption.message(in: arguments).map {
            $0.replacingOccurrences(of: "error: ", with: "").replacingOccurrences(of: "\n", with: " ")
        }
    }

    /// `pack add/update/init` in a fragment stands for each command.
    private static func slashesAsAlternatives(_ word: ShellWord) -> ShellWord {
        let parts = word.text.split(separator: "/", omittingEmptySubsequences: false)
        guard !word.quoted, parts.count > 1,
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }) else { return word }
        return ShellWord(text: parts.joined(separator: "|"), quoted: false)
    }

    private func substituted(_ word: String) -> String {
        if let value = Self.placeholderValues[word] { return value }
        if word == "~" { return sandbox + "/home" }
        if word.hasPrefix("~/") { return sandbox + "/home/" + word.dropFirst(2) }
        return word
    }

    /// The parser's message, or nil when the arguments parse (or ask for
    /// `--help`/`--version` of a command that exists).
    func parseProblem(_ original: [String]) -> String? {
        if let builtIn = original.firstIndex(where: Self.builtInFlags.contains) {
            // The parser answers these whatever precedes them (`pack-manager
            // cach --help` is the program's help): the words before must be commands.
            if let problem = Self.unknownCommand(in: original[..<builtIn]) { return problem }
        }
        var arguments = original
        var made: [String] = []
        // One more try per argument: each may be a file that must exist.
        for attempt in 0...arguments.count {
            do {
                _ = try PackManager.parseAsRoot(arguments)
                return nil
            } catch {
                if PackManager.exitCode(for: error) == .success { return nil }
                let message = PackManager.message(for: error)
                // Some commands refuse files that do not exist before they run
                // (`check`'s inputs, `--cacert`): the documented files stand for
                // the reader's, so give them some.
                if let missing = arguments.indices.first(where: { message.hasSuffix(": " + arguments[$0]) && !FileManager.default.fileExists(atPath: arguments[$0]) }) {
                    arguments[missing] = makeFile(standingFor: arguments[missing], number: attempt)
                    made.append(arguments[missing])
                    continue
                }
                // What a file made here holds (nothing) is no fault of the page:
                // the names and values were taken, the stand-in's content was not.
                if made.contains(where: message.contains) { return nil }
                return message.replacingOccurrences(of: "\n", with: " ")
            }
        }
        return "still refused after making every file it names"
    }

    /// The flags swift-argument-parser answers itself.
    static let builtInFlags: Set<String> = ["--help", "-h", "-help", "--version"]

    /// A word naming no subcommand where the command has no arguments for it.
    private static func unknownCommand(in words: ArraySlice<String>) -> String? {
        guard var node = CommandTree.root else { return "the command tree cannot be read" }
        var path = ["pack-manager"]
        for word in words {
            if word.hasPrefix("-") { return nil }
            if let next = node.subcommand(word) {
                node = next
                path.append(next.commandName)
            } else if (node.arguments ?? []).contains(where: { $0.kind == .positional }) {
                return nil
            } else {
                return "'\(word)' is not a command of '\(path.joined(separator: " "))'"
            }
        }
        return nil
    }

    /// An empty file (or folder, for a name ending in `/` or without an
    /// extension) in the sandbox, with the same last name.
    private func makeFile(standingFor path: String, number: Int) -> String {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let folder = sandbox + "/files/\(number)"
        let made = folder + "/" + name
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if path.hasSuffix("/") || !name.dropFirst().contains(".") {
            try? FileManager.default.createDirectory(atPath: made, withIntermediateDirectories: true)
        } else {
            _ = FileManager.default.createFile(atPath: made, contents: Data())
        }
        return made
    }
}
