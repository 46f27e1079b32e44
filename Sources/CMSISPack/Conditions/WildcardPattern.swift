/// A condition value with `*` (any run of characters), `?` (one character)
/// and `[…]` (one character of a set such as `[019]` or `[A-C]`, `[!…]`
/// for one not in it), compared without regard to case, as the
/// specification allows for Dname, Hname and the component attributes.
public struct WildcardPattern {
    private enum Token: Equatable {
        case character(Character)
        case any
        case run
        case set([ClosedRange<Character>], negated: Bool)

        func matches(_ character: Character) -> Bool {
            switch self {
            case .character(let wanted): wanted == character
            case .any: true
            case .run: false
            case .set(let ranges, let negated): ranges.contains { $0.contains(character) } != negated
            }
        }
    }

    private let tokens: [Token]

    public init(_ text: String) {
        let characters = Array(text.lowercased())
        var tokens: [Token] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "*": tokens.append(.run)
            case "?": tokens.append(.any)
            case "[":
                // A set up to the next ']'; without one, '[' is itself.
                guard let close = characters[(index + 1)...].firstIndex(of: "]"), close > index + 1 else {
                    tokens.append(.character(character))
                    break
                }
                var body = Array(characters[(index + 1)..<close])
                let negated = body.first == "!" || body.first == "^"
                if negated { body.removeFirst() }
                var ranges: [ClosedRange<Character>] = []
                var position = 0
                while position < body.count {
                    if position + 2 < body.count, body[position + 1] == "-", body[position] <= body[position + 2] {
                        ranges.append(body[position]...body[position + 2])
                        position += 3
                    } else {
                        ranges.append(body[position]...body[position])
                        position += 1
                    }
                }
                tokens.append(.set(ranges, negated: negated))
                index = close
            default: tokens.append(.character(character))
            }
            index += 1
        }
        self.tokens = tokens
    }

    public func matches(_ text: String) -> Bool {
        matches(lowered: Array(text.lowercased()))
    }

    /// `subject` lower-cased already, for matching one pattern against many names.
    public func matches(lowered subject: [Character]) -> Bool {
        // Greedy matching with backtracking to the last '*': linear in practice.
        var p = 0, s = 0
        var star = -1, resume = 0
        while s < subject.count {
            if p < tokens.count, tokens[p] != .run, tokens[p].matches(subject[s]) {
                p += 1
                s += 1
            } else if p < tokens.count, tokens[p] == .run {
                star = p
                resume = s
                p += 1
            } else if star >= 0 {
                p = star + 1
                resume += 1
                s = resume
            } else {
                return false
            }
        }
        while p < tokens.count, tokens[p] == .run { p += 1 }
        return p == tokens.count
    }

    /// Whether `text` uses any wildcard.
    public static func isPattern(_ text: String) -> Bool {
        text.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }
}
