@testable import CMSISPack
@testable import PackCheck

/// Pack descriptions for the `check` tests: a description that passes every
/// check, and ways to break one thing in it.
enum CheckFixture {
    /// Release dates are judged against this day, so the tests do not age.
    static let today = CalendarDate("2026-11-01")!
    static let fileName = "TestVendor.TestPack.pdsc"

    static let processor = #"<processor Dcore="Cortex-M4" DcoreVersion="r0p1" Dfpu="SP_FPU" Dmpu="MPU" Ddsp="DSP" Dendian="Little-endian" Dclock="64000000"/>"#
    static let flash = #"<memory name="Flash" access="rx" start="0x08000000" size="0x00010000" startup="1" default="1"/>"#
    static let ram = #"<memory name="RAM" access="rwx" start="0x20000000" size="0x00004000" default="1"/>"#

    /// One family with one complete device.
    static func family(_ body: String = "", properties: String? = nil, device: String = #"<device Dname="Dev1"/>"#) -> String {
        """
        <family Dfamily="Fam" Dvendor="ARM:82">
              \(properties ?? [processor, flash, ram].joined(separator: "\n      "))
              \(body)
              \(device)
            </family>
        """
    }

    static let board = """
        <board vendor="TestVendor" name="Board1" revision="A">
              <description>A board</description>
              <mountedDevice deviceIndex="0" Dvendor="ARM:82" Dname="Dev1"/>
            </board>
        """

    /// An example on `board`, so that the board is used.
    static let example = """
        <examples>
            <example name="Blinky" doc="Abstract.txt" folder="Examples/Blinky">
              <description>Blinky</description>
              <board name="Board1" vendor="TestVendor"/>
              <project><environment name="uv" load="Blinky.uvprojx"/></project>
            </example>
          </examples>
        """

    /// The files the clean description names.
    static let members = ["License.txt", "Examples/Blinky/Abstract.txt", "Examples/Blinky/Blinky.uvprojx"]

    /// The clean description with `devices`, `boards` and `extra` replaced
    /// when given; it names a licence and, unless `extra` has examples, one.
    static func text(devices: String? = nil, boards: String? = nil, extra: String = "", releases: String? = nil) -> String {
        let examples = extra.contains("<examples>") ? "" : "\n  " + example
        return PDSC.text(releases: releases, devices: devices ?? family(), boards: boards ?? board, extra: extra + examples)
            .replacingOccurrences(of: "<url>https://example.com/packs/</url>", with: "<url>https://example.com/packs/</url>\n  <license>License.txt</license>")
    }

    static func findings(_ text: String, fileName: String = fileName, packFileName: String? = nil, files: PackFileTree? = nil,
                         schema: SchemaValidator? = nil, url: String? = nil, references: [String]? = nil,
                         perElement: Bool = false) -> [Finding] {
        var catalog: PackCatalog?
        if let references {
            var found = PackCatalog()
            for text in references {
                if let pack = try? PackDescriptionReader.read(bytes: Array(text.utf8), source: "reference.pdsc").description { found.add(pack) }
            }
            catalog = found
        }
        var options = PackCheckOptions(schema: schema, today: today, references: catalog, urlReference: url)
        options.findingPerDevice = !perElement
        return PackChecker.checkDescription(bytes: Array(text.utf8), source: fileName, fileName: fileName, packFileName: packFileName,
                                            files: files, options: options)
    }

    /// The 1-based line of the first line holding `marker`.
    static func line(of marker: String, in text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(marker) }.map { $0 + 1 }
    }
}
