import CMSISPack

/// The first option in the arguments that its command does not have, named
/// with the closest ones it does have. swift-argument-parser reports an
/// unknown option only after the command's arguments were read and checked,
/// so the word after a mistyped option (its value) was taken for an
/// argument and spoke first: `cache descriptors --index-ur URL` read "only
/// `cache devices` takes device names", `check --shema x.xsd` "x.xsd does
/// not exist", `pack add --bogus` "name at least one pack". The words are
/// read against the command tree instead (nothing is parsed or run).
enum UnknownOption {
    /// The error to print for an unknown option in `arguments`, else nil.
    static func message(in arguments: [String], tree: CommandTree? = CommandTree.root) -> String? {
        guard var command = tree else { return nil }
        var path = [command.commandName]
        var options = command.optionNames
        var takesValue = false
        for word in arguments {
            if takesValue {
                takesValue = false
                continue
            }
            if word == "--" { return nil }
            guard word.hasPrefix("-"), word != "-" else {
                if let child = command.subcommand(word) {
                    command = child
                    path.append(child.commandName)
                    options = command.optionNames
                }
                continue
            }
            switch read(word, options: options) {
            case .unknown(let typed):
                return text(typed, command: path.joined(separator: " "), options: options.keys)
            case .known(let value):
                takesValue = value
            }
        }
        return nil
    }

    private enum Reading {
        case known(takesValue: Bool)
        case unknown(String)
    }

    /// One word that starts with `-`: `--name[=value]`, `-name`, `-n`, or
    /// short flags run together (`-qv`, the last one may take the next word).
    private static func read(_ word: String, options: [CommandTree.Name: Bool]) -> Reading {
        let name = String(word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0])
        let hasValue = name.count < word.count
        if name.hasPrefix("--") {
            guard let value = options[CommandTree.Name(kind: .long, name: String(name.dropFirst(2)))] else { return .unknown(name) }
            return .known(takesValue: value && !hasValue)
        }
        let body = String(name.dropFirst())
        // A negative number is a value (of an option read before, or a positional argument).
        if Double(body) != nil { return .known(takesValue: false) }
        if let value = options[CommandTree.Name(kind: .longWithSingleDash, name: body)] { return .known(takesValue: value && !hasValue) }
        var last = false
        for letter in body {
            guard let value = options[CommandTree.Name(kind: .short, name: String(letter))] else {
                return .unknown(body.count == 1 ? name : "-" + String(letter) + (body.count > 1 ? " (in \(name))" : ""))
            }
            last = value
        }
        return .known(takesValue: last && !hasValue)
    }

    private static func text(_ typed: String, command: String, options: Dictionary<CommandTree.Name, Bool>.Keys) -> String {
        var message = "error: unknown option '\(typed)' for '\(command)'."
        if typed.hasPrefix("--") {
            let longNames = options.filter { $0.kind != .short && !["experimental-dump-help", "generate-completion-script"].contains($0.name) }
                .map(\.spelled)
            // The closest only: names it begins, else those fewest edits away.
            let rank = { (name: String) in name.hasPrefix(typed) ? 0 : NameSuggestions.distance(Array(typed.lowercased()), Array(name)) }
            let close = longNames.filter { CommandSuggestion.isClose(typed, $0) }
            let best = close.map(rank).min()
            let ranked = close.isEmpty ? NameSuggestions.closest(to: typed, in: longNames.sorted(), limit: 3)
                : close.filter { rank($0) == best }.sorted()
            if !ranked.isEmpty {
                message += " Did you mean " + ranked.prefix(3).map { "'\($0)'" }.joined(separator: " or ") + "?"
            }
        }
        return message + "\n(see '\(command) --help')"
    }
}
