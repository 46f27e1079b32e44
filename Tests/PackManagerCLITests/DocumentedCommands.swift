import Foundation
@testable import PackManagerCLI

/// A `pack-manager` command line shown in the documentation.
struct DocumentedCommand: Equatable, CustomStringConvertible {
    enum Kind: Equatable {
        /// A whole command line, which must parse: a line of a code block
        /// (`pack-manager …`, `$ pack-manager …`, `swift run … pack-manager …`,
        /// a quoted word holding one: `--candidate '.build/release/pack-manager …'`),
        /// or inline code `` `pack-manager …` `` (also quoted in shown output).
        case commandLine
        /// Inline code naming a command with some of its words, without the
        /// program's name (`` `pack list --updates` ``, `` `index build --site` ``):
        /// its commands and options must exist, its arguments may be left out.
        case fragment
    }

    var file: String
    /// The line it starts on, from 1.
    var line: Int
    /// The program's arguments as written (continuation lines joined,
    /// comments left in), still a synopsis: see `CommandSynopsis`.
    var arguments: String
    var kind: Kind = .commandLine

    var description: String { "\(file):\(line): pack-manager \(arguments)" }
}

/// Finds the `pack-manager` command lines of a Markdown page: in fenced and
/// indented code blocks (a line that runs the program, after an optional
/// `$ ` prompt; lines of output are left out) and in inline code, where a
/// command's name and more words (`` `pack add --force-reinstall` ``) are a
/// fragment of one.
///
///     DocumentedCommands.find(in: "    $ pack-manager show X\n    X\n", file: "README.md")
///     // [README.md:1: pack-manager show X]
enum DocumentedCommands {
    static func find(in markdown: String, file: String) -> [DocumentedCommand] {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var commands: [DocumentedCommand] = []
        var fence: String?
        var previousBlank = true
        var inIndentedCode = false
        var prose: [(line: Int, text: String)] = []
        var index = 0

        func flushProse() {
            commands += inlineCommands(in: prose, file: file)
            prose = []
        }

        while index < lines.count {
            let line = lines[index]
            let number = index + 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            index += 1
            if let marker = fence {
                if trimmed.hasPrefix(marker) && trimmed.allSatisfy({ $0 == marker.first }) { fence = nil; continue }
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                flushProse()
                fence = String(trimmed.prefix { $0 == trimmed.first })
                continue
            } else if trimmed.isEmpty {
                flushProse()
                previousBlank = true
                continue
            } else if indentation(of: line) >= 4 && (previousBlank || inIndentedCode) {
                inIndentedCode = true
            } else {
                inIndentedCode = false
                previousBlank = false
                prose.append((number, line))
                continue
            }
            // A line of a code block, with its continuation lines.
            var joined = trimmed
            while joined.hasSuffix("\\"), index < lines.count {
                joined = String(joined.dropLast()) + " " + lines[index].trimmingCharacters(in: .whitespaces)
                index += 1
            }
            if let arguments = programArguments(inCodeLine: joined) {
                commands += arguments.map { DocumentedCommand(file: file, line: number, arguments: $0) }
            } else {
                // Output can quote a command for the reader to run next.
                commands += inlineCommands(in: [(number, joined)], file: file)
            }
        }
        flushProse()
        return commands
    }

    /// The arguments of every run of the program on a code line, or nil
    /// when the line does not run it (output, another program's line).
    static func programArguments(inCodeLine line: String) -> [String]? {
        var text = Substring(line)
        if text.hasPrefix("$ ") { text = text.dropFirst(2) }
        guard let words = try? ShellWords.split(String(text)) else {
            // Quotes not closed: still a command if it starts like one, and
            // then it fails to parse where the test can say so.
            let first = text.split(separator: " ").first.map(String.init) ?? ""
            return isProgram(first) ? [String(text.drop { $0 != " " }.dropFirst())] : nil
        }
        var rest = words[...]
        while let first = rest.first, !first.quoted, isAssignment(first.text) { rest = rest.dropFirst() }
        guard let first = rest.first else { return nil }
        if !first.quoted, isProgram(first.text) {
            return [arguments(after: first.text, in: text)]
        }
        if first.text == "swift", rest.dropFirst().first?.text == "run", let program = rest.first(where: { !$0.quoted && isProgram($0.text) }) {
            return [arguments(after: program.text, in: text)]
        }
        // A command handed to another program as one quoted word.
        let quoted = rest.filter { $0.quoted && $0.text.contains(" ") }.compactMap { word -> String? in
            let program = word.text.prefix { $0 != " " }
            return isProgram(String(program)) ? String(word.text.dropFirst(program.count + 1)) : nil
        }
        return quoted.isEmpty ? nil : quoted
    }

    /// The commands of `pack-manager` and their aliases: inline code that
    /// starts with one and goes on is a fragment of a command line.
    static let commandNames: Set<Substring> = Set((CommandTree.root?.subcommands ?? []).flatMap { [$0.commandName] + ($0.aliases ?? []) }
        .filter { $0 != "help" }.map { Substring($0) })

    /// Python or other code that begins with a word like a command (`index = cache.index`).
    private static func isOtherCode(_ content: String) -> Bool {
        content.contains(" = ") || content.contains("(") || content.contains(")")
    }

    /// Whether every word is a command or subcommand name (`pack add`).
    private static func namesCommandsOnly(_ arguments: String) -> Bool {
        guard var node = CommandTree.root else { return false }
        for word in arguments.split(separator: " ") {
            guard let child = node.subcommand(String(word)) else { return false }
            node = child
        }
        return true
    }

    /// `pack-manager`, also as a path (`.build/release/pack-manager`).
    static func isProgram(_ word: String) -> Bool {
        word == "pack-manager" || word.hasSuffix("/pack-manager")
    }

    /// The line's text after the first `program` word, as written (its
    /// quotes kept, so that the synopsis reading sees them).
    private static func arguments(after program: String, in line: Substring) -> String {
        guard let range = line.range(of: program) else { return "" }
        return String(line[range.upperBound...]).trimmingCharacters(in: .whitespaces)
    }

    private static func isAssignment(_ word: String) -> Bool {
        guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return false }
        return word[..<equals].allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
    }

    private static func indentation(of line: String) -> Int {
        var columns = 0
        for character in line {
            if character == " " { columns += 1 } else if character == "\t" { columns += 4 - columns % 4 } else { break }
        }
        return columns
    }

    /// Code spans starting with `pack-manager ` in a paragraph (they may run
    /// over a line break).
    private static func inlineCommands(in paragraph: [(line: Int, text: String)], file: String) -> [DocumentedCommand] {
        var characters: [(character: Character, line: Int)] = []
        for (line, text) in paragraph {
            if !characters.isEmpty { characters.append((" ", line)) }
            characters += text.map { ($0, line) }
        }
        var commands: [DocumentedCommand] = []
        var position = 0
        while position < characters.count {
            guard characters[position].character == "`" else { position += 1; continue }
            var run = 0
            while position + run < characters.count, characters[position + run].character == "`" { run += 1 }
            let start = position + run
            // The closing run of the same length.
            var end = start
            var found: Int?
            while end < characters.count {
                if characters[end].character == "`" {
                    var closing = 0
                    while end + closing < characters.count, characters[end + closing].character == "`" { closing += 1 }
                    if closing == run { found = end; break }
                    end += closing
                } else {
                    end += 1
                }
            }
            guard let close = found else { position = start; continue }
            let content = String(characters[start..<close].map(\.character)).trimmingCharacters(in: .whitespaces)
            let first = String(content.prefix { $0 != " " })
            let line = characters[start].line
            if isProgram(first), content.count > first.count {
                let arguments = String(content.dropFirst(first.count)).trimmingCharacters(in: .whitespaces)
                // `pack-manager check` in a sentence names the command: its arguments are not left out.
                let kind: DocumentedCommand.Kind = namesCommandsOnly(arguments) ? .fragment : .commandLine
                commands.append(DocumentedCommand(file: file, line: line, arguments: arguments, kind: kind))
            } else if content.count > first.count, commandNames.contains(first.split(separator: "|")[0].split(separator: "/")[0]),
                      !isOtherCode(content) {
                commands.append(DocumentedCommand(file: file, line: line, arguments: content, kind: .fragment))
            }
            position = close + run
        }
        return commands
    }
}
