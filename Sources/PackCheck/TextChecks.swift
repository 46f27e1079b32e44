import CMSISPack
/// Every `<description>`: at most 128 characters, as the specification
/// recommends (tools show it in one line), and printable ASCII.
///
/// Whitespace runs count as one blank, so a description broken over lines
/// is measured as it is shown. A line break or tab inside the text is an
/// unsupported character, as packchk counts it (tools that show the text
/// in one line print it as is); around the text it is not.
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
        var pendingControl: Unicode.Scalar?
        for scalar in element.rawText.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                pendingBlank = length > 0
                if length > 0, scalar != " ", pendingControl == nil { pendingControl = scalar }
                continue
            }
            if pendingBlank { length += 1; pendingBlank = false }
            // A line break or tab counts only between words.
            if odd == nil, let control = pendingControl { odd = control }
            pendingControl = nil
            length += 1
            if odd == nil, scalar.value < 0x20 || scalar.value > 0x7E { odd = scalar }
        }
        if let odd {
            log.add(.unsupportedCharacters, line: element.line,
                    "<description> holds \(shown(odd)) (U+\(String(odd.value, radix: 16, uppercase: true))); tools expect printable ASCII in one line")
        }
        if length > longest {
            log.add(.longDescription, line: element.line,
                    "<description> has \(length) characters; at most \(longest) are recommended (tools show it in one line)")
        }
    }

    private static func shown(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": "a line break"
        case "\r": "a carriage return"
        case "\t": "a tab"
        default: "'\(scalar)'"
        }
    }
}
