@testable import CMSISPack
@testable import PackCheck
import Foundation
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
        /// `-u`, and the texts of the packs given with `-i`.
        var url: String?
        var references: [String]?

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
        Case(rule: .invalidURL, text: F.text().replacingOccurrences(of: "https://example.com/packs/", with: "www.example.com/packs/"), marker: "<url>"),
        Case(rule: .driveURL, text: F.text().replacingOccurrences(of: "https://example.com/packs/", with: #"C:\packs\"#), marker: "<url>"),
        Case(rule: .backslashURL, text: F.text().replacingOccurrences(of: "https://example.com/packs/", with: #"https://example.com\packs/"#), marker: "<url>"),
        Case(rule: .urlMismatch, text: F.text(), marker: "<url>", url: "https://other.example.com/"),
        Case(rule: .insecureLink, text: F.text(devices: F.family(#"<book name="http://example.com/manual.pdf" title="Manual"/>"#)), marker: "manual.pdf"),
        Case(rule: .missingVendor, text: PDSC.text(vendor: "", devices: F.family()), marker: "<vendor>"),
        Case(rule: .missingName, text: PDSC.text(name: "", devices: F.family()), marker: "<name>"),

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
            <release version="1.0.1" date="2024-01-01">Newest</release>
                <release version="1.0.0" date="2024-02-01">Older version of the same line, later date</release>
            """), marker: "2024-02-01"),
        Case(rule: .releaseWithoutText, text: F.text(releases: #"<release version="1.0.0" date="2024-01-01"></release>"#), marker: "></release>"),
        Case(rule: .noReleasesElement, text: F.text().replacingOccurrences(of: "<releases>", with: "").replacingOccurrences(of: "</releases>", with: "")
             .replacingOccurrences(of: #"<release version="1.0.0" date="2024-01-01">Release</release>"#, with: ""), marker: "<package"),
        Case(rule: .replacementWithoutDeprecation,
             text: F.text(releases: #"<release version="1.0.0" date="2024-01-01" replacement="TestVendor.NewPack">Replaced</release>"#),
             marker: "replacement="),
        Case(rule: .invalidReplacement,
             text: F.text(releases: #"<release version="1.0.0" date="2024-01-01" deprecated="2024-01-01" replacement="NewPack">Replaced</release>"#),
             marker: "replacement="),
        Case(rule: .preRelease, text: F.text(releases: #"<release version="2.0.0-rc1" date="2024-01-01">Candidate</release>"#), marker: "2.0.0-rc1"),

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


        Case(rule: .repeatedDeviceName, text: F.text(devices: F.family(device: #"<device Dname="Fam"/>"#)), marker: #"Dname="Fam""#),
        Case(rule: .invalidDeviceName, text: F.text(devices: F.family(device: #"<device Dname="Dev 1"/>"#)), marker: "Dev 1"),
        Case(rule: .memoryNameWithoutAccess, text: F.text(devices: F.family(properties: [F.processor, F.flash, F.ram,
             #"<memory name="NoAccess" start="0x30000000" size="0x100"/>"#].joined(separator: "\n"))), marker: "NoAccess"),
        Case(rule: .memoryIdIgnored, text: F.text(devices: F.family(properties: [F.processor, F.flash, F.ram,
             #"<memory id="IRAM2" name="RAM2" access="rw" start="0x30000000" size="0x100"/>"#].joined(separator: "\n"))), marker: "RAM2"),
        Case(rule: .startupNotExecutable, text: F.text(devices: F.family(properties: [F.processor,
             #"<memory name="Flash" access="r" start="0x08000000" size="0x00010000" startup="1"/>"#, F.ram].joined(separator: "\n"))),
             marker: #"access="r""#),
        Case(rule: .coreFeaturesUnchecked, text: F.text(devices: F.family(properties: [#"<processor Dcore="Cortex-A5"/>"#, F.flash, F.ram]
             .joined(separator: "\n"))), marker: "Cortex-A5"),
        Case(rule: .missingProcessorAttribute, text: F.text(devices: F.family(properties: [#"<processor Dcore="Cortex-M4" Dfpu="SP_FPU"/>"#,
             F.flash, F.ram].joined(separator: "\n"))), marker: "Cortex-M4"),
        Case(rule: .emptyDeviceDescription, text: F.text(devices: F.family(device: #"<device Dname="Dev1"><description></description></device>"#)),
             marker: "<description></description>"),
        Case(rule: .unknownFeature, text: F.text(devices: F.family(#"<feature type="Bogus" n="1"/>"#)), marker: "Bogus"),
        Case(rule: .misspelledFeature, text: F.text(devices: F.family(#"<feature type="uart" n="1"/>"#)), marker: "uart"),
        Case(rule: .repeatedProperty, text: F.text(devices: F.family(#"<feature type="UART" n="2"/><feature type="UART" n="3"/>"#)),
             marker: #"n="3""#),
        Case(rule: .inheritedPropertyRepeated, text: F.text(devices: F.family(#"<feature type="UART" n="2"/>"#,
             device: #"<device Dname="Dev1"><feature type="UART" n="4"/></device>"#)), marker: #"n="4""#),
        Case(rule: .unknownPname, text: F.text(devices: F.family(#"<feature type="UART" n="2" Pname="Core9"/>"#)), marker: "Core9"),

        Case(rule: .fileIsFolder, text: F.text(extra: component("", #"<file category="source" name="Source"/>"#)), marker: #"name="Source""#,
             members: ["Source/a.c"]),
        Case(rule: .wrongExtension, text: F.text(extra: component("", #"<file category="header" name="inc/a.txt"/>"#)), marker: "a.txt"),
        Case(rule: .configWithoutVersion, text: F.text(extra: component("", #"<file category="source" name="conf.c" attr="config"/>"#)),
             marker: "conf.c"),
        Case(rule: .templateInclude, text: F.text(extra: component("", #"<file category="include" name="tpl/" attr="template" select="T"/>"#)),
             marker: "tpl/"),
        Case(rule: .templateWithoutSelect, text: F.text(extra: component("", #"<file category="source" name="t.c" attr="template"/>"#)),
             marker: "t.c"),
        Case(rule: .gccLowercaseAssembler, text: F.text(extra: #"<conditions><condition id="GCC"><require Tcompiler="GCC"/></condition></conditions>"#
             + component(" condition=\"GCC\"", #"<file category="sourceAsm" name="startup.s" condition="GCC"/>"#)), marker: "startup.s"),
        Case(rule: .missingCompilerCondition, text: F.text(extra: component("", #"<file category="library" name="lib.a"/>"#)), marker: "lib.a"),
        Case(rule: .deprecatedCopy, text: F.text(extra: component("", #"<file category="source" name="a.c" attr="copy"/>"#)), marker: "attr=\"copy\""),
        Case(rule: .repeatedComponentFile, text: F.text(extra: """
            <components>
                <component Cclass="Util" Cgroup="One" Cversion="1.0.0"><description>One</description>
                  <files><file category="source" name="shared.c"/></files></component>
                <component Cclass="Util" Cgroup="Two" Cversion="1.0.0"><description>Two</description>
                  <files><file category="source" name="shared.c"/><!-- again --></files></component>
              </components>
            """), marker: "<!-- again -->"),
        Case(rule: .configInIncludePath, text: F.text(extra: component("", """
            <file category="include" name="Config/"/>
                    <file category="header" name="Config/conf.h" attr="config" version="1.0.0"/>
            """)), marker: "conf.h"),
        // As packchk, for each device: at the component.
        Case(rule: .startupFileNotConfig, text: F.text(extra: component("", #"<file category="sourceC" name="Source/system_Dev.c"/>"#)),
             marker: #"Cgroup="Startup""#),
        Case(rule: .noStartupComponent, text: F.text(), marker: "<processor"),
        Case(rule: .unresolvedComponentDependencies, text: F.text(extra: #"<conditions><condition id="Core"><require Cclass="CMSIS" Cgroup="CORE"/></condition></conditions>"#
             + component(" condition=\"Core\"", #"<file category="source" name="a.c"/>"#)), marker: #"Cgroup="Startup""#),
        Case(rule: .startupDependencyUnresolved, text: F.text(extra: #"<conditions><condition id="Core"><require Cclass="CMSIS" Cgroup="CORE"/></condition></conditions>"#
             + component(" condition=\"Core\"", CheckPackchkAgreementTests.startupFiles)), marker: #"Cgroup="Startup""#),
        // Its only file is for GCC; the conditions name ARMCC too.
        Case(rule: .startupWithoutFiles, text: F.text(extra: #"<conditions><condition id="GCC"><require Tcompiler="GCC"/></condition><condition id="ARM"><require Tcompiler="ARMCC"/></condition></conditions>"#
             + component("", #"<file category="sourceC" name="Source/system_Dev.c" attr="config" version="1.0.0" condition="GCC"/>"#)),
             marker: #"Cgroup="Startup""#),
        Case(rule: .startupFileMissing, text: F.text(extra: component("", #"<file category="sourceC" name="Source/system_Dev.c" attr="config" version="1.0.0"/>"#)),
             marker: "<processor"),
        Case(rule: .systemHeaderNotFound, text: F.text(extra: component("", CheckPackchkAgreementTests.startupFiles)),
             marker: #"Cgroup="Startup""#, members: F.members + ["Source/system_Dev.c", "Source/startup_Dev.c"]),

        Case(rule: .incompleteBoardDevice, text: F.text(boards: F.board.replacingOccurrences(of: #" Dvendor="ARM:82""#, with: "")),
             marker: "<mountedDevice"),
        Case(rule: .repeatedDeviceIndex, text: F.text(boards: F.board.replacingOccurrences(of: "</board>",
             with: #"<mountedDevice deviceIndex="0" Dvendor="ARM:82" Dname="Dev1"/><!-- again --></board>"#)), marker: "<!-- again -->"),
        Case(rule: .boardDevicePattern, text: F.text(boards: F.board.replacingOccurrences(of: #"Dname="Dev1""#, with: #"Dname="Dev*""#)),
             marker: "Dev*"),
        Case(rule: .compatibleDeviceFamily, text: F.text(boards: F.board.replacingOccurrences(of: "</board>",
             with: #"<compatibleDevice deviceIndex="0" Dvendor="ARM:82" Dfamily="Fam"/></board>"#)), marker: "<compatibleDevice"),
        Case(rule: .boardDeviceHasVariants, text: F.text(devices: F.family(device: #"<device Dname="Dev1"><variant Dvariant="Dev1A"/></device>"#)),
             marker: "<mountedDevice"),
        Case(rule: .boardDeviceVendor, text: F.text(boards: F.board.replacingOccurrences(of: "ARM:82", with: "ARM:99")), marker: "<mountedDevice"),
        Case(rule: .compatibleDeviceWithoutName, text: F.text(boards: F.board.replacingOccurrences(of: "</board>",
             with: #"<compatibleDevice deviceIndex="0" Dvendor="ARM:82" Dfamily="Fam"/></board>"#)), marker: "<compatibleDevice"),
        Case(rule: .boardWithoutExample, text: F.text(boards: F.board + "\n    " + F.board.replacingOccurrences(of: "Board1", with: "Unused")),
             marker: #"name="Unused""#),

        Case(rule: .unresolvedDependency, text: F.text(extra: #"<conditions><condition id="Core"><require Cclass="CMSIS" Cgroup="CORE"/></condition></conditions>"#
             + component(" condition=\"Core\"", #"<file category="source" name="a.c"/>"#)), marker: "CORE"),
        Case(rule: .conditionDeviceUnknown, text: F.text(extra: #"<conditions><condition id="Elsewhere"><require Dname="Nowhere"/></condition></conditions>"#
             + component(" condition=\"Elsewhere\"", #"<file category="source" name="a.c"/>"#)), marker: "Nowhere"),
        Case(rule: .pnameWithoutDname, text: F.text(extra: #"<conditions><condition id="Core"><require Pname="cm4"/></condition></conditions>"#
             + component(" condition=\"Core\"", #"<file category="source" name="a.c"/>"#)), marker: "cm4"),
        Case(rule: .deviceComponentWithoutCondition, text: F.text(extra: component("", #"<file category="source" name="a.c"/>"#)),
             marker: #"Cclass="Device""#),
        Case(rule: .deviceComponentConditionWithoutDevice, text: F.text(extra: #"<conditions><condition id="Vendor"><require Dvendor="ARM:82"/></condition></conditions>"#
             + component(" condition=\"Vendor\"", #"<file category="source" name="a.c"/>"#)), marker: #"Cclass="Device""#),
        Case(rule: .undefinedGenerator, text: F.text(extra: CheckPackchkAgreementTests.otherGenerator
             + component(" generator=\"Gen\"", #"<file category="source" name="a.c"/>"#)),
             marker: #"generator="Gen""#),
        Case(rule: .selfResolvedDependency, text: F.text(extra: #"<conditions><condition id="Self"><require Cclass="Device" Cgroup="Startup"/><require Dname="Dev1"/></condition></conditions>"#
             + component(" condition=\"Self\"", #"<file category="source" name="a.c"/>"#)), marker: #"Cgroup="Startup"/>"#),
        Case(rule: .missingAPI, text: F.text(extra: component(" Capiversion=\"1.0.0\"", #"<file category="source" name="a.c"/>"#)),
             marker: "Capiversion"),
        Case(rule: .apiVersionMissing, text: F.text(extra: """
            <apis><api Cclass="Device" Cgroup="Startup" Capiversion="1.0.0"><description>API</description><files><file category="header" name="api.h"/></files></api></apis>
            """ + component("", #"<file category="source" name="a.c"/>"#)), marker: #"Cgroup="Startup" Cversion"#),

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
        Case(rule: .unresolvedRequirement, text: F.text(extra: """
            <requirements>
                <packages>
                  <package vendor="ARM" name="CMSIS" version="5.0.0"/>
                </packages>
              </requirements>
            """), marker: #"name="CMSIS""#),

        Case(rule: .noLicense, text: F.text().replacingOccurrences(of: "<license>License.txt</license>", with: ""), marker: "<package"),
        Case(rule: .missingEntry, text: F.text(extra: #"<licenseSets><licenseSet id="All" default="true"></licenseSet></licenseSets>"#),
             marker: "<licenseSet id"),
        Case(rule: .severalDefaultLicenseSets, text: F.text(extra: """
            <licenseSets>
                <licenseSet id="A" default="true"><license name="A.txt" title="A"/></licenseSet>
                <licenseSet id="B" default="true"><license name="B.txt" title="B"/></licenseSet>
              </licenseSets>
            """), marker: #"id="B""#),
        Case(rule: .duplicateLicenseSet, text: F.text(extra: """
            <licenseSets>
                <licenseSet id="A" default="true"><license name="A.txt" title="A"/></licenseSet>
                <licenseSet id="A"><license name="B.txt" title="B"/></licenseSet>
              </licenseSets>
            """), marker: "B.txt"),
        Case(rule: .licenseSetWithoutID, text: F.text(extra: #"<licenseSets><licenseSet><license name="A.txt" title="A"/></licenseSet></licenseSets>"#),
             marker: "<licenseSets>"),
        Case(rule: .longDescription, text: F.text().replacingOccurrences(of: "<description>Test pack</description>",
             with: "<description>" + String(repeating: "Long text ", count: 14) + "</description>"), marker: "Long text"),
        Case(rule: .unsupportedCharacters, text: F.text().replacingOccurrences(of: "<description>Test pack</description>",
             with: "<description>Test pack €</description>"), marker: "€"),
    ]

    @Test(arguments: cases)
    func eachRuleReportsItsIdSeverityAndLine(_ test: Case) throws {
        let files = test.members.map { PackFileTree(members: $0, base: "") }
        let findings = CheckFixture.findings(test.text, fileName: test.fileName, packFileName: test.packFileName, files: files,
                                             url: test.url, references: test.references)
        let expectedLine = try test.marker.map { marker in try #require(CheckFixture.line(of: marker, in: test.text), "marker not in text") }
        let matching = findings.filter { $0.id == test.rule.id }
        #expect(matching.contains { $0.severity == test.rule.severity && $0.line == expectedLine },
                "expected \(test.rule.id) at line \(expectedLine.map(String.init) ?? "none"); got:\n\(findings.map(\.description).joined(separator: "\n"))")
    }

    @Test func theCleanDescriptionHasNoFindingButTheSkippedSchema() {
        let files = PackFileTree(members: CheckFixture.members, base: "")
        #expect(CheckFixture.findings(CheckFixture.text(), files: files, perElement: true).map(\.id) == ["PM003"])
        // The fixture is a DFP without Device:Startup component: packchk's M350 warning.
        let findings = CheckFixture.findings(CheckFixture.text(), files: files)
        #expect(findings.map(\.id) == ["PM003", "PM614"], "\(findings.map(\.description))")
    }

    @Test func everyRuleHasABrokenDescription() {
        // PM002 (schema) and PM005 (several .pdsc) need a schema or a pack:
        // SchemaValidationTests and CheckInputTests cover them; the online
        // rules need a server: OnlineCheckTests (PackCacheTests) covers them.
        let covered = Set(Self.cases.map(\.rule.id)).union(["PM002", "PM005"]).union(CheckRule.online.map(\.id))
        #expect(Set(CheckRule.all.map(\.id)) == covered)
    }

    @Test func theDocsTableListsEveryRuleWithItsSeverityAndPackchkIds() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/check.md")
        let rows = try String(contentsOf: readme, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("| PM") }
        #expect(rows.count == CheckRule.all.count)
        for rule in CheckRule.all {
            let row = rows.first { $0.hasPrefix("| \(rule.id) |") }
            let packchk = rule.packchkIDs.isEmpty ? "—" : rule.packchkIDs.joined(separator: ", ")
            #expect(row?.hasPrefix("| \(rule.id) | \(rule.severity.rawValue) |") == true, "\(rule.id)")
            #expect(row?.hasSuffix("| \(packchk) |") == true, "\(rule.id)")
        }
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

    @Test func everyUseOfAMissingFileIsReported() {
        // As packchk: each line naming the file is a line to fix.
        let devices = F.family(Self.algorithmLine("Flash/Algo.FLM"), device: #"<device Dname="Dev1">\#(Self.algorithmLine("Flash/Algo.FLM"))</device>"#)
        let findings = CheckFixture.findings(F.text(devices: devices), files: PackFileTree(members: F.members, base: ""))
        #expect(findings.filter { $0.id == "PM401" }.count == 2)
    }

    @Test func trustZoneDevicesMayStartOncePerSecurityStateWithPerElement() {
        let memories = [F.processor,
                        #"<memory name="ROM_S" access="rxs" start="0x00000000" size="0x1000" startup="1"/>"#,
                        #"<memory name="ROM_NS" access="rxn" start="0x00200000" size="0x1000" startup="1"/>"#,
                        F.ram].joined(separator: "\n")
        let text = F.text(devices: F.family(properties: memories))
        #expect(!CheckFixture.findings(text, perElement: true).contains { $0.id == "PM306" })
        // packchk wants exactly one startup memory per processor (M609).
        #expect(CheckFixture.findings(text).filter { $0.id == "PM306" }.map(\.packchk) == ["M609"])
    }

    @Test func legacyIROM1IsTheStartupMemory() {
        let memories = [F.processor, #"<memory id="IROM1" start="0x0" size="0x1000"/>"#, #"<memory id="IRAM1" start="0x20000000" size="0x1000"/>"#]
            .joined(separator: "\n")
        let findings = CheckFixture.findings(F.text(devices: F.family(properties: memories)))
        #expect(!findings.contains { $0.id == "PM305" })
    }

    @Test func withPerElementAProblemSharedByAFamilyIsReportedOnceWithTheNumberOfDevices() {
        let devices = F.family(#"<device Dname="Dev0"/>"#, properties: F.processor + F.ram)
        let findings = CheckFixture.findings(F.text(devices: devices), perElement: true).filter { $0.id == "PM305" }
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("and 1 other device") == true)
    }

    @Test func byDefaultAProblemSharedByAFamilyIsReportedForEachDeviceAsPackchkDoes() {
        let noClock = F.processor.replacingOccurrences(of: #" Dclock="64000000""#, with: "")
        let text = F.text(devices: F.family(#"<device Dname="Dev0"/>"#, properties: noClock + F.ram))
        #expect(CheckFixture.findings(text).filter { $0.id == "PM305" }.count == 2)
        #expect(CheckFixture.findings(text).filter { $0.id == "PM318" }.count == 2)
        #expect(CheckFixture.findings(text, perElement: true).filter { $0.id == "PM318" }.count == 1)
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

    @Test func aMountedDeviceNamedByPatternIsNotLookedUp() {
        let boards = F.board.replacingOccurrences(of: "Dname=\"Dev1\"", with: "Dname=\"Dev*\"")
        let ids = CheckFixture.findings(F.text(boards: boards)).map(\.id)
        #expect(ids.contains("PM507") && !ids.contains("PM501"))
        let nothing = F.board.replacingOccurrences(of: "Dname=\"Dev1\"", with: "Dname=\"Other\"")
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
        let findings = CheckFixture.findings(text, files: PackFileTree(members: ["Other/file.c", "License.txt"], base: ""))
        // The space is in the folder's name: one PM407; the folder is missing: one PM401, not one more for the document.
        #expect(findings.filter { $0.id == "PM407" }.map(\.message) == ["folder of example 'Blinky' 'Examples/My Blinky' contains spaces, which build tools handle badly"])
        #expect(findings.filter { $0.id == "PM401" }.count == 1)
    }
}
