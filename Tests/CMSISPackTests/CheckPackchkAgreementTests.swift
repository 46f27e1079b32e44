@testable import CMSISPack
@testable import PackCheck
import Testing
import TestSupport

/// The rules changed to agree with packchk 1.4.5 on real vendor
/// descriptions (scripts/packchk-compare): for each, a description that
/// triggers it and one that does not.
@Suite struct CheckPackchkAgreementTests {
    typealias F = CheckFixture

    static func board(with compatible: String) -> String {
        F.text(boards: F.board.replacingOccurrences(of: "</board>", with: compatible + "</board>"))
    }

    /// A startup component's files as packchk wants them, for device Dev1 of the fixture.
    static let startupFiles = """
        <file category="sourceC" name="Source/system_Dev.c" attr="config" version="1.0.0"/>
                <file category="sourceAsm" name="Source/startup_Dev.s" attr="config" version="1.0.0"/>
        """

    @Test func aStartupComponentWithItsFilesAndHeaderGivesEachDeviceWhatPackchkWants() {
        let family = F.family(properties: [F.processor, F.flash, F.ram, #"<compile header="Include/Dev.h"/>"#].joined(separator: "\n"))
        let files = Self.startupFiles + #"<file category="header" name="Include/Dev.h"/><file category="header" name="Include/system_Dev.h"/>"#
        let text = F.text(devices: family, extra: CheckRuleTests.component(#" condition="Dev""#, files)
            .replacingOccurrences(of: "<components>", with: #"<conditions><condition id="Dev"><require Dname="Dev1"/></condition></conditions><components>"#))
        let members = F.members + ["Source/system_Dev.c", "Source/startup_Dev.s", "Include/Dev.h", "Include/system_Dev.h"]
        let findings = F.findings(text, files: PackFileTree(members: members, base: ""))
        let startup: Set = ["PM614", "PM615", "PM616", "PM617", "PM618", "PM418"]
        #expect(!findings.contains { startup.contains($0.id) }, "\(findings.map(\.description))")
    }

    @Test func eachCompilerAndSecurityStateOfADeviceIsCheckedAsPackchkDoes() {
        let trustZone = F.processor.replacingOccurrences(of: "Cortex-M4", with: "Cortex-M33").replacingOccurrences(of: "/>", with: #" Dtz="TZ"/>"#)
        let conditions = #"<conditions><condition id="Tools"><accept Tcompiler="GCC"/><accept Tcompiler="ARMCC" Toptions="AC6"/></condition></conditions>"#
        let text = F.text(devices: F.family(properties: [trustZone, F.flash, F.ram].joined(separator: "\n")), extra: conditions)
        // Two compilers, three security states, one device: six times M350.
        #expect(F.findings(text).filter { $0.id == "PM614" }.map(\.packchk) == Array(repeating: "M350", count: 6))
        #expect(!F.findings(text, perElement: true).contains { $0.id == "PM614" })
    }

    @Test func aComponentWhoseDependencyThePackProvidesIsResolvedOthersAreM362() {
        let conditions = #"<conditions><condition id="Core"><require Cclass="CMSIS" Cgroup="CORE" Cversion="9.9.9"/></condition></conditions>"#
        let needing = CheckRuleTests.component(#" condition="Core""#, #"<file category="source" name="a.c"/>"#)
        let core = #"<component Cclass="CMSIS" Cgroup="CORE" Cversion="6.1.0"><description>Core</description><files><file category="include" name="Include/"/></files></component>"#
        #expect(F.findings(F.text(extra: conditions + needing)).first { $0.id == "PM619" }?.packchk == "M362")
        // Any version of the component meets the requirement, as in packchk's model.
        let provided = conditions + needing.replacingOccurrences(of: "</components>", with: core + "</components>")
        #expect(!F.findings(F.text(extra: provided)).contains { $0.id == "PM619" })
    }

    @Test func anExactRepeatOfAMemoryIsNotM311ADifferentOneIs() {
        let repeated = F.family(properties: [F.processor, F.flash, F.flash, F.ram].joined(separator: "\n"))
        #expect(!F.findings(F.text(devices: repeated)).contains { $0.id == "PM308" })
        let other = F.flash.replacingOccurrences(of: "0x00010000", with: "0x00020000")
        let differing = F.family(properties: [F.processor, F.flash, other, F.ram].joined(separator: "\n"))
        #expect(F.findings(F.text(devices: differing)).first { $0.id == "PM308" }?.packchk == "M311")
    }

    @Test func componentsThatDifferOnlyInTheirConditionMeetThemselvesOnceForM389() {
        let conditions = """
            <conditions><condition id="A"><require Cclass="Device" Cgroup="Startup"/><require Dname="Dev1"/></condition>
            <condition id="B"><require Cclass="Device" Cgroup="Startup"/><require Dname="Dev1"/></condition></conditions>
            """
        let first = CheckRuleTests.component(#" condition="A""#, #"<file category="source" name="a.c"/>"#)
        let second = first.replacingOccurrences(of: #"condition="A""#, with: #"condition="B""#)
            .replacingOccurrences(of: "<components>", with: "").replacingOccurrences(of: "</components>", with: "")
        let both = first.replacingOccurrences(of: "</components>", with: second + "</components>")
        let findings = F.findings(F.text(extra: conditions + both)).filter { $0.id == "PM611" }
        #expect(findings.map(\.packchk) == ["M389"])
        #expect(F.findings(F.text(extra: conditions + first)).filter { $0.id == "PM611" }.count == 1)
    }

    static let otherGenerator = #"<generators><generator id="Other"><description>Another</description></generator></generators>"#

    @Test func aGeneratorIsLookedUpOnlyInAPackThatDefinesGenerators() {
        let component = CheckRuleTests.component(" generator=\"STM32CubeMX\"", #"<file category="source" name="a.c"/>"#)
        #expect(!F.findings(F.text(extra: component)).contains { $0.id == "PM610" })
        #expect(F.findings(F.text(extra: Self.otherGenerator + component)).first { $0.id == "PM610" }?.packchk == "M347")
    }

    @Test func aConditionNamedWithATrailingBlankIsDefinedAsPackchkReadsIt() {
        let conditions = #"<conditions><condition id="Dev"><require Dname="Dev1"/></condition></conditions>"#
        let trailing = F.findings(F.text(extra: conditions + CheckRuleTests.component(#" condition="Dev ""#, #"<file category="source" name="a.c"/>"#)))
        #expect(!trailing.contains { $0.id == "PM601" } && !trailing.contains { $0.id == "PM602" })
        let other = F.findings(F.text(extra: conditions + CheckRuleTests.component(#" condition="Dev2""#, #"<file category="source" name="a.c"/>"#)))
        #expect(other.first { $0.id == "PM601" }?.packchk == "M332")
    }

    @Test func anyConfigurationFileInAnIncludePathIsM357OncePerPath() {
        let files = """
            <file category="include" name="./Config/"/>
                <file category="source" name="Config/setup.c" attr="config" version="1.0.0"/>
                <file category="header" name="Other/conf.h" attr="config" version="1.0.0"/>
            """
        let findings = F.findings(F.text(extra: CheckRuleTests.component("", files))).filter { $0.id == "PM417" }
        #expect(findings.map(\.packchk) == ["M357"])
        #expect(findings.first?.message.contains("setup.c") == true)
    }

    @Test func aCompatibleDeviceWithoutDnameIsTheErrorM368() throws {
        let variantOnly = F.findings(Self.board(with: #"<compatibleDevice deviceIndex="0" Dvendor="ARM:82" Dvariant="Dev1A"/>"#))
        let finding = try #require(variantOnly.first { $0.id == "PM512" })
        #expect(finding.packchk == "M368" && finding.severity == .error)
        let named = F.findings(Self.board(with: #"<compatibleDevice deviceIndex="0" Dvendor="ARM:82" Dname="Dev1"/>"#))
        #expect(!named.contains { $0.id == "PM512" })
    }

    @Test func aMemoryWithNameButNoAccessIsTheErrorM309() {
        let memories = [F.processor, #"<memory name="Flash" start="0x0" size="0x1000" startup="1"/>"#, F.ram].joined(separator: "\n")
        let finding = F.findings(F.text(devices: F.family(properties: memories))).first { $0.id == "PM314" }
        #expect(finding?.severity == .error && finding?.packchk == "M309")
        #expect(!F.findings(F.text()).contains { $0.id == "PM314" })
    }

    @Test func anExampleOnAnUnknownBoardIsTheWarningM324() {
        let text = F.text().replacingOccurrences(of: #"<board name="Board1" vendor="TestVendor"/>"#, with: #"<board name="Elsewhere" vendor="TestVendor"/>"#)
        #expect(F.findings(text).first { $0.id == "PM504" }?.severity == .warning)
        #expect(!F.findings(F.text()).contains { $0.id == "PM504" })
    }

    @Test func aMissingIncludePathIsM339AsWellAsM323AndNeedsNoSlash() {
        let text = F.text(extra: CheckRuleTests.component("", #"<file category="include" name="Include"/>"#))
        let missing = F.findings(text, files: PackFileTree(members: F.members, base: ""))
        #expect(missing.contains { $0.id == "PM401" } && missing.contains { $0.id == "PM406" })
        #expect(!missing.contains { $0.id == "PM405" })
        let folder = F.findings(text, files: PackFileTree(members: F.members + ["Include/device.h"], base: ""))
        #expect(!folder.contains { $0.id == "PM406" } && !folder.contains { $0.id == "PM401" })
        #expect(folder.contains { $0.id == "PM405" })
    }

    @Test func aDateTheSchemaRejectsIsReportedOnceByTheSchema() throws {
        let schema = try SchemaValidator(path: Corpus.path("schema/PACK.xsd"))
        let bad = F.text(releases: #"<release version="1.0.0" date="2024-1-5">Short date</release>"#)
        let withSchema = F.findings(bad, schema: schema)
        #expect(withSchema.contains { $0.packchk == "M511" })
        #expect(!withSchema.contains { $0.id == "PM204" })
        // Without the schema, our own rule still says it.
        #expect(F.findings(bad).contains { $0.id == "PM204" })
    }
}
