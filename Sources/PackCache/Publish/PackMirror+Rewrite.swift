import CMSISPack
import Foundation

extension PackMirror {
    /// The description with its `<url>` set to the mirror's folder and the
    /// releases' own `url` attributes dropped, so every tool fetches the
    /// archives from the mirror. Everything else stays byte for byte.
    static func pointing(_ bytes: [UInt8], at url: String) -> [UInt8] {
        var text = String(decoding: bytes, as: UTF8.self)
        let escaped = XMLEscaping.text(url)
        // The package's <url>: the first one outside a comment (releases, boards and books use attributes).
        var searchFrom = text.startIndex
        while let open = text.range(of: "<url>", range: searchFrom..<text.endIndex) {
            let before = text[..<open.lowerBound]
            let commentOpen = before.range(of: "<!--", options: .backwards)?.lowerBound
            let commentClose = before.range(of: "-->", options: .backwards)?.lowerBound
            if let commentOpen, commentClose.map({ $0 < commentOpen }) ?? true {
                searchFrom = open.upperBound
                continue
            }
            if let close = text.range(of: "</url>", range: open.upperBound..<text.endIndex) {
                text.replaceSubrange(open.upperBound..<close.lowerBound, with: escaped)
            }
            break
        }
        // Swift's Regex, not NSRegularExpression (which runs on ICU, whose data the wheel leaves out).
        let releaseURL = try! Regex(#"(<release\b[^>]*?)\s+url\s*=\s*("[^"]*"|'[^']*')"#, as: (Substring, Substring, Substring).self)
            .matchingSemantics(.unicodeScalar)
        text = text.replacing(releaseURL) { $0.output.1 }
        return Array(text.utf8)
    }
}
