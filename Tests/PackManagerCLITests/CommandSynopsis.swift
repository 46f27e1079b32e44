/// A documented command line read as a synopsis, turned into every concrete
/// command line it stands for: `[…]` is optional, `a | b` inside brackets
/// and `a|b|c` within one word are alternatives, a trailing `…` (repeat) is
/// dropped. A `|` into a filter (`| jq …`), `;` or `&&` ends the command,
/// and redirections (`> file`, `2>&1`) are not its arguments; any other `|`
/// between words outside brackets is refused, as it would hide alternatives
/// (`dump conditions | examples`: write `conditions|examples`). Quoted words
/// are taken as they are.
///
///     try CommandSynopsis.expand(ShellWords.split("algo DEVICE [--json | --format text|json]"))
///     // [algo DEVICE], [algo DEVICE --json], [algo DEVICE --format text], [algo DEVICE --format json]
enum CommandSynopsis {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    /// More combinations than this is a synopsis too loose to be an example.
    static let maximumVariants = 256

    static func expand(_ words: [ShellWord]) throws -> [[String]] {
        var tokens = try tokenize(words)[...]
        let pieces = try sequence(&tokens, nested: false)
        let variants = try combinations(of: pieces)
        return variants
    }

    private enum Token: Equatable {
        case word(String)
        case alternatives([String])
        case open, close, bar
    }

    private indirect enum Piece {
        case word(String)
        case alternatives([String])
        case optional([[Piece]])
    }

    /// Programs a documented command may be piped into.
    static let filters: Set<String> = ["jq", "grep", "head", "tail", "less", "more", "sort", "uniq", "wc", "tee", "xargs", "cat", "sed", "awk", "python3", "diff"]

    private static func tokenize(_ words: [ShellWord]) throws -> [Token] {
        var tokens: [Token] = []
        var skipNext = false
        for word in words {
            if skipNext { skipNext = false; continue }
            if word.quoted { tokens.append(.word(word.text)); continue }
            var text = Substring(word.text)
            if text == "|" { tokens.append(.bar); continue }
            if text == ";" || text == "&&" || text == "||" { break }
            if isRedirection(text) { skipNext = !text.contains("&") && text.last.map { "<>".contains($0) } == true; continue }
            while text.first == "[" { tokens.append(.open); text = text.dropFirst() }
            var closing = 0
            while text.last == "]" { closing += 1; text = text.dropLast() }
            if text.count > 1, text.last == "…" { text = text.dropLast() }
            if !text.isEmpty {
                let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                tokens.append(parts.count > 1 ? .alternatives(parts) : .word(String(text)))
            }
            tokens += Array(repeating: .close, count: closing)
        }
        // A bar outside any bracket is a pipe: the command ends before it.
        var depth = 0
        for (offset, token) in tokens.enumerated() {
            if token == .open { depth += 1 } else if token == .close { depth -= 1 } else if token == .bar && depth == 0 {
                guard offset + 1 < tokens.count, case .word(let next) = tokens[offset + 1], filters.contains(next) else {
                    throw Malformed(description: "a '|' outside brackets that is no pipe into a filter: write alternatives as a|b or [a | b]")
                }
                return Array(tokens[..<offset])
            }
        }
        return tokens
    }

    /// `>`, `>>`, `<`, `2>`, `2>&1`, `>file`: not a placeholder such as `<device>`.
    private static func isRedirection(_ text: Substring) -> Bool {
        if text.first == "<" { return text == "<" }
        let rest = text.drop { $0.isNumber }
        return rest.first == ">"
    }

    /// Pieces up to the end, or up to the `]` closing a group (not consumed).
    private static func sequence(_ tokens: inout ArraySlice<Token>, nested: Bool) throws -> [Piece] {
        var pieces: [Piece] = []
        while let token = tokens.first {
            switch token {
            case .word(let text): pieces.append(.word(text)); tokens.removeFirst()
            case .alternatives(let texts): pieces.append(.alternatives(texts)); tokens.removeFirst()
            case .open:
                tokens.removeFirst()
                var choices = [try sequence(&tokens, nested: true)]
                while tokens.first == .bar {
                    tokens.removeFirst()
                    choices.append(try sequence(&tokens, nested: true))
                }
                guard tokens.first == .close else { throw Malformed(description: "a '[' is not closed") }
                tokens.removeFirst()
                pieces.append(.optional(choices))
            case .close:
                if nested { return pieces }
                throw Malformed(description: "a ']' closes nothing")
            case .bar:
                if nested { return pieces }
                throw Malformed(description: "a '|' outside brackets")
            }
        }
        if nested { throw Malformed(description: "a '[' is not closed") }
        return pieces
    }

    private static func combinations(of pieces: [Piece]) throws -> [[String]] {
        var results: [[String]] = [[]]
        for piece in pieces {
            let options: [[String]]
            switch piece {
            case .word(let text): options = [[text]]
            case .alternatives(let texts): options = texts.map { [$0] }
            case .optional(let choices): options = [[]] + (try choices.flatMap { try combinations(of: $0) })
            }
            results = results.flatMap { prefix in options.map { prefix + $0 } }
            if results.count > maximumVariants {
                throw Malformed(description: "more than \(maximumVariants) combinations")
            }
        }
        return results
    }
}
