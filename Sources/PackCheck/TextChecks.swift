import CMSISPack
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

    /// One pass over the text: its length with whitespace runs as one
    /// blank, and its first character outside printable ASCII.
    private static func check(_ element: XMLElement, into log: inout FindingLog) {
        var length = 0
        var pendingBlank = false
        var odd: Unicode.Scalar?
        for scalar in element.rawText.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                pendingBlank = length > 0
                continue
            }
            if pendingBlank { length += 1; pendingBlank = false }
            length += 1
            if odd == nil, scalar.value < 0x20 || scalar.value > 0x7E { odd = scalar }
        }
        if let odd {
            log.add(.unsupportedCharacters, line: element.line,
                    "<description> holds '\(odd)' (U+\(String(odd.value, radix: 16, uppercase: true))); tools expect printable ASCII")
        }
        if length > longest {
            log.add(.longDescription, line: element.line,
                    "<description> has \(length) characters; at most \(longest) are recommended (tools show it in one line)")
        }
    }
}
