import CMSISPack
import Foundation

/// Links written with http where https is expected, in any element's text
/// or attribute (packchk's M300); `<url>` itself is `HeaderChecks`'.
/// Environments are left out: their content belongs to the tool named.
enum LinkChecks: CheckGroup {
    static func run(_ context: CheckContext, into log: inout FindingLog) {
        for child in context.root.children { visit(child, isHeaderURL: child.name == "url" && child.isSchemaElement, into: &log) }
    }

    private static func visit(_ element: XMLElement, isHeaderURL: Bool = false, into log: inout FindingLog) {
        if element.name == "environment" { return }
        if !isHeaderURL, isInsecure(element.rawText) {
            log.add(.insecureLink, line: element.line, "<\(element.name)> links to '\(link(in: element.rawText))' over http; use https")
        }
        for attribute in element.attributes where isInsecure(attribute.value) {
            log.add(.insecureLink, line: element.line,
                    "\(attribute.name) of <\(element.name)> links to '\(link(in: attribute.value))' over http; use https")
        }
        for child in element.children { visit(child, into: &log) }
    }

    /// "http://" in any case; a byte scan, as every text and attribute is searched.
    private static func isInsecure(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 7 else { return false }
        let wanted: [UInt8] = Array("http://".utf8)
        for start in 0...(bytes.count - 7) where bytes[start] | 0x20 == 0x68 {
            var index = 1
            while index < 7, (index < 4 ? bytes[start + index] | 0x20 : bytes[start + index]) == wanted[index] { index += 1 }
            if index == 7 { return true }
        }
        return false
    }

    /// The link itself, for the message: from "http://" to the next blank.
    private static func link(in text: String) -> String {
        guard let start = text.range(of: "http://", options: .caseInsensitive)?.lowerBound else { return text }
        let tail = text[start...]
        return String(tail.prefix { !$0.isWhitespace && $0 != "\"" && $0 != "<" })
    }
}
