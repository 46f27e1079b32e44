import CMSISPack
import Foundation

extension CatalogueRenderer {
    /// Devices on one vendor page at most; a vendor with more gets numbered pages, split between families.
    static let devicesPerVendorPage = 1500

    /// The devices of one chip vendor (`Dvendor`), family by family.
    struct DeviceVendor {
        let name: String
        let slug: String
        var families: [(name: String, devices: [CatalogueModel.Defined<EffectiveDevice>])]
        var deviceCount: Int { families.reduce(0) { $0 + $1.devices.count } }
    }

    /// The chip vendor's name in a `Dvendor` value: "STMicroelectronics:13" → "STMicroelectronics".
    static func deviceVendorName(_ dvendor: String) -> String {
        dvendor.components(separatedBy: ":")[0].trimmingCharacters(in: .whitespaces)
    }

    /// The page of a chip vendor, from its name in any case (the same on every page that links it).
    static func deviceVendorSlug(_ name: String) -> String {
        let key = name.lowercased()
        let slug = HTMLText.slug(key)
        return slug == key ? slug : slug + "-" + StableHash.hex32(key)
    }

    /// The link to a chip vendor's page, from a device page.
    func deviceVendorLink(_ dvendor: String) -> String {
        let name = Self.deviceVendorName(dvendor)
        guard !name.isEmpty else { return "" }
        return "<a href=\"../device-vendors/\(Self.deviceVendorSlug(name)).html\">\(HTMLText.text(name))</a>"
    }

    /// Every chip vendor of the catalogue's devices, by name; families and devices sorted by name.
    var deviceVendors: [DeviceVendor] {
        var byKey: [String: (name: String, devices: [CatalogueModel.Defined<EffectiveDevice>])] = [:]
        for device in model.devices {
            let name = Self.deviceVendorName(device.item.vendor)
            guard !name.isEmpty else { continue }
            byKey[name.lowercased(), default: (name, [])].devices.append(device)
        }
        return byKey.values.map { vendor in
            let families = Dictionary(grouping: vendor.devices, by: { $0.item.family })
                .map { (name: $0.key, devices: $0.value.sorted { $0.name.lowercased() < $1.name.lowercased() }) }
                .sorted { $0.name.lowercased() < $1.name.lowercased() }
            return DeviceVendor(name: vendor.name, slug: Self.deviceVendorSlug(vendor.name), families: families)
        }.sorted { $0.name.lowercased() < $1.name.lowercased() }
    }

    /// `device-vendors/<vendor>.html`: the vendor's devices, a section per family.
    func deviceVendorPages() -> [Rendered] {
        var result: [Rendered] = []
        for vendor in deviceVendors {
            // Whole families per page while they fit.
            var chunks: [[(name: String, devices: [CatalogueModel.Defined<EffectiveDevice>])]] = [[]]
            var filled = 0
            for family in vendor.families {
                if filled > 0, filled + family.devices.count > Self.devicesPerVendorPage {
                    chunks.append([])
                    filled = 0
                }
                chunks[chunks.count - 1].append(family)
                filled += family.devices.count
            }
            for (number, chunk) in chunks.enumerated() {
                let name = CataloguePage.pageName(vendor.slug, number)
                var out = CataloguePage(path: "device-vendors/\(name).html")
                out.add("<h1>Devices of \(HTMLText.text(vendor.name))</h1>\n")
                out.add("<p class=\"lead\">\(vendor.deviceCount) devices in \(vendor.families.count) famil\(vendor.families.count == 1 ? "y" : "ies"), "
                    + "by the chip's vendor (whichever pack describes them).</p>\n")
                let anchors = chunk.map { "<a href=\"#\(Self.familyAnchor($0.name))\">\(HTMLText.text($0.name))</a> (\($0.devices.count))" }
                if chunk.count > 1 { out.add("<p class=\"contents\">" + anchors.joined(separator: " · ") + "</p>\n") }
                for family in chunk {
                    let links = family.devices.map { device in
                        "<a href=\"../devices/\(device.slug).html\">\(HTMLText.text(device.name))</a>"
                    }
                    out.add(CataloguePage.section(family.name.isEmpty ? "Other" : family.name, id: Self.familyAnchor(family.name),
                                                  CataloguePage.list(links, limit: Self.devicesPerVendorPage)))
                }
                out.add(CataloguePage.pageLinks(vendor.slug, count: chunks.count, current: number))
                result.append((out.path, out.html(title: "Devices of \(vendor.name)", siteName: siteName)))
            }
        }
        return result
    }

    /// The home page's table of chip vendors.
    func deviceVendorTable() -> String {
        let rows = deviceVendors.map { vendor -> [String] in
            ["<a href=\"device-vendors/\(vendor.slug).html\">\(HTMLText.text(vendor.name))</a>", "\(vendor.deviceCount)", "\(vendor.families.count)"]
        }
        return CataloguePage.table(["Vendor", "Devices", "Families"], rows)
    }

    static func familyAnchor(_ family: String) -> String {
        "family-" + HTMLText.slug(family)
    }
}
