import Foundation

/// Escaping for the catalogue's HTML. Every name, description and URL on
/// its pages comes from a vendor's file, so each one goes through here:
/// `text` for element content and quoted attribute values (it escapes all
/// five characters HTML gives meaning to, so one function serves both), and
/// `link` for an `href` taken from a pack (only http and https survive; a
/// `javascript:` or `data:` URL is shown as text, never made a link).
///
/// ```swift
/// HTMLText.text("<script>alert(1)</script>")   // "&lt;script&gt;alert(1)&lt;/script&gt;"
/// HTMLText.link("javascript:alert(1)")         // nil
/// ```
enum HTMLText {
    static func text(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            // Control characters other than tab and newlines are not allowed in HTML text.
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}": result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// An external URL from a pack, escaped for an `href`, or nil when it is
    /// not an absolute http(s) URL (relative paths inside a pack, `javascript:`…).
    static func link(_ url: String?) -> String? {
        guard let url = url?.trimmingCharacters(in: .whitespacesAndNewlines), !url.isEmpty else { return nil }
        let lowered = url.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://"),
              !url.unicodeScalars.contains(where: { $0.value < 0x21 || $0 == "\\" }) else { return nil }
        return text(url)
    }

    /// `<a href>` for an external URL, or the escaped text when it is not a safe link.
    static func anchor(_ url: String?, label: String? = nil) -> String {
        guard let url else { return "" }
        let shown = text(label ?? url)
        guard let href = link(url) else { return shown }
        return "<a href=\"\(href)\" rel=\"nofollow noopener\">\(shown)</a>"
    }

    /// A file name (our own page names): kept to letters, digits, '.', '-'
    /// and '_', so no name from a pack can make a path or need escaping.
    static func slug(_ value: String) -> String {
        var result = ""
        for scalar in value.unicodeScalars {
            if scalar.isASCII, CharacterSet.slugCharacters.contains(scalar) { result.unicodeScalars.append(scalar) } else { result += "_" }
        }
        while result.hasPrefix(".") { result.removeFirst() }
        if result.isEmpty { result = "_" }
        return String(result.prefix(120))
    }
}

extension CharacterSet {
    fileprivate static let slugCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
}
