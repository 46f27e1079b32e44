@testable import CMSISPack
@testable import PackCheck
import Testing

/// Where `check` follows packchk and where it does not: packchk's ids on
/// our findings, its options' filters, the packs given with `-i`, and the
/// descriptions that must not be flagged.
@Suite struct CheckPackchkTests {
    typealias F = CheckFixture

    static func ids(_ text: String, fileName: String = F.fileName, references: [String]? = nil) -> [String] {
        F.findings(text, fileName: fileName, references: references).map(\.id)
    }

    // MARK: packchk's ids where it tells cases apart

    @Test func aPathIsAbsoluteForM326AndOutsideThePackForM313() {
        func packchk(_ path: String) -> String? {
            F.findings(F.text(devices: CheckRuleTests.algorithm(path))).first { $0.id == "PM403" }?.packchk
        }
        #expect(packchk("/opt/Flash/Algo.FLM") == "M326")
        #expect(packchk("../Flash/Algo.FLM") == "M313")
    }

    @Test func noReleasesElementIsTheWarningM338AndAnEmptyOneTheErrorM305() {
        let withoutElement = F.text().replacingOccurrences(of: #"<releases>"#, with: "").replacingOccurrences(of: "</releases>", with: "")
            .replacingOccurrences(of: #"<release version="1.0.0" date="2024-01-01">Release</release>"#, with: "")
        let missing = F.findings(withoutElement).first { $0.packchk == "M338" }
        #expect(missing?.id == "PM212" && missing?.severity == .warning)
        #expect(!F.findings(withoutElement).contains { $0.id == "PM201" })
        let empty = F.findings(F.text(releases: "")).first { $0.id == "PM201" }
        #expect(empty?.packchk == "M305" && empty?.severity == .error)
    }

    @Test func anEmptySubFamilyIsM360() {
        let devices = F.family(#"<subFamily DsubFamily="Empty"></subFamily>"#)
        #expect(F.findings(F.text(devices: devices)).first { $0.id == "PM312" }?.packchk == "M360")
    }

    @Test func textLinesShowBothIds() {
        let finding = CheckRule.urlWithoutSlash.finding(file: "A.B.pdsc", line: 5, "no slash")
        #expect(finding.description == "A.B.pdsc:5: warning: [PM112/M316] no slash")
        let unreadable = Finding(rule: .unreadable, file: "A.B.pdsc", line: 3, column: 7, message: "bad")
        #expect(unreadable.description == "A.B.pdsc:3:7: error: [PM001/M108] bad")
    }

    @Test func aMalformedFileIsReportedAtItsLineAndColumn() throws {
        let text = "<?xml version=\"1.0\"?>\n<package>\n  <vendor>A</vend>\n</package>\n"
        let finding = try #require(F.findings(text).first { $0.id == "PM001" })
        #expect(finding.line == 3)
        #expect((finding.column ?? 0) > 0)
    }

    // MARK: What must not be flagged

    @Test func theCacheNameWithAListedVersionIsAcceptedWithoutFilesOthersAreNot() {
        #expect(!Self.ids(F.text(), fileName: "TestVendor.TestPack.1.0.0.pdsc").contains("PM101"))
        #expect(Self.ids(F.text(), fileName: "TestVendor.TestPack.9.9.9.pdsc").contains("PM101"))
        // Beside its files it is an unpacked pack, whose name packchk wants plain (M207).
        let files = PackFileTree(members: F.members, base: "")
        #expect(F.findings(F.text(), fileName: "TestVendor.TestPack.1.0.0.pdsc", files: files).contains { $0.id == "PM101" })
        #expect(!F.findings(F.text(), files: files).contains { $0.id == "PM101" })
    }

    @Test func aMaintenanceReleaseMayBeDatedAfterANewerLine() {
        let releases = """
            <release version="4.7.0" date="2021-04-16">Newer line</release>
                <release version="4.6.3" date="2023-01-01">Maintenance of the older line</release>
                <release version="4.6.2" date="2021-03-16">Older line</release>
            """
        #expect(!Self.ids(F.text(releases: releases)).contains("PM207"))
    }

    @Test func aURLWithoutSchemeIsAWarningNotAnError() {
        let findings = F.findings(F.text().replacingOccurrences(of: "https://example.com/packs/", with: "www.example.com/packs/"))
        #expect(findings.contains { $0.id == "PM113" && $0.severity == .warning && $0.packchk == nil })
        #expect(!findings.contains { $0.severity == .error })
    }

    @Test func httpsLinksAreNotFlagged() {
        let devices = F.family(#"<book name="https://example.com/manual.pdf" title="Manual"/>"#)
        #expect(!Self.ids(F.text(devices: devices)).contains("PM117"))
    }

    @Test func tokenValuesAreReadWithTheirBlanksCollapsed() throws {
        // GigaDevice writes Dfpu="1 "; the schema collapses xs:token values, so it is valid and means an FPU.
        let processor = #"<processor Dcore="Cortex-M4 " Dfpu="1 " Dmpu="1" Dendian="Little-endian" Dclock="120000000"/>"#
        let devices = F.family(properties: [processor, F.flash, F.ram].joined(separator: "\n"))
        let ids = Self.ids(F.text(devices: devices))
        #expect(!ids.contains("PM311") && !ids.contains("PM310"))
        let entry = try #require(try PDSC.pack(F.text(devices: devices)).device("Dev1"))
        #expect(entry.processors.first?.fpu == "SinglePrecision")
        #expect(entry.processors.first?.core == "CortexM4")
    }

    @Test func aMemoryWithNameAndAccessOrAnIdIsComplete() {
        let ids = Self.ids(F.text(devices: F.family(properties: [F.processor, #"<memory id="IROM1" start="0x0" size="0x1000" startup="1"/>"#, F.ram]
            .joined(separator: "\n"))))
        #expect(!ids.contains("PM309") && !ids.contains("PM314") && !ids.contains("PM316"))
    }

    @Test func lineBreaksAroundADescriptionAreNotUnsupportedCharactersInsideItTheyAre() {
        let around = F.text().replacingOccurrences(of: "<description>Test pack</description>", with: "<description>\n    Test pack\n  </description>")
        #expect(!Self.ids(around).contains("PM907"))
        // packchk's M388 counts every control character of the text.
        for inside in ["Test\npack", "Test\tpack", "Test\n   pack"] {
            let text = F.text().replacingOccurrences(of: "<description>Test pack</description>", with: "<description>\(inside)</description>")
            #expect(F.findings(text).first { $0.id == "PM907" }?.packchk == "M388", "\(inside)")
        }
    }

    // MARK: Packs given with -i

    static let dfp = PDSC.text(vendor: "Other", name: "DFP", devices: F.family(device: #"<device Dname="Remote1"/>"#), extra: """
        <components>
            <component Cclass="CMSIS" Cgroup="CORE" Cversion="6.0.0"><description>Core</description></component>
          </components>
        """)
    static let bsp = PDSC.text(vendor: "Other", name: "BSP", boards: """
        <board vendor="Other" name="RemoteBoard"><description>B</description><mountedDevice deviceIndex="0" Dvendor="ARM:82" Dname="Remote1"/></board>
        """, extra: """
        <examples>
            <example name="Demo" doc="a.txt" folder="Demo"><description>D</description><board name="Board1" vendor="TestVendor"/></example>
          </examples>
        """)

    @Test func devicesBoardsComponentsAndPacksOfReferencesCount() {
        let text = F.text(boards: F.board + "\n    " + F.board.replacingOccurrences(of: "Board1", with: "Board2")
            .replacingOccurrences(of: "Dev1", with: "Remote1"), extra: """
            <conditions><condition id="Core"><require Cclass="CMSIS" Cgroup="CORE"/><require Dname="Remote1"/></condition></conditions>
              <components>
                <component Cclass="Device" Cgroup="Startup" Cversion="1.0.0" condition="Core"><description>S</description></component>
              </components>
              <requirements><packages><package vendor="Other" name="DFP" version="1.0.0"/></packages></requirements>
              <examples>
                <example name="Blinky" doc="a.txt" folder="Blinky"><description>B</description><board name="RemoteBoard" vendor="Other"/></example>
                <example name="Blinky2" doc="a.txt" folder="Blinky2"><description>B</description><board name="Board2" vendor="TestVendor"/></example>
              </examples>
            """)
        let without = Self.ids(text)
        for id in ["PM501", "PM504", "PM605", "PM606", "PM803"] { #expect(without.contains(id), "\(id) without -i") }
        let with = Self.ids(text, references: [Self.dfp, Self.bsp])
        for id in ["PM501", "PM504", "PM605", "PM606", "PM803", "PM511"] { #expect(!with.contains(id), "\(id) with -i") }
    }

    @Test func aRequirementOutsideTheRangeOfTheGivenPackIsUnresolved() {
        let text = F.text(extra: #"<requirements><packages><package vendor="Other" name="DFP" version="2.0.0"/></packages></requirements>"#)
        let finding = F.findings(text, references: [Self.dfp]).first { $0.id == "PM803" }
        #expect(finding?.message.contains("given: 1.0.0") == true)
    }

    // MARK: Filters

    @Test func packchkSuppressionKeepsErrorsUnlessAllowed() throws {
        let report = CheckReport(input: "x", kind: .pdsc, descriptionPath: "x", schemaPath: nil, findings: [
            CheckRule.missingFile.finding(file: "x", line: 1, "missing"), CheckRule.spaceInPath.finding(file: "x", line: 2, "space"),
        ])
        var filter = FindingFilter()
        filter.packchkSuppress = try FindingFilter.ids(["M323,M314"])
        #expect(report.applying(filter).findings.map(\.id) == ["PM401"])
        filter.allowSuppressError = true
        #expect(report.applying(filter).findings.isEmpty)
        var showOnly = FindingFilter()
        showOnly.showOnly = ["M314"]
        #expect(report.applying(showOnly).findings.map(\.id) == ["PM407"])
        var errorsOnly = FindingFilter()
        errorsOnly.lowestListed = .error
        #expect(report.applying(errorsOnly).findings.map(\.id) == ["PM401"])
        var ours = FindingFilter()
        ours.suppress = ["PM401"]
        #expect(report.applying(ours).findings.map(\.id) == ["PM407"])
    }

    @Test func anyPackchkIdIsAcceptedOursMustExist() throws {
        #expect(try FindingFilter.ids(["m334", "M362,PM401"]) == ["M334", "M362", "PM401"])
        #expect(throws: FindingFilterError.self) { try FindingFilter.ids(["PM999"]) }
        #expect(throws: FindingFilterError.self) { try FindingFilter.ids(["file.pdsc"]) }
        #expect(FindingFilter.looksLikeID("!M611") && !FindingFilter.looksLikeID("A.B.pdsc"))
        let split = try FindingFilter.packchkIDs(["M382", "!M317"])
        #expect(split.suppress == ["M382"] && split.showOnly == ["M317"])
    }

    @Test func everyRuleNamesItsPackchkIdsOnce() {
        let all = CheckRule.all.flatMap(\.packchkIDs)
        #expect(all.allSatisfy { FindingFilter.isID($0) })
        for rule in CheckRule.all { #expect(Set(rule.packchkIDs).count == rule.packchkIDs.count) }
    }
}
