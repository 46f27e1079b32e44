@testable import CMSISPack
import Testing

/// The checks kept apart from decoding, each alone and as the reader reports them.
@Suite struct PackDescriptionValidatorTests {
    func description(vendor: String = "TestVendor", releases: String? = nil, extra: String = "") throws -> PackDescription {
        try PDSC.read(PDSC.text(vendor: vendor, releases: releases, extra: extra)).description
    }

    @Test func vendorNamesMustBeFileNames() throws {
        let bad = PackDescriptionValidator(try description(vendor: "Test Vendor"), packageLine: 2).vendorName()
        #expect(bad.map(\.message) == ["vendor 'Test Vendor' holds characters other than letters, digits, '-' and '_'"])
        #expect(bad.first?.line == 3)
        #expect(PackDescriptionValidator(try description(), packageLine: 2).vendorName().isEmpty)
    }

    @Test func releasesNeedVersions() throws {
        let none = PackDescriptionValidator(try description(releases: ""), packageLine: 2).releaseVersions()
        #expect(none.map(\.message) == ["no <release> entries: the pack has no version"] && none.first?.line == 2)
        let releases = "<release version=\"next\">a</release><release version=\"01.2.3\">b</release>"
        let found = PackDescriptionValidator(try description(releases: releases), packageLine: 2).releaseVersions().map(\.message)
        #expect(found.count == 2)
        #expect(found.first == "release version 'next' is not a version")
        #expect(found.last?.hasPrefix("release version ") == true)
    }

    @Test func partsAreUniqueTogether() throws {
        let parts = "<parts><part Hname=\"Sensor\"/><part Hname=\"Sensor\"/><part Hname=\"Sensor\" Hrevision=\"B\"/></parts>"
        let found = PackDescriptionValidator(try description(extra: parts), packageLine: 2).uniqueParts()
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("part 'Sensor' repeats the identity of the part on line ") == true)
    }

    @Test func theReaderReportsTheChecksAfterTheSectionsWarnings() throws {
        let read = try PDSC.read(PDSC.text(vendor: "Test Vendor", extra: "<bogus/>"))
        #expect(read.diagnostics.map(\.message) == [
            "<bogus> is not a section of PACK.xsd 1.7; kept as it is",
            "vendor 'Test Vendor' holds characters other than letters, digits, '-' and '_'",
        ])
    }
}
