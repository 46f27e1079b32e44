import CMSISPack
import Foundation
import Yams

/// YAML as the reference's `find-part` prints it: PyYAML's
/// `safe_dump(value, default_flow_style=...)`.
///
/// Emission is libyaml's (through Yams), the algorithm PyYAML's pure-Python
/// emitter ports: indentation, line width 80, escapes of non-ASCII text. What
/// libyaml leaves to its caller is decided here the way PyYAML decides it:
/// keys sorted by code point, a collection in flow style when every child is
/// a scalar (`default_flow_style=None`, used by `--long`), and a string quoted
/// when, written plain, PyYAML's YAML 1.1 resolver would read it as something
/// else (`PyYAMLResolver`).
enum YAMLText {
    /// `safe_dump(list_of_names, default_flow_style=False)`.
    static func list(_ items: [String]) -> String {
        emit(.sequence(.init(items.map(string), Tag(.seq), .block)))
    }

    /// A top-level mapping whose values may be one object reached twice (a
    /// device found by name and again as the device of a board): equal
    /// `identity` means the same object in the reference, which PyYAML writes
    /// in full once with an anchor (`&id001`) and then as an alias (`*id001`),
    /// numbering anchors in the order the repeats are met.
    static func render(entries: [(key: String, value: JSONValue, identity: String?)]) -> String {
        let sorted = entries.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
        var seen = Set<String>()
        var anchors: [String: Anchor] = [:]
        for entry in sorted {
            guard let identity = entry.identity, entry.value.isCollection else { continue }
            if !seen.insert(identity).inserted, anchors[identity] == nil {
                anchors[identity] = Anchor(rawValue: String(format: "id%03d", anchors.count + 1))
            }
        }
        var written = Set<String>()
        let pairs = sorted.map { entry -> (Node, Node) in
            guard let identity = entry.identity, let anchor = anchors[identity] else { return (string(entry.key), node(entry.value)) }
            if !written.insert(identity).inserted { return (string(entry.key), .alias(.init(anchor))) }
            return (string(entry.key), node(entry.value).anchored(anchor))
        }
        // The anchors are held strongly here: Yams keeps only weak references.
        return withExtendedLifetime(anchors) {
            emit(.mapping(.init(pairs, Tag(.map), sorted.isEmpty ? .flow : .block)))
        }
    }

    private static func emit(_ node: Node) -> String {
        // Serialising a tree of plain scalars and collections cannot fail; a
        // failure would be a bug in building the tree.
        guard let text = try? Yams.serialize(node: node, indent: 2, width: 80, allowUnicode: false) else {
            preconditionFailure("libyaml refused a document built from JSON")
        }
        return text
    }

    private static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: return .scalar(.init("null", Tag(.null)))
        case .bool(let flag): return .scalar(.init(flag ? "true" : "false", Tag(.bool)))
        case .number(let text): return .scalar(.init(PyYAMLResolver.number(text), Tag(.float)))
        case .string(let text): return string(text)
        case .array(let elements):
            let children = elements.map(node)
            return .sequence(.init(children, Tag(.seq), flowStyle(children) ? .flow : .block))
        case .object(let members):
            let pairs = JSONWriter.sortedKeys(members.keys).map { key in (string(key), node(members[key]!)) }
            let children = pairs.map(\.1)
            return .mapping(.init(pairs, Tag(.map), flowStyle(children) ? .flow : .block))
        }
    }

    /// PyYAML's `best_style`: flow when no child is a collection (an empty one too).
    private static func flowStyle(_ children: [Node]) -> Bool {
        children.allSatisfy { $0.scalar != nil }
    }

    private static func string(_ text: String) -> Node {
        .scalar(.init(text, Tag(.str), PyYAMLResolver.readsAsString(text) ? .any : .singleQuoted))
    }
}

private extension JSONValue {
    var isCollection: Bool {
        switch self {
        case .array, .object: return true
        default: return false
        }
    }
}

private extension Node {
    func anchored(_ anchor: Anchor) -> Node {
        switch self {
        case .mapping(var mapping):
            mapping.anchor = anchor
            return .mapping(mapping)
        case .sequence(var sequence):
            sequence.anchor = anchor
            return .sequence(sequence)
        default:
            return self
        }
    }
}

/// The implicit resolvers of PyYAML (`yaml/resolver.py`, YAML 1.1), which
/// decide whether a plain scalar reads back as a string. Swift's own Regex,
/// not NSRegularExpression (which runs on ICU, whose data the wheel leaves
/// out), matching Unicode scalars as Python's `re` does.
enum PyYAMLResolver {
    private struct Rule {
        let firstCharacters: Set<Character>
        let pattern: Regex<Substring>
    }

    private static func rule(_ first: String, _ pattern: String) -> Rule {
        // The patterns are constants; a bad one is a programming error.
        Rule(firstCharacters: Set(first),
             pattern: try! Regex(pattern, as: Substring.self).matchingSemantics(.unicodeScalar))
    }

    // Regex is not Sendable in Swift 6.3; these are built once and only read.
    nonisolated(unsafe) private static let rules: [Rule] = [
        rule("yYnNtTfFoO", "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"),
        rule("-+0123456789.", #"[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"#),
        rule("-+0123456789", "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"),
        rule("<", "<<"),
        rule("~nN", "~|null|Null|NULL|"),
        rule("0123456789", #"[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?"#),
        rule("=", "="),
    ]

    /// Whether `text`, written as a plain scalar, reads back as this string
    /// (PyYAML's `implicit[0]` for a `str`). The empty string is null.
    static func readsAsString(_ text: String) -> Bool {
        guard let first = text.first else { return false }
        // Python's `$` also matches before one final newline.
        let subject = text.hasSuffix("\n") ? String(text.dropLast()) : text
        return !rules.contains { rule in
            rule.firstCharacters.contains(first) && subject.wholeMatch(of: rule.pattern) != nil
        }
    }

    /// A JSON number as PyYAML writes the Python value `json.load` makes of
    /// it: an integer as its digits, a float as `repr` (lower case, `.0`
    /// before an exponent, `.inf`/`.nan`).
    static func number(_ text: String) -> String {
        let isInteger = !text.contains(where: { ".eE".contains($0) })
        if isInteger {
            let digits = text.hasPrefix("-") ? String(text.dropFirst()) : text
            let trimmed = digits.drop { $0 == "0" }
            let magnitude = trimmed.isEmpty ? "0" : String(trimmed)
            return text.hasPrefix("-") && magnitude != "0" ? "-" + magnitude : magnitude
        }
        guard let value = Double(text) else { return text }
        if value.isNaN { return ".nan" }
        if value.isInfinite { return value < 0 ? "-.inf" : ".inf" }
        var written = pythonRepr(value).lowercased()
        if !written.contains("."), let e = written.firstIndex(of: "e") {
            written.replaceSubrange(e..<written.index(after: e), with: ".0e")
        }
        return written
    }

    /// Python's `repr(float)`: Swift's `description` of a Double is also the
    /// shortest round-trip text, positional from 1e-4 up to 1e16 and
    /// scientific with a signed, two-digit exponent outside that range.
    private static func pythonRepr(_ value: Double) -> String {
        "\(value)"
    }
}
