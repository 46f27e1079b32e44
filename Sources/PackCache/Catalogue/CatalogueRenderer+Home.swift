import CMSISPack
import Foundation

extension CatalogueRenderer {
    /// Vendor pages list at most this many packs each (the rest on numbered pages), to keep pages small.
    static let packsPerVendorPage = 300

    var vendors: [(name: String, slug: String, packs: [CatalogueModel.PackPage])] {
        var slugs = SlugSet()
        return Dictionary(grouping: model.packs, by: { $0.family.vendor })
            .sorted { $0.key.lowercased() < $1.key.lowercased() }
            .map { (name: $0.key, slug: slugs.claim($0.key), packs: $0.value.sorted { $0.family < $1.family }) }
    }

    func homePage() -> Rendered {
        var out = CataloguePage(path: "index.html")
        let components = model.packs.reduce(0) { $0 + $1.components.count }
        let examples = model.packs.reduce(0) { $0 + $1.examples.count }
        out.add("<h1>\(HTMLText.text(siteName))</h1>\n")
        out.add("<p class=\"lead\">\(model.packs.count) packs, \(model.devices.count) devices, \(model.boards.count) boards, "
            + "\(components) software components and \(examples) examples.</p>\n")
        out.add("""
            <form class="search big" action="search.html" method="get" role="search">
            <input type="search" name="q" id="home-search" placeholder="Search: STM32F407, NUCLEO, CMSIS-Driver…" aria-label="Search the catalogue">
            <button type="submit">Search</button></form>

            """)
        let rows = vendors.map { vendor -> [String] in
            let devices = vendor.packs.reduce(0) { $0 + $1.devices.count }
            return ["<a href=\"vendors/\(vendor.slug).html\">\(HTMLText.text(vendor.name))</a>", "\(vendor.packs.count)", "\(devices)"]
        }
        out.add(CataloguePage.section("Packs by vendor", CataloguePage.table(["Vendor", "Packs", "Devices"], rows)))
        out.add(CataloguePage.section("Devices by chip vendor", id: "device-vendors", deviceVendorTable()))
        return (out.path, out.html(title: "Packs", siteName: siteName))
    }

    func vendorPages() -> [Rendered] {
        var result: [Rendered] = []
        for vendor in vendors {
            let chunks = stride(from: 0, to: vendor.packs.count, by: Self.packsPerVendorPage).map {
                Array(vendor.packs[$0..<min($0 + Self.packsPerVendorPage, vendor.packs.count)])
            }
            for (number, chunk) in chunks.enumerated() {
                let name = CataloguePage.pageName(vendor.slug, number)
                var out = CataloguePage(path: "vendors/\(name).html")
                out.add("<h1>Packs of \(HTMLText.text(vendor.name))</h1>\n")
                let rows = chunk.map { page -> [String] in
                    var version = HTMLText.text(page.pack.entry.reference.version)
                    if page.isDeprecated { version += " " + CataloguePage.badge("deprecated") }
                    let summary = page.pack.description.description.trimmingCharacters(in: .whitespacesAndNewlines)
                    return ["<a href=\"../packs/\(page.slug).html\">\(HTMLText.text(page.family.name))</a>", version,
                            HTMLText.text(page.pack.entry.date ?? ""), HTMLText.text(String(summary.prefix(160))), "\(page.devices.count)"]
                }
                out.add(CataloguePage.table(["Pack", "Version", "Date", "Description", "Devices"], rows))
                out.add(CataloguePage.pageLinks(vendor.slug, count: chunks.count, current: number))
                result.append((out.path, out.html(title: "Packs of \(vendor.name)", siteName: siteName)))
            }
        }
        return result
    }

    func searchPage() -> Rendered {
        var out = CataloguePage(path: "search.html")
        out.add("""
            <h1>Search</h1>
            <form class="search big" action="search.html" method="get" role="search">
            <input type="search" name="q" id="search-input" placeholder="Device, board, pack or component" aria-label="Search the catalogue" autofocus>
            <button type="submit">Search</button></form>
            <p id="search-status" class="lead">Type a name: every word must match.</p>
            <ol id="search-results" class="results"></ol>
            <noscript><p>The search runs in the browser and needs JavaScript; the vendor pages list every pack.</p></noscript>
            <script src="search-index.js"></script>
            <script src="search.js"></script>

            """)
        return (out.path, out.html(title: "Search", siteName: siteName))
    }

    /// What the search page searches: `[kind, name, page, detail]` per
    /// device, board, pack, component (one per distinct ID) and example.
    func searchEntries() -> JSONValue {
        var items: [JSONValue] = []
        func add(_ kind: String, _ name: String, _ path: String, _ detail: String) {
            items.append(.array([.string(kind), .string(name), .string(path), .string(detail)]))
        }
        for device in model.devices {
            let pack = model.packs[device.pack]
            let core = device.item.properties.processors.compactMap(\.core).first ?? ""
            add("device", device.name, "devices/\(device.slug).html",
                [device.item.vendor.components(separatedBy: ":")[0], core, pack.family.description].filter { !$0.isEmpty }.joined(separator: " · "))
        }
        for board in model.boards {
            add("board", board.name, "boards/\(board.slug).html", [board.item.vendor, model.packs[board.pack].family.description].joined(separator: " · "))
        }
        for page in model.packs {
            add("pack", page.family.description, "packs/\(page.slug).html",
                page.pack.entry.reference.version + " · " + String(page.pack.description.description.trimmingCharacters(in: .whitespacesAndNewlines).prefix(80)))
        }
        var components = Set<String>()
        var examples = Set<String>()
        for page in model.packs {
            for component in page.components where components.insert(component.id).inserted {
                add("component", component.id, "packs/\(page.slug).components.html", page.family.description)
            }
            for example in page.examples where examples.insert(example.name).inserted {
                add("example", example.name, "packs/\(page.slug).examples.html", page.family.description)
            }
        }
        return .object(["version": .number("1"), "items": .array(items)])
    }
}
