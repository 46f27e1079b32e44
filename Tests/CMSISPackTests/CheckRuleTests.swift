@testable import CMSISPack
import Testing

/// One broken description per check id: the finding must carry the id, the
/// rule's severity and the line of the broken element.
@Suite struct CheckRuleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let rule: CheckRule
        let text: String
        /// Text on the line the finding must point at; nil for a file-level finding.
        let marker: String?
        var fileName = CheckFixture.fileName
        var packFileName: String?
        var members: [String]?

        var testDescription: String { rule.id }
    }

    typealias F = CheckFixture

    static func component(_ condition: String, _ file: String) -> String {
        """
        <components>
            <component Cclass="Device" Cgroup="Startup" Cversion="1.0.0"\(condition)>
              <description>Startup</description>
              <files>
                \(file)
              </files>
            </component>
          </components>
        """
    }

    static func algorithmLine(_ name: String) -> String {
        #"<algorithm name="\#(name)" start="0x08000000" size="0x10000" default="1"/>"#
    }

    static func algorithm(_ name: String) -> String {
        F.family(properties: [F.processor, F.flash, F.ram, algorithmLine(name)].joined(separator: "\n      "))
    }

    /// Two conditions with one id, and a component that uses it.
    static let duplicateConditions = """
        <conditions>
            <condition id="Twice"><require Dvendor="ARM:82"/></condition>
            <condition id="Twice"><require Dname="Dev1"/></condition>
          </conditions>
        """ + component(" condition=\"Twice\"", #"<file category="source" name="a.c"/>"#)

    static let cases: [Case] = [
        Case(rule: .unreadable, text: "<?xml version=\"1.0\"?>\n<package>\n  <vendor>A</vend>\n</package>\n", marker: "</vend>"),
        Case(rule: .schemaSkipped, text: F.text(), marker: nil),
        Case(rule: .readerWarning, text: F.text(devices: F.family() + "\n    <family Dvendor=\"ARM:82\"><device Dname=\"Orphan\"/></family>"),
             marker: "<family Dvendor=\"ARM:82\">"),

        Case(rule: .fileNameMismatch, text: F.text(), marker: "<name>TestPack", fileName: "TestVendor.Other.pdsc"),
        Case(rule: .fileNameMismatch, text: F.text(), marker: "<name>TestPack", packFileName: "TestVendor.TestPack.0.9.0.pack", members: []),
        Case(rule: .invalidName, text: PDSC.text(vendor: "Test Vendor", devices: F.family(), boards: F.board), marker: "<vendor>Test Vendor"),
        Case(rule: .missingDescription, text: F.text().replacingOccurrences(of: "<description>Test pack</description>", with: "<description> </description>"),
             marker: "<description> </description>"),
        Case(rule: .missingSchemaVersion, text: F.text().replacingOccurrences(of: " schemaVersion=\"1.7.36\"", with: ""), marker: "<package"),
        Case(rule: .uppercaseExtension, text: F.text(), marker: "<name>TestPack", fileName: "TestVendor.TestPack.PDSC"),
        Case(rule: .missingURL, text: F.text().replacingOccurrences(of: "<url>https://example.com/packs/</url>", with: "<url></url>"), marker: "<url>"),
        Case(rule: .insecureURL, text: F.text().replacingOccurrences(of: "https://example.com/packs/", with: "http://example.com/packs/"), marker: "<url>"),
        Case(rule: .urlWithoutSlash, text: F.text().replacingOccurrences(of: "https://example.com/packs/", with: "https://example.com/packs"), marker: "<url>"),
        Case(rule: .invalidURL, text: F.text().replacingOccurrences(of: "https://example.com/packs/", with: #"C:\packs\"#), marker: "<url>"),

        Case(rule: .noReleases, text: F.text(releases: ""), marker: "<releases>"),
        Case(rule: .invalidVersion, text: F.text(releases: #"<release version="1.0" date="2024-01-01">Old style</release>"#), marker: "Old style"),
        Case(rule: .versionOrder, text: F.text(releases: """
            <release version="1.0.0" date="2024-01-01">First</release>
                <release version="1.1.0" date="2023-12-01">Newer, listed second</release>
            """), marker: "version=\"1.1.0\""),
        Case(rule: .invalidDate, text: F.text(releases: #"<release version="1.0.0" date="2024-1-5">Short date</release>"#), marker: "2024-1-5"),
        Case(rule: .missingDate, text: F.text(releases: #"<release version="1.0.0">No date</release>"#), marker: "No date"),
        Case(rule: .futureDate, text: F.text(releases: #"<release version="1.0.0" date="2030-01-01">Future</release>"#), marker: "2030-01-01"),
        Case(rule: .dateOrder, text: F.text(releases: """
            <release version="1.1.0" date="2024-01-01">Newest</release>
                <release version="1.0.0" date="2024-02-01">Older version, later date</release>
            """), marker: "2024-02-01"),
        Case(rule: .replacementWithoutDeprecation,
             text: F.text(releases: #"<release version="1.0.0" date="2024-01-01" replacement="TestVendor.NewPack">Replaced</release>"#),
             marker: "replacement="),
        Case(rule: .invalidReplacement,
             text: F.text(releases: #"<release version="1.0.0" date="2024-01-01" deprecated="2024-01-01" replacement="NewPack">Replaced</release>"#),
             marker: "replacement="),
        Case(rule: .preReleaseLatest, text: F.text(releases: #"<release version="2.0.0-rc1" date="2024-01-01">Candidate</release>"#), marker: "2.0.0-rc1"),

        Case(rule: .duplicateDevice, text: F.text(devices: F.family(#"<device Dname="Twin"/>"#, device: #"<device Dname="Twin"><!-- again --></device>"#)),
             marker: "<!-- again -->"),
        Case(rule: .missingProcessor, text: F.text(devices: F.family(properties: F.flash, device: #"<device Dname="NoCore"/>"#)), marker: "NoCore"),
        Case(rule: .missingMemory, text: F.text(devices: F.family(properties: F.processor, device: #"<device Dname="NoMemory"/>"#)), marker: "NoMemory"),
        Case(rule: .noStartupMemory, text: F.text(devices: F.family(properties: F.processor + F.ram, device: #"<device Dname="NoStart"/>"#)),
             marker: "NoStart"),
        Case(rule: .severalStartupMemories, text: F.text(devices: F.family(properties: [F.processor, F.flash, F.ram,
             #"<memory name="Flash2" access="rx" start="0x08100000" size="0x00010000" startup="1"/>"#].joined(separator: "\n"))),
             marker: "Flash2"),
        Case(rule: .overlappingMemories, text: F.text(devices: F.family(properties: [F.processor, F.flash, F.ram,
             #"<memory name="RAM_Alias" access="rw" start="0x20002000" size="0x00004000"/>"#].joined(separator: "\n"))),
             marker: "RAM_Alias"),
        Case(rule: .duplicateMemory, text: F.text(devices: F.family(properties: [F.processor, F.flash, F.ram,
             #"<memory name="RAM" access="rw" start="0x30000000" size="0x100"/>"#].joined(separator: "\n"))),
             marker: "0x30000000"),
        Case(rule: .incompleteMemory, text: F.text(devices: F.family(properties: [F.processor, F.flash, F.ram,
             #"<memory name="NoSize" access="rw" start="0x30000000"/>"#].joined(separator: "\n"))),
             marker: "NoSize"),
        Case(rule: .unknownCore, text: F.text(devices: F.family(properties: [#"<processor Dcore="Cortex-M99"/>"#, F.flash, F.ram].joined(separator: "\n"))),
             marker: "Cortex-M99"),
        Case(rule: .unknownFPU, text: F.text(devices: F.family(properties: [#"<processor Dcore="Cortex-M4" Dfpu="YES"/>"#, F.flash, F.ram].joined(separator: "\n"))),
             marker: "Dfpu=\"YES\""),
        Case(rule: .emptyFamily, text: F.text(devices: F.family() + "\n    <family Dfamily=\"Empty\" Dvendor=\"ARM:82\"></family>"),
             marker: "Dfamily=\"Empty\""),

        Case(rule: .missingFile, text: F.text(devices: algorithm("Flash/Algo.FLM")), marker: "Flash/Algo.FLM", members: ["Flash/Other.FLM"]),
        Case(rule: .fileCaseMismatch, text: F.text(devices: algorithm("Flash/Algo.FLM")), marker: "Flash/Algo.FLM", members: ["flash/algo.flm"]),
        Case(rule: .pathOutsidePack, text: F.text(devices: algorithm("../Flash/Algo.FLM")), marker: "../Flash/Algo.FLM"),
        Case(rule: .pathOutsidePack, text: F.text(devices: algorithm("/opt/Flash/Algo.FLM")), marker: "/opt/Flash/Algo.FLM"),
        Case(rule: .backslashPath, text: F.text(devices: algorithm(#"Flash\Algo.FLM"#)), marker: #"Flash\Algo.FLM"#),
        Case(rule: .includeWithoutSlash, text: F.text(extra: component("", #"<file category="include" name="Include"/>"#)),
             marker: "name=\"Include\""),
        Case(rule: .includeIsFile, text: F.text(extra: component("", #"<file category="include" name="Include/"/>"#)),
             marker: "name=\"Include/\"", members: ["Include"]),
        Case(rule: .spaceInPath, text: F.text(devices: algorithm("Flash/My Algo.FLM")), marker: "My Algo"),

        Case(rule: .boardDeviceUnknown, text: F.text(boards: F.board.replacingOccurrences(of: "Dname=\"Dev1\"", with: "Dname=\"Elsewhere\"")),
             marker: "Elsewhere"),
        Case(rule: .boardWithoutDevice, text: F.text(boards: F.board + "\n    <board vendor=\"TestVendor\" name=\"Bare\"><description>No chip</description></board>"),
             marker: "name=\"Bare\""),
        Case(rule: .duplicateBoard, text: F.text(boards: F.board + "\n    " + F.board.replacingOccurrences(of: "revision=\"A\">", with: "revision=\"A\"><!-- again -->")),
             marker: "<!-- again -->"),
        Case(rule: .exampleBoardUnknown, text: F.text(extra: """
            <examples>
                <example name="Blinky" doc="Abstract.txt" folder="Examples/Blinky">
                  <description>Blinky</description>
                  <board name="OtherBoard" vendor="Other"/>
                  <project><environment name="uv" load="Blinky.uvprojx"/></project>
                </example>
              </examples>
            """), marker: "OtherBoard"),

        Case(rule: .undefinedCondition, text: F.text(extra: component(" condition=\"Missing\"", #"<file category="source" name="a.c"/>"#)),
             marker: "condition=\"Missing\""),
        Case(rule: .unusedCondition, text: F.text(extra: """
            <conditions>
                <condition id="Unused"><require Dvendor="ARM:82"/></condition>
              </conditions>
            """), marker: "id=\"Unused\""),
        Case(rule: .recursiveCondition, text: F.text(extra: """
            <conditions>
                <condition id="A"><require condition="B"/></condition>
                <condition id="B"><require condition="A"/></condition>
              </conditions>
            """ + component(" condition=\"A\"", #"<file category="source" name="a.c"/>"#)), marker: "id=\"A\""),
        Case(rule: .duplicateCondition, text: F.text(extra: duplicateConditions), marker: "Dname=\"Dev1\"/></condition>"),

        Case(rule: .duplicatePart, text: F.text(extra: """
            <parts>
                <part Hvendor="TestVendor" Hname="Sensor" Hclass="Sensor"/>
                <part Hvendor="TestVendor" Hname="Sensor" Hclass="Sensor"><description>again</description></part>
              </parts>
            """), marker: "again"),

        Case(rule: .invalidPackRequirement, text: F.text(extra: """
            <requirements>
                <packages>
                  <package vendor="ARM" version="5.0.0"/>
                </packages>
              </requirements>
            """), marker: "<package vendor=\"ARM\""),
        Case(rule: .invalidVersionRange, text: F.text(extra: """
            <requirements>
                <packages>
                  <package vendor="ARM" name="CMSIS" version="6.0.0:5.0.0"/>
                </packages>
              </requirements>
            """), marker: "6.0.0:5.0.0"),
        Case(rule: .invalidVersionRange, text: F.text(extra: """
            <requirements>
                <packages>
                  <package vendor="ARM" name="CMSIS" version="5.x"/>
                </packages>
              </requirements>
            """), marker: "5.x"),
    ]

    @Test(arguments: cases)
    func eachRuleReportsItsIdSeverityAndLine(_ test: Case) throws {
        let files = test.members.map { PackFileTree(members: $0, base: "") }
        let findings = CheckFixture.findings(test.text, fileName: test.fileName, packFileName: test.packFileName, files: files)
        let expectedLine = try test.marker.map { marker in try #require(CheckFixture.line(of: marker, in: test.text), "marker not in text") }
        let matching = findings.filter { $0.id == test.rule.id }
        #expect(matching.contains { $0.severity == test.rule.severity && $0.line == expectedLine },
                "expected \(test.rule.id) at line \(expectedLine.map(String.init) ?? "none"); got:\n\(findings.map(\.description).joined(separator: "\n"))")
    }

    @Test func theCleanDescriptionHasNoFindingButTheSkippedSchema() {
        let findings = CheckFixture.findings(CheckFixture.text(), files: PackFileTree(members: [], base: ""))
        #expect(findings.map(\.id) == ["PM003"], "\(findings.map(\.description))")
    }

    @Test func everyRuleHasABrokenDescription() {
        // PM002 (schema) and PM005 (several .pdsc) need a schema or a pack:
        // SchemaValidationTests and CheckInputTests cover them.
        let covered = Set(Self.cases.map(\.rule.id)).union(["PM002", "PM005"])
        #expect(Set(CheckRule.all.map(\.id)) == covered)
    }

    @Test func idsAreUniqueAndStable() {
        let ids = CheckRule.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids == ids.sorted())
        #expect(ids.allSatisfy { $0.hasPrefix("PM") && $0.count == 5 })
        // Published ids keep their meaning; a few spot checks.
        #expect(CheckRule.named("PM401") == .missingFile)
        #expect(CheckRule.named("PM112")?.packchk == "M316")
        #expect(CheckRule.named("PM999") == nil)
    }

    @Test func filesAreReportedOncePerPathWithTheirCount() {
        let devices = F.family(Self.algorithmLine("Flash/Algo.FLM"), device: #"<device Dname="Dev1">\#(Self.algorithmLine("Flash/Algo.FLM"))</device>"#)
        let findings = CheckFixture.findings(F.text(devices: devices), files: PackFileTree(members: [], base: ""))
        let missing = findings.filter { $0.id == "PM401" }
        #expect(missing.count == 1)
        #expect(missing.first?.message.contains("named 2 times") == true)
    }

    @Test func trustZoneDevicesMayStartOncePerSecurityState() {
        let memories = [F.processor,
                        #"<memory name="ROM_S" access="rxs" start="0x00000000" size="0x1000" startup="1"/>"#,
                        #"<memory name="ROM_NS" access="rxn" start="0x00200000" size="0x1000" startup="1"/>"#,
                        F.ram].joined(separator: "\n")
        let findings = CheckFixture.findings(F.text(devices: F.family(properties: memories)))
        #expect(!findings.contains { $0.id == "PM306" })
    }

    @Test func legacyIROM1IsTheStartupMemory() {
        let memories = [F.processor, #"<memory id="IROM1" start="0x0" size="0x1000"/>"#, #"<memory id="IRAM1" start="0x20000000" size="0x1000"/>"#]
            .joined(separator: "\n")
        let findings = CheckFixture.findings(F.text(devices: F.family(properties: memories)))
        #expect(!findings.contains { $0.id == "PM305" })
    }

    @Test func aProblemSharedByAFamilyIsReportedOnceWithTheNumberOfDevices() {
        let devices = F.family(#"<device Dname="Dev0"/>"#, properties: F.processor + F.ram)
        let findings = CheckFixture.findings(F.text(devices: devices)).filter { $0.id == "PM305" }
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("and 1 other device") == true)
    }

    @Test func readerWarningsGiveWayToChecksOnTheSameLine() {
        // The decoder also warns about the repeated condition id; only PM604 remains.
        let text = F.text(extra: Self.duplicateConditions)
        let line = CheckFixture.line(of: "Dname=\"Dev1\"/></condition>", in: text)
        let onLine = CheckFixture.findings(text).filter { $0.line == line }
        #expect(onLine.map(\.id) == ["PM604"])
    }

    @Test func elementsMissingTheirKeyGetTheirOwnWarningOnly() throws {
        // Not also "not expected inside …": the element is expected, just incomplete.
        let text = F.text(extra: """
            <conditions>
                <condition><require Dname="NoIdentifier"/></condition>
              </conditions>
              <requirements>
                <packages>
                  <package vendor="ARM" version="5.0.0"/>
                </packages>
              </requirements>
            """)
        let diagnostics = try PackDescriptionReader.read(bytes: Array(text.utf8), source: "x.pdsc").diagnostics
        let condition = diagnostics.filter { $0.line == CheckFixture.line(of: "NoIdentifier", in: text) }
        #expect(condition.map(\.message).count == 1)
        #expect(condition.first?.message.contains("without id") == true)
        let package = diagnostics.filter { $0.line == CheckFixture.line(of: "<package vendor=\"ARM\"", in: text) }
        #expect(package.map(\.message).count == 1)
        #expect(package.first?.message.contains("without vendor or name") == true)
    }

    @Test func aRedefinedUnusedConditionIsReportedUnusedOnce() {
        // The second definition is ignored (PM604); only the first can be unused.
        let text = F.text(extra: """
            <conditions>
                <condition id="Spare"><require Dname="SpareFirst"/></condition>
                <condition id="Spare"><require Dname="SpareAgain"/></condition>
              </conditions>
            """)
        let unused = CheckFixture.findings(text).filter { $0.rule == .unusedCondition }
        #expect(unused.map(\.line) == [CheckFixture.line(of: "SpareFirst", in: text)])
        #expect(CheckFixture.findings(text).contains { $0.rule == .duplicateCondition })
    }

    @Test func boardsMayNameDevicesByPattern() {
        let boards = F.board.replacingOccurrences(of: "Dname=\"Dev1\"", with: "Dname=\"Dev*\"")
        #expect(!CheckFixture.findings(F.text(boards: boards)).contains { $0.id == "PM501" })
        let nothing = F.board.replacingOccurrences(of: "Dname=\"Dev1\"", with: "Dname=\"Other?\"")
        #expect(CheckFixture.findings(F.text(boards: nothing)).contains { $0.id == "PM501" })
    }

    @Test func anExampleDocumentIsJudgedByItsOwnTextAndItsFolder() throws {
        let text = F.text(extra: """
            <examples>
                <example name="Blinky" doc="Abstract.txt" folder="Examples/My Blinky">
                  <description>Blinky</description>
                  <board name="Board1" vendor="TestVendor"/>
                  <project><environment name="uv" load="Blinky.uvprojx"/></project>
                </example>
              </examples>
            """)
        let findings = CheckFixture.findings(text, files: PackFileTree(members: ["Other/file.c"], base: ""))
        // The space is in the folder's name: one PM407; the folder is missing: one PM401, not one more for the document.
        #expect(findings.filter { $0.id == "PM407" }.map(\.message) == ["folder of example 'Blinky' 'Examples/My Blinky' contains spaces, which build tools handle badly"])
        #expect(findings.filter { $0.id == "PM401" }.count == 1)
    }
}
