import Foundation

/// A command line split into words as a POSIX shell splits it: blanks
/// separate words, '…' and "…" quote, a backslash escapes the next
/// character, and a `#` that starts a word starts a comment.
///
///     try ShellWords.split("pack add 'ARM::CMSIS@>=6.0.0'  # newest")
///     // [pack, add, ARM::CMSIS@>=6.0.0] (the last one quoted)
///
/// Expansions (`$X`, globs, `~`) are left as written; the caller decides.
struct ShellWord: Equatable {
    var text: String
    /// Whether any part of it was quoted or escaped: such a word is taken as
    /// it is, never as synopsis (`[…]`, `a|b`).
    var quoted: Bool
}

enum ShellWords {
    struct UnterminatedQuote: Error, CustomStringConvertible {
        var quote: Character
        var description: String { "a \(quote) quote is not closed" }
    }

    /// The line without its comment (from a `#` that starts an unquoted word).
    static func withoutComment(_ line: String) -> String {
        var quote: Character?
        var escaped = false
        var previous: Character = " "
        for index in line.indices {
            let character = line[index]
            defer { previous = character }
            if escaped { escaped = false; continue }
            if character == "\\" && quote != "'" { escaped = true; continue }
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "#" && (previous == " " || previous == "\t") {
                return String(line[..<index]).trimmingCharacters(in: .whitespaces)
            }
        }
        return line
    }

    static func split(_ line: String) throws -> [ShellWord] {
        var words: [ShellWord] = []
        var current: ShellWord?
        var characters = line.makeIterator()
        func append(_ character: Character, quoted: Bool) {
            current = ShellWord(text: (current?.text ?? "") + String(character), quoted: (current?.quoted ?? false) || quoted)
        }
        while let character = characters.next() {
            switch character {
            case " ", "\t":
                if let word = current { words.append(word); current = nil }
            case "#" where current == nil:
                return words
            case "\\":
                if let escaped = characters.next() { append(escaped, quoted: true) }
            case "'", "\"":
                if current == nil { current = ShellWord(text: "", quoted: true) }
                current?.quoted = true
                var closed = false
                while let inner = characters.next() {
                    if inner == character { closed = true; break }
                    if character == "\"", inner == "\\", let escaped = characters.next() {
                        if escaped != "\"" && escaped != "\\" && escaped != "$" && escaped != "`" { append("\\", quoted: true) }
                        append(escaped, quoted: true)
                    } else {
                        append(inner, quoted: true)
                    }
                }
                if !closed { throw UnterminatedQuote(quote: character) }
            default:
                append(character, quoted: false)
            }
        }
        if let word = current { words.append(word) }
        return words
    }
}
