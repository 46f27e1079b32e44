import ArgumentParser
import Foundation

/// The commands and their option names, as swift-argument-parser describes
/// them (its tool-info JSON, the `--experimental-dump-help` output), read
/// once: what the usage messages need to tell an unknown option from a
/// known one without parsing, so a command's own checks cannot speak first.
struct CommandTree: Decodable, Sendable {
    struct Name: Decodable, Sendable, Hashable {
        enum Kind: String, Decodable, Sendable { case long, short, longWithSingleDash }
        var kind: Kind
        var name: String

        /// As typed: `--name`, `-n`, `-name`.
        var spelled: String { kind == .long ? "--" + name : "-" + name }
    }

    struct Argument: Decodable, Sendable {
        enum Kind: String, Decodable, Sendable { case positional, option, flag }
        var kind: Kind
        var names: [Name]?
    }

    var commandName: String
    var aliases: [String]?
    var subcommands: [CommandTree]?
    var arguments: [Argument]?

    private struct Document: Decodable {
        var command: CommandTree
    }

    /// The tree of `pack-manager`; nil if the parser's description cannot be read.
    static let root: CommandTree? = try? JSONDecoder().decode(Document.self, from: Data(PackManager._dumpHelp().utf8)).command

    /// The subcommand named `word` (or one of its aliases).
    func subcommand(_ word: String) -> CommandTree? {
        subcommands?.first { $0.commandName == word || ($0.aliases ?? []).contains(word) }
    }

    /// Every option and flag name, with whether it takes a value; the
    /// built-in help names included (swift-argument-parser adds them to every command).
    var optionNames: [Name: Bool] {
        var names: [Name: Bool] = [:]
        for argument in arguments ?? [] where argument.kind != .positional {
            for name in argument.names ?? [] { names[name] = argument.kind == .option }
        }
        for builtIn in [Name(kind: .long, name: "help"), Name(kind: .short, name: "h"), Name(kind: .longWithSingleDash, name: "help"), Name(kind: .long, name: "version"),
                        Name(kind: .long, name: "experimental-dump-help"), Name(kind: .long, name: "generate-completion-script")] {
            names[builtIn] = names[builtIn] ?? (builtIn.name == "generate-completion-script")
        }
        return names
    }
}
