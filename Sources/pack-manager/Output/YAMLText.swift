import CMSISPack

/// YAML in block style, as the reference's `find-part` prints (it uses
/// PyYAML): lists of names as `- name`, details as nested mappings.
enum YAMLText {
    static func list(_ items: [String]) -> String {
        items.isEmpty ? "[]" : items.map { "- " + scalar($0) }.joined(separator: "\n")
    }

    static func render(_ value: JSONValue) -> String {
        var lines: [String] = []
        emit(value, indent: 0, into: &lines, prefix: nil)
        return lines.joined(separator: "\n")
    }

    private static func emit(_ value: JSONValue, indent: Int, into lines: inout [String], prefix: String?) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .object(let members) where !members.isEmpty:
            if let prefix { lines.append(pad + prefix) }
            let inner = prefix == nil ? indent : indent + 2
            for key in JSONWriter.sortedKeys(members.keys) {
                emitMember(key: scalar(key), value: members[key]!, indent: inner, into: &lines)
            }
        case .array(let elements) where !elements.isEmpty:
            if let prefix { lines.append(pad + prefix) }
            let inner = prefix == nil ? indent : indent
            for element in elements {
                var nested: [String] = []
                emit(element, indent: inner + 2, into: &nested, prefix: nil)
                guard let first = nested.first else { continue }
                let firstTrimmed = String(first.dropFirst(min(inner + 2, first.prefix { $0 == " " }.count)))
                lines.append(String(repeating: " ", count: inner) + "- " + firstTrimmed)
                lines.append(contentsOf: nested.dropFirst())
            }
        default:
            lines.append(pad + (prefix.map { $0 + " " } ?? "") + leaf(value))
        }
    }

    private static func emitMember(key: String, value: JSONValue, indent: Int, into lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .object(let members) where !members.isEmpty:
            lines.append(pad + key + ":")
            for member in JSONWriter.sortedKeys(members.keys) {
                emitMember(key: scalar(member), value: members[member]!, indent: indent + 2, into: &lines)
            }
        case .array(let elements) where !elements.isEmpty:
            lines.append(pad + key + ":")
            emit(value, indent: indent, into: &lines, prefix: nil)
        default:
            lines.append(pad + key + ": " + leaf(value))
        }
    }

    private static func leaf(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return text
        case .string(let text): return scalar(text)
        case .array: return "[]"
        case .object: return "{}"
        }
    }

    /// A string as a plain scalar when that is unambiguous, else single-quoted.
    static func scalar(_ text: String) -> String {
        let reserved: Set<String> = ["", "null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE",
                                     "yes", "Yes", "no", "No", "on", "On", "off", "Off", "y", "n", "Y", "N"]
        let unsafeStart = "-?:,[]{}#&*!|>'\"%@` "
        let looksNumeric = Double(text) != nil || text.hasPrefix("0x") || text.hasPrefix("0o")
        let needsQuotes = reserved.contains(text) || looksNumeric || unsafeStart.contains(text.first!)
            || text.hasSuffix(" ") || text.contains(": ") || text.contains(" #") || text.contains("\n")
            || text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
        guard needsQuotes else { return text }
        if text.contains("\n") || text.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            // Double quotes carry escapes.
            var writer = JSONWriter()
            writer.string(text)
            return String(decoding: writer.bytes, as: UTF8.self)
        }
        return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
