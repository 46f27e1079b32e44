import ArgumentParser
import CMSISPack

/// "Did you mean" for command names: swift-argument-parser suggests options,
/// but a mistyped command only reads "2 unexpected arguments".
enum CommandSuggestion {
    /// When `arguments` name a command that does not exist where a command is
    /// expected, the error to print (with the closest names), else nil.
    static func unknownCommand(in arguments: [String], root: ParsableCommand.Type) -> String? {
        var command = root
        var path = [name(of: root)]
        var previous: String?
        for word in arguments {
            defer { previous = word }
            if word.hasPrefix("-") { continue }
            // After an option, a word may be its value: no guess then.
            if let previous, previous.hasPrefix("-"), !previous.contains("=") { return nil }
            let children = subcommands(of: command)
            guard !children.isEmpty else { return nil }
            if let child = children.first(where: { names(of: $0).contains(word) }) {
                command = child
                path.append(name(of: child))
                continue
            }
            let candidates = children.flatMap(names(of:))
            let close = candidates.filter { isClose(word, $0) }
            var message = "error: '\(word)' is not a command of '\(path.joined(separator: " "))'."
            if !close.isEmpty {
                message += " Did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?"
            }
            let primary = children.map(name(of:))
            message += "\n(commands: \(primary.joined(separator: ", ")); see '\(path.joined(separator: " ")) --help')"
            return message
        }
        return nil
    }

    // Small accessors: reading these through the existential metatype inline
    // crashes the 6.3 compiler in SILGen.
    private static func name(of command: ParsableCommand.Type) -> String {
        command._commandName
    }

    private static func subcommands(of command: ParsableCommand.Type) -> [ParsableCommand.Type] {
        command.configuration.subcommands
    }

    private static func names(of command: ParsableCommand.Type) -> [String] {
        [name(of: command)] + command.configuration.aliases
    }

    /// A prefix of at least three letters, or at most two edits away.
    static func isClose(_ typed: String, _ name: String) -> Bool {
        let typed = typed.lowercased()
        if typed.count >= 3, name.hasPrefix(typed) { return true }
        return NameSuggestions.distance(Array(typed), Array(name)) <= min(2, max(1, name.count / 3))
    }
}
