@testable import CMSISPack

/// Small pack descriptions written by tests.
enum PDSC {
    static func text(vendor: String = "TestVendor", name: String = "TestPack", version: String = "1.0.0",
                     date: String = "2024-01-01", releases: String? = nil, devices: String = "", boards: String = "",
                     extra: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <package schemaVersion="1.7.36" xmlns:xs="http://www.w3.org/2001/XMLSchema-instance">
          <vendor>\(vendor)</vendor>
          <name>\(name)</name>
          <description>Test pack</description>
          <url>https://example.com/packs/</url>
          <releases>
            \(releases ?? "<release version=\"\(version)\" date=\"\(date)\">Release</release>")
          </releases>
          <devices>
            \(devices)
          </devices>
          <boards>
            \(boards)
          </boards>
          \(extra)
        </package>
        """
    }

    static func read(_ text: String, source: String = "test.pdsc") throws -> PackDescriptionReader.Result {
        try PackDescriptionReader.read(bytes: Array(text.utf8), source: source)
    }

    static func pack(_ text: String, source: String = "test.pdsc") throws -> IndexedPack {
        IndexedPack(try read(text, source: source).description)
    }

    /// The single family wrapper most tests need.
    static func family(_ body: String, vendor: String = "ARM:82") -> String {
        "<family Dfamily=\"Fam\" Dvendor=\"\(vendor)\">\(body)</family>"
    }
}

extension IndexedPack {
    func device(_ name: String) -> DeviceIndexEntry? { devices.first { $0.name == name } }
}
