@testable import CMSISPack
@testable import PackCheck
import Foundation
import Testing
import TestSupport

/// XML Schema validation with libxml2 against the corpus's PACK.xsd.
@Suite struct SchemaValidationTests {
    static func schema() throws -> SchemaValidator {
        try Corpus.requireAvailable()
        return try SchemaValidator(path: Corpus.path("schema/PACK.xsd"))
    }

    @Test func theCleanFixtureConformsToTheSchema() throws {
        let problems = try Self.schema().validate(Array(CheckFixture.text().utf8), name: "fixture.pdsc")
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func anUnknownElementInPackageFailsOnItsLine() throws {
        let text = CheckFixture.text().replacingOccurrences(of: "  <releases>", with: "  <bogus/>\n  <releases>")
        let line = try #require(CheckFixture.line(of: "<bogus/>", in: text))
        let problems = try Self.schema().validate(Array(text.utf8), name: "fixture.pdsc")
        #expect(problems.count == 1)
        #expect(problems.first?.line == line)
        #expect(problems.first?.isError == true)
        #expect(problems.first?.message.contains("'bogus'") == true)

        // Through the checker: PM002 on that line, an error.
        let findings = CheckFixture.findings(text, schema: try Self.schema())
        let schemaFindings = findings.filter { $0.id == "PM002" }
        #expect(schemaFindings.map(\.line) == [line])
        #expect(schemaFindings.first?.severity == .error)
        #expect(!findings.contains { $0.id == "PM003" })
    }

    @Test func enumerationListsAreShortened() throws {
        let text = CheckFixture.text(devices: CheckFixture.family().replacingOccurrences(of: "Dvendor=\"ARM:82\"", with: "Dvendor=\"Nobody:9999\""))
        let findings = CheckFixture.findings(text, schema: try Self.schema()).filter { $0.id == "PM002" }
        let message = try #require(findings.first?.message)
        #expect(message.contains("'Nobody:9999' is not an element of the set {…}"))
        #expect(message.utf8.count < 300)
    }

    @Test func entityDeclarationsAreRefusedBeforeValidation() throws {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE package [ <!ENTITY a "aaaaaaaaaaaaaaaa"> ]>
            <package schemaVersion="1.7.36"><vendor>&a;</vendor></package>
            """
        let problems = try Self.schema().validate(Array(text.utf8), name: "entities.pdsc")
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("entity declaration 'a' refused") == true)
        #expect(problems.first?.line == 2)
        // The checker's own reader refuses it first: one PM001, no schema run.
        let findings = CheckFixture.findings(text, schema: try Self.schema())
        #expect(findings.map(\.id) == ["PM001"])
    }

    @Test func aMalformedDocumentGivesItsParseError() throws {
        let problems = try Self.schema().validate(Array("<package>\n<vendor>A</vend>\n</package>".utf8), name: "bad.pdsc")
        #expect(problems.first?.line == 2)
        #expect(problems.first?.message.contains("mismatch") == true)
        let empty = try Self.schema().validate([], name: "empty.pdsc")
        #expect(empty.first?.isError == true)
        #expect(empty.first?.message.lowercased().contains("empty") == true, "\(empty)")
    }

    @Test func unusableSchemasFailToLoadWithTheReason() throws {
        let missing = #expect(throws: SchemaLoadError.self) { try SchemaValidator(path: "/nonexistent/PACK.xsd") }
        #expect(missing?.reasons == ["no such readable file"])
        // A pack description is XML, but not a schema.
        let notSchema = #expect(throws: SchemaLoadError.self) { try SchemaValidator(path: Corpus.path("pdsc/ARM.CMSIS.pdsc")) }
        #expect(notSchema?.reasons.isEmpty == false)
        // The 1.4 schema of CMSIS 4.5.0 still compiles.
        _ = try SchemaValidator(path: Corpus.path("schema/historical/CMSIS-4.5.0/PACK.xsd"))
    }

    @Test func oneSchemaServesConcurrentValidations() async throws {
        let schema = try Self.schema()
        let bytes = try FileBytes.read(Corpus.path("pdsc/HDSC.HC32L110.pdsc"))
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { schema.validate(bytes, name: "HDSC.HC32L110.pdsc").count } }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 1, count: 8))
    }

    @Test func theLocatorPrefersTheOptionThenTheVariableThenTheNewestCMSISPack() throws {
        let root = Corpus.temporaryDirectory("schema-root")
        defer { try? FileManager.default.removeItem(atPath: root) }
        for version in ["5.9.0", "6.1.0", "6.0.0", "not-a-version"] {
            let folder = "\(root)/ARM/CMSIS/\(version)/CMSIS/Utilities"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try FileBytes.writeAtomically(Array("<xs:schema/>".utf8), to: folder + "/PACK.xsd")
        }
        let environment = ["CMSIS_PACK_ROOT": root, "HOME": "/nonexistent"]
        #expect(SchemaLocator.find(explicit: nil, environment: environment).path == "\(root)/ARM/CMSIS/6.1.0/CMSIS/Utilities/PACK.xsd")
        #expect(SchemaLocator.find(explicit: "/given.xsd", environment: environment).path == "/given.xsd")
        let variable = Corpus.path("schema/PACK.xsd")
        #expect(SchemaLocator.find(explicit: nil, environment: environment.merging(["CMSIS_PACK_SCHEMA": variable]) { $1 }).path == variable)

        let empty = SchemaLocator.find(explicit: nil, environment: ["CMSIS_PACK_ROOT": root + "/none", "CMSIS_PACK_SCHEMA": "/missing.xsd"])
        #expect(empty.path == nil)
        #expect(empty.searched.count == 2)
        #expect(empty.searched[0].contains("/missing.xsd"))
        // Without CMSIS_PACK_ROOT: cpackget's default under the home folder.
        #expect(UserPaths.defaultPackRoot(environment: ["HOME": "/home/me"]) == "/home/me/.cache/arm/packs")
    }
}

/// Every index we write must validate against PackIndex.xsd 1.1.1 (the
/// corpus copy of the Open-CMSIS-Pack specification's schema).
@Suite struct PackIndexSchemaTests {
    func entry(_ vendor: String, _ name: String, _ version: String, url: String = "https://example.com/packs/",
               date: String? = nil, deprecated: String? = nil, replacement: String? = nil, size: UInt64? = nil) throws -> PackIndexEntry {
        PackIndexEntry(reference: try PackReference(vendor: vendor, name: name, version: version), url: url, date: date,
                       deprecated: deprecated, replacement: replacement, size: size)
    }

    @Test func theWriterProducesAValidIndex() throws {
        let entries = [
            try entry("Acme", "Widgets", "1.0.0", date: "2025-03-01", deprecated: "2026-01-01", replacement: "Acme.Gadgets", size: 1234),
            try entry("Beta", "Pack", "2.0.0-rc.1+build.5", url: "https://example.com/a&b<c>/"),
        ]
        let text = PackIndexWriter.pidx(vendor: "Company", url: "https://packs.example.com/", entries: entries,
                                        timestamp: PackIndexWriter.timestamp())
        #expect(text.contains("schemaVersion=\"1.1.1\""))
        let problems = try PackIndexSchema.validator().validate(Array(text.utf8), name: "index.pidx")
        #expect(problems.isEmpty, "\(problems)")
    }

    /// Values from vendors' files that the schema would refuse are left out, not written.
    @Test func valuesTheSchemaRefusesAreLeftOut() throws {
        let entries = [try entry("Acme", "Widgets", "1.0.0", date: "2019-12-9", deprecated: "soon", replacement: "  ", size: 1 << 40)]
        let text = PackIndexWriter.pidx(vendor: " Company ", url: "https://packs.example.com/", entries: entries, timestamp: PackIndexWriter.timestamp())
        #expect(!text.contains("date=") && !text.contains("deprecated=") && !text.contains("replacement=") && !text.contains("size="))
        let problems = try PackIndexSchema.validator().validate(Array(text.utf8), name: "index.pidx")
        #expect(problems.isEmpty, "\(problems)")
    }

    /// The schema wants at least one `<pdsc>`: an empty index cannot be
    /// valid, which is why `index build` and `mirror` refuse to write one.
    @Test func anEmptyIndexCannotBeValid() throws {
        let text = PackIndexWriter.pidx(vendor: "Company", url: "https://packs.example.com/", entries: [], timestamp: PackIndexWriter.timestamp())
        #expect(!(try PackIndexSchema.validator().validate(Array(text.utf8), name: "index.pidx")).isEmpty)
    }
}
