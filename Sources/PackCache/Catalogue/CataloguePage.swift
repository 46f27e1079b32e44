import CMSISPack
import Foundation

/// The frame every catalogue page shares (header with the search box,
/// footer) and the small formatting helpers the page renderers use. Pages
/// carry no date or run-specific text, so an unchanged pack renders the
/// same bytes and a rerun leaves its pages alone.
struct CataloguePage {
    /// Path from the site's top, e.g. "devices/STM32F407VGTx.html".
    let path: String
    var body = ""

    init(path: String) { self.path = path }

    /// "../" per folder level, to reach the site's top from this page.
    var root: String { String(repeating: "../", count: path.split(separator: "/").count - 1) }

    mutating func add(_ html: String) { body += html }

    func html(title: String, siteName: String) -> String {
        let root = root
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.text(title)) · \(HTMLText.text(siteName))</title>
        <link rel="stylesheet" href="\(root)style.css">
        </head>
        <body>
        <header class="top"><a class="brand" href="\(root)index.html">\(HTMLText.text(siteName))</a>
        <form class="search" action="\(root)search.html" method="get" role="search">
        <input type="search" name="q" placeholder="Device, board, pack or component" aria-label="Search the catalogue">
        <button type="submit">Search</button></form></header>
        <main>
        \(body)
        </main>
        <footer>Built by pack-manager from the pack index. Every page is a static file.</footer>
        </body>
        </html>

        """
    }

    // MARK: Helpers for renderers

    static func hex(_ value: UInt64?) -> String {
        guard let value else { return "" }
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    static func size(_ value: UInt64?) -> String {
        guard let value else { return "" }
        for (unit, shift) in [("GiB", UInt64(30)), ("MiB", 20), ("KiB", 10)] where value >= (1 << shift) && value % (1 << shift) == 0 {
            return "\(value >> shift) \(unit)"
        }
        if value >= 1 << 10 { return String(format: "%.1f KiB", Double(value) / 1024) }
        return "\(value) B"
    }

    /// A table; cells are HTML already escaped by the caller. Every column
    /// has a header, and every cell carries it (`data-label`): at phone
    /// width the style sheet stacks each row as a card of labelled lines,
    /// so no table scrolls sideways.
    static func table(_ headers: [String], _ rows: [[String]], caption: String? = nil) -> String {
        guard !rows.isEmpty else { return "" }
        let labels = headers.map(HTMLText.text)
        var html = "<div class=\"table\"><table>"
        if let caption { html += "<caption>\(HTMLText.text(caption))</caption>" }
        html += "<thead><tr>" + labels.map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows {
            html += "<tr>" + row.enumerated().map { column, cell in
                column < labels.count ? "<td data-label=\"\(labels[column])\">\(cell)</td>" : "<td>\(cell)</td>"
            }.joined() + "</tr>"
        }
        return html + "</tbody></table></div>\n"
    }

    /// A definition list of label → HTML value, leaving out empty values.
    static func facts(_ pairs: [(String, String)]) -> String {
        let kept = pairs.filter { !$0.1.isEmpty }
        guard !kept.isEmpty else { return "" }
        return "<dl class=\"facts\">" + kept.map { "<dt>\(HTMLText.text($0.0))</dt><dd>\($0.1)</dd>" }.joined() + "</dl>\n"
    }

    /// Links to at most `limit` items, then how many more there are.
    static func list(_ items: [String], limit: Int = 400) -> String {
        guard !items.isEmpty else { return "" }
        var html = "<ul class=\"names\">" + items.prefix(limit).map { "<li>\($0)</li>" }.joined() + "</ul>"
        if items.count > limit { html += "<p class=\"more\">and \(items.count - limit) more</p>" }
        return html + "\n"
    }

    static func section(_ title: String, id: String? = nil, _ content: String) -> String {
        guard !content.isEmpty else { return "" }
        let anchor = id.map { " id=\"\($0)\"" } ?? ""
        return "<section\(anchor)><h2>\(HTMLText.text(title))</h2>\n\(content)</section>\n"
    }

    /// Text from a pack (descriptions, release notes), cut to `limit` characters.
    static func prose(_ text: String?, limit: Int = 4000) -> String {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return "" }
        let cut = text.count > limit ? String(text.prefix(limit)) + " …" : text
        return "<p class=\"prose\">\(HTMLText.text(cut))</p>\n"
    }

    /// The file name (without `.html`) of page `number` (from 0) of a list
    /// split over pages: `slug`, `slug-2`, `slug-3`…
    static func pageName(_ slug: String, _ number: Int) -> String {
        number == 0 ? slug : "\(slug)-\(number + 1)"
    }

    /// "Page 1 2 3" below a list split over `count` pages, `current` in bold;
    /// nothing when it fits on one.
    static func pageLinks(_ slug: String, count: Int, current: Int) -> String {
        guard count > 1 else { return "" }
        let links = (0..<count).map { index in
            index == current ? "<strong>\(index + 1)</strong>" : "<a href=\"\(pageName(slug, index)).html\">\(index + 1)</a>"
        }
        return "<p class=\"pages\">Page " + links.joined(separator: " ") + "</p>\n"
    }

    static func badge(_ text: String, kind: String = "") -> String {
        "<span class=\"badge \(kind)\">\(HTMLText.text(text))</span>"
    }
}
