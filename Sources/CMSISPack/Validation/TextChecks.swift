/// Every `<description>`: at most 128 characters, as the specification
/// recommends (tools show it in one line), and printable ASCII.
///
/// Whitespace runs count as one blank, so a description broken over lines
/// is measured as it is shown. Line breaks and tabs are not "unsupported
/// characters": XML allows them and tools fold them (packchk's M388 counts
/// them; ours does not).
enum TextChecks: CheckGroup {
    static let longest = 128

    static func run(_ context: CheckContext, into log: inout FindingLog) {
        visit(context.root, into: &log)
    }

    private static func visit(_ element: XMLElement, into log: inout FindingLog) {
        if element.name == "environment" { return }
        if element.name == "description" && element.isSchemaElement {
            check(element, into: &log)
        }
        for child in element.children { visit(child, into: &log) }
    }

    private static func check(_ element: XMLElement, into log: inout FindingLog) {
        let text = element.rawText.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
        if let odd = text.unicodeScalars.first(where: { $0.value < 0x20 || $0.value > 0x7E }) {
            log.add(.unsupportedCharacters, line: element.line,
                    "<description> holds '\(odd)' (U+\(String(odd.value, radix: 16, uppercase: true))); tools expect printable ASCII")
        }
        if text.count > longest {
            log.add(.longDescription, line: element.line,
                    "<description> has \(text.count) characters; at most \(longest) are recommended (tools show it in one line)")
        }
    }
}
