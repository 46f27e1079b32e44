import CMSISPack
import Foundation

/// Renders the catalogue's pages from the model; one extension per kind of page.
struct CatalogueRenderer: Sendable {
    let model: CatalogueModel
    let siteName: String

    typealias Rendered = (path: String, html: String)

    // MARK: Links between pages (from a page one folder down)

    func packLink(_ page: CatalogueModel.PackPage) -> String {
        "<a href=\"../packs/\(page.slug).html\">\(HTMLText.text(page.family.description))</a>"
    }

    func packLink(_ family: String) -> String {
        if let page = model.pack(named: family) { return packLink(page) }
        return HTMLText.text(family)
    }

    func deviceLink(_ name: String) -> String {
        guard let device = model.device(named: name) else { return HTMLText.text(name) }
        return "<a href=\"../devices/\(device.slug).html\">\(HTMLText.text(device.name))</a>"
    }

    func boardLink(_ name: String) -> String {
        guard let board = model.board(named: name) else { return HTMLText.text(name) }
        return "<a href=\"../boards/\(board.slug).html\">\(HTMLText.text(board.name))</a>"
    }

    // MARK: Pack pages

    func packPages(_ page: CatalogueModel.PackPage) -> [Rendered] {
        var result = [packPage(page)]
        if !page.components.isEmpty { result.append(componentsPage(page)) }
        if !page.examples.isEmpty { result.append(examplesPage(page)) }
        return result
    }

    func packPage(_ page: CatalogueModel.PackPage) -> Rendered {
        let description = page.pack.description
        let entry = page.pack.entry
        var out = CataloguePage(path: "packs/\(page.slug).html")
        out.add("<h1>\(HTMLText.text(page.family.description)) \(CataloguePage.badge(entry.reference.version, kind: "version"))</h1>\n")
        if let deprecated = entry.deprecated {
            var notice = "Deprecated since \(HTMLText.text(deprecated))."
            if let replacement = entry.replacement { notice += " Use \(packLink(replacement)) instead." }
            out.add("<p class=\"warning\">\(notice)</p>\n")
        }
        out.add(CataloguePage.prose(description.description))
        let listed = description.releases.first { $0.version == entry.reference.version }
        let licenses = (description.licenseSets?.items ?? []).flatMap(\.licenses).map { license in
            HTMLText.text([license.attributes["title"], license.attributes["spdx"].map { "(\($0))" }, license.attributes["name"]]
                .compactMap { $0 }.joined(separator: " "))
        }
        out.add(CataloguePage.facts([
            ("Vendor", HTMLText.text(description.vendor)),
            ("Version", HTMLText.text(entry.reference.version) + (listed?.date.map { ", released \(HTMLText.text($0))" } ?? "")),
            ("Download", HTMLText.anchor(entry.packURL, label: entry.reference.packFileName)),
            ("Description file", HTMLText.anchor(entry.pdscURL, label: page.family.pdscFileName)),
            ("Licence", description.license.map { "\(HTMLText.text($0)) (in the pack)" } ?? ""),
            ("Licence sets", licenses.joined(separator: "; ")),
            ("Support", HTMLText.anchor(description.supportContact)),
            ("Published at", HTMLText.anchor(description.url.isEmpty ? nil : description.url)),
        ]))
        var contents: [String] = []
        contents.append("<a href=\"#versions\">\(description.releases.count) versions</a>")
        if !page.devices.isEmpty { contents.append("<a href=\"#devices\">\(page.devices.count) devices</a>") }
        if !description.boards.isEmpty { contents.append("<a href=\"#boards\">\(description.boards.count) boards</a>") }
        if !page.components.isEmpty { contents.append("<a href=\"\(page.slug).components.html\">\(page.components.count) software components</a>") }
        if !page.examples.isEmpty { contents.append("<a href=\"\(page.slug).examples.html\">\(page.examples.count) examples</a>") }
        if !contents.isEmpty { out.add("<p class=\"contents\">" + contents.joined(separator: " · ") + "</p>\n") }

        let requirements = description.requirements
        var needs: [String] = requirements.packages.map { "\(packLink("\($0.vendor).\($0.name)")) \(HTMLText.text($0.version ?? ""))" }
        needs += requirements.compilers.map { "compiler \(HTMLText.text($0.name)) \(HTMLText.text($0.version ?? ""))" }
        needs += requirements.languages.map { "language \(HTMLText.text($0.name)) \(HTMLText.text($0.version ?? ""))" }
        out.add(CataloguePage.section("Requirements", CataloguePage.list(needs)))
        out.add(CataloguePage.section("Devices", id: "devices", CataloguePage.list(page.devices.map(deviceLink), limit: 1500)))
        out.add(CataloguePage.section("Boards", id: "boards", CataloguePage.list(description.boards.map { boardLink($0.name) })))
        let archiveNotes = page.pack.archiveFindings.map { HTMLText.text("[\($0.id)] \($0.message)") }
        out.add(CataloguePage.section("Archives missing at the server", id: "missing-archives", CataloguePage.list(archiveNotes)))
        out.add(CataloguePage.section("Versions", id: "versions", releases(page)))
        return (out.path, out.html(title: page.family.description, siteName: siteName))
    }

    /// The release history, newest first, with notes and download links (at most 60 releases).
    private func releases(_ page: CatalogueModel.PackPage) -> String {
        let description = page.pack.description
        let releases = description.releases
        let folder = description.url.isEmpty ? page.pack.entry.folderURL : FolderURL.slashed(description.url)
        var rows: [[String]] = []
        for release in releases.prefix(60) {
            var version = HTMLText.text(release.version)
            if release.version == page.pack.entry.reference.version { version += " " + CataloguePage.badge("listed", kind: "listed") }
            if release.semanticVersion?.isPreRelease == true { version += " " + CataloguePage.badge("pre-release") }
            var state = ""
            if let deprecated = release.deprecated {
                state = "deprecated \(HTMLText.text(deprecated))" + (release.replacement.map { ", use \(packLink($0))" } ?? "")
            }
            // Where tools fetch it (PackDownload.urls' first choice): the release's own URL, else the pack's folder;
            // a mirror links only the archives it holds.
            let own = release.url.flatMap { HTMLText.link($0) == nil ? nil : $0 }
            var download: String
            if let held = page.pack.heldVersions, !held.contains(release.version) {
                download = "<span class=\"more\">not mirrored</span>"
            } else {
                download = HTMLText.anchor(own ?? folder + "\(description.vendor).\(description.name).\(release.version).pack", label: ".pack")
            }
            if page.pack.archiveFindings.contains(where: { $0.line == release.line && $0.rule != .onlineCheckFailed }) {
                download += " " + CataloguePage.badge("missing at the server")
            }
            let notes = release.text.trimmingCharacters(in: .whitespacesAndNewlines)
            let shown = notes.count > 1500 ? String(notes.prefix(1500)) + " …" : notes
            rows.append([version, HTMLText.text(release.date ?? ""), "<span class=\"notes\">\(HTMLText.text(shown))</span>" + (state.isEmpty ? "" : "<br>" + state), download])
        }
        var html = CataloguePage.table(["Version", "Date", "Notes", "Archive"], rows)
        if releases.count > 60 { html += "<p class=\"more\">and \(releases.count - 60) older releases</p>\n" }
        return html
    }

    func componentsPage(_ page: CatalogueModel.PackPage) -> Rendered {
        var out = CataloguePage(path: "packs/\(page.slug).components.html")
        out.add("<h1>Software components of \(packLink(page))</h1>\n")
        let rows = page.components.prefix(1000).map { component -> [String] in
            var id = "<code>\(HTMLText.text(component.id))</code>"
            if component.isDeprecated { id += " " + CataloguePage.badge("deprecated") }
            return [id, HTMLText.text(component.description ?? "")]
        }
        out.add(CataloguePage.table(["Component", "Description"], Array(rows)))
        if page.components.count > 1000 { out.add("<p class=\"more\">and \(page.components.count - 1000) more</p>") }
        return (out.path, out.html(title: "Components of \(page.family)", siteName: siteName))
    }

    func examplesPage(_ page: CatalogueModel.PackPage) -> Rendered {
        var out = CataloguePage(path: "packs/\(page.slug).examples.html")
        out.add("<h1>Examples of \(packLink(page))</h1>\n")
        let rows = page.examples.prefix(1000).map { example -> [String] in
            let boards = example.boards.compactMap { $0.attributes["name"] }.map(boardLink).joined(separator: ", ")
            let environments = example.environments.compactMap { $0.attributes["name"] }.map(HTMLText.text).joined(separator: ", ")
            return ["<strong>\(HTMLText.text(example.name))</strong><br><code>\(HTMLText.text(example.folder ?? ""))</code>",
                    HTMLText.text(example.description ?? ""), boards, environments]
        }
        out.add(CataloguePage.table(["Example", "Description", "Boards", "Environments"], Array(rows)))
        if page.examples.count > 1000 { out.add("<p class=\"more\">and \(page.examples.count - 1000) more</p>") }
        return (out.path, out.html(title: "Examples of \(page.family)", siteName: siteName))
    }
}
