import CMSISPack
import Foundation
import Testing
import TestSupport

/// `find`, `dump` and `show pack|board` on a hand-built pack and the corpus.
@Suite struct DescriptionCommandTests {
    let directory = Corpus.temporaryDirectory("describe")
    var paths: [String] { ["--data-path", directory, "--json-path", directory] }

    static let pack = """
    <?xml version="1.0" encoding="UTF-8"?>
    <package schemaVersion="1.7.36">
      <vendor>Acme</vendor>
      <name>Widgets_DFP</name>
      <description>Acme widget devices</description>
      <url>https://example.com/packs/</url>
      <license>LICENSE.txt</license>
      <releases><release version="2.0.0" date="2025-01-01">Second</release><release version="1.0.0" date="2024-01-01">First</release></releases>
      <requirements><packages><package vendor="ARM" name="CMSIS" version="6.0.0"/></packages></requirements>
      <devices>
        <family Dfamily="Widget" Dvendor="Acme:999">
          <processor Dcore="Cortex-M4" Dfpu="SP_FPU" Dmpu="MPU" Dendian="Little-endian" Dclock="100000000"/>
          <memory name="FLASH" access="rx" start="0x08000000" size="0x10000" startup="1" default="1"/>
          <memory name="RAM" access="rw" start="0x20000000" size="0x8000" default="1"/>
          <device Dname="WIDGET1"/>
          <device Dname="WIDGET10"/>
          <device Dname="WIDGET1-LITE"><processor Dcore="Cortex-M0+" Dfpu="NO_FPU" Dmpu="NO_MPU" Dendian="Little-endian" Dclock="48000000"/></device>
        </family>
      </devices>
      <boards>
        <board vendor="Acme" name="Widget Board" revision="B">
          <description>Evaluation board</description>
          <mountedDevice deviceIndex="0" Dvendor="Acme:999" Dname="WIDGET1"/>
          <debugInterface adapter="CMSIS-DAP" connector="USB"/>
          <feature type="LED" n="2" name="User LEDs"/>
        </board>
      </boards>
      <parts>
        <part Hvendor="Acme" Hname="WidgetSensor" Hclass="Sensor"><description>Temperature sensor</description></part>
      </parts>
      <conditions>
        <condition id="Widget"><require Dvendor="Acme:999" Dname="WIDGET*"/></condition>
        <condition id="FPU"><require condition="Widget"/><require Dfpu="FPU"/></condition>
        <condition id="GCC"><require Tcompiler="GCC"/></condition>
        <condition id="IAR"><require Tcompiler="IAR"/></condition>
      </conditions>
      <examples>
        <example name="Blinky" folder="Examples/Blinky" doc="README.md">
          <description>Blinks the LEDs</description>
          <board name="Widget Board" vendor="Acme"/>
          <project><environment name="csolution" load="Blinky.csolution.yml"/></project>
          <attributes><category>Getting Started</category></attributes>
        </example>
      </examples>
      <components>
        <component Cclass="Device" Cgroup="Startup" Cversion="2.0.0" condition="Widget" isDefaultVariant="true">
          <description>Startup code</description>
          <RTE_Components_h>#define RTE_DEVICE_STARTUP</RTE_Components_h>
          <files>
            <file category="sourceAsm" name="startup_gcc.S" condition="GCC"/>
            <file category="sourceAsm" name="startup_iar.s" condition="IAR"/>
            <file category="header" name="widget.h"/>
          </files>
        </component>
        <component Cclass="Device" Cgroup="FPU Math" Cversion="2.0.0" condition="FPU">
          <description>Needs an FPU</description><files><file category="source" name="fpu.c"/></files>
        </component>
      </components>
    </package>
    """

    func addPack() throws {
        let file = directory + "/Acme.Widgets_DFP.pdsc"
        try Self.pack.write(toFile: file, atomically: true, encoding: .utf8)
        let added = try PackManagerBinary.run(["add-packs"] + paths + [file])
        #expect(added.status == 0, "\(added.standardError)")
    }

    func json(_ arguments: [String]) throws -> JSONValue {
        let result = try PackManagerBinary.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.standardError)")
        return try JSONParser.parse(Array(result.standardOutput.utf8))
    }

    @Test func findRanksTheExactNameFirstAndCombinesTerms() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try addPack()
        let hits = try json(["find", "--json"] + paths + ["widget1"]).arrayValue ?? []
        #expect(hits.first?["name"]?.stringValue == "WIDGET1")
        #expect(hits.first?["exact"] == .bool(true))
        #expect(hits.first?["packs"] == .array([.string("Acme.Widgets_DFP.2.0.0")]))
        let names = hits.compactMap { $0["name"]?.stringValue }
        #expect(Set(names) == ["WIDGET1", "WIDGET10", "WIDGET1-LITE"])

        let glob = try json(["find", "--json"] + paths + ["widget?"]).arrayValue ?? []
        #expect(glob.compactMap { $0["name"]?.stringValue } == ["WIDGET1"])

        // --and needs every term, --or any.
        let both = try json(["find", "--json", "--and"] + paths + ["widget", "lite"]).arrayValue ?? []
        #expect(both.compactMap { $0["name"]?.stringValue } == ["WIDGET1-LITE"])
        let either = try json(["find", "--json", "--or"] + paths + ["lite", "sensor"]).arrayValue ?? []
        #expect(Set(either.compactMap { $0["name"]?.stringValue }) == ["WIDGET1-LITE", "Acme::WidgetSensor"])

        let boards = try json(["find", "--json", "--kind", "board"] + paths + ["WIDGET"]).arrayValue ?? []
        #expect(boards.compactMap { $0["name"]?.stringValue } == ["Widget Board"])
        let components = try json(["find", "--json", "--kind", "component"] + paths + ["startup"]).arrayValue ?? []
        #expect(components.compactMap { $0["name"]?.stringValue } == ["Acme::Device:Startup@2.0.0"])

        let nothing = try PackManagerBinary.run(["find"] + paths + ["no-such-thing"])
        #expect(nothing.status == 1)
        #expect(nothing.standardError.contains("nothing matches"))
    }

    @Test func dumpFiltersComponentsByTheirConditions() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try addPack()
        let all = try json(["dump", "components"] + paths).arrayValue ?? []
        #expect(all.count == 2)
        #expect(all[0]["rte_addition"] == .string("#define RTE_DEVICE_STARTUP"))
        #expect(all[0]["is_default"] == .bool(true))
        #expect(all[1]["is_default"] == .bool(false))
        #expect(all[0]["files"]?.arrayValue?.first?["category"] == .string("SourceAsm"))

        // The M0+ variant has no FPU: only the startup component applies.
        let lite = try json(["dump", "components", "--device", "widget1-lite"] + paths).arrayValue ?? []
        #expect(lite.compactMap { $0["group"]?.stringValue } == ["Startup"])
        #expect(lite[0]["applies"] == .string("yes"))
        #expect(lite[0]["files"]?.arrayValue?.compactMap { $0["applies"]?.stringValue } == ["unknown", "unknown", "yes"])

        let gcc = try json(["dump", "components", "--device", "WIDGET1", "--compiler", "GCC"] + paths).arrayValue ?? []
        #expect(gcc.compactMap { $0["group"]?.stringValue } == ["Startup", "FPU Math"])
        #expect(gcc[0]["files"]?.arrayValue?.compactMap { $0["path"]?.stringValue } == ["startup_gcc.S", "widget.h"])

        let unknown = try PackManagerBinary.run(["dump", "components", "--device", "NOPE"] + paths)
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("no device NOPE"))
    }

    @Test func dumpEveryKind() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try addPack()
        let conditions = try json(["dump", "conditions"] + paths).arrayValue ?? []
        #expect(conditions.compactMap { $0["id"]?.stringValue } == ["Widget", "FPU", "GCC", "IAR"])
        #expect(conditions[1]["expressions"]?.arrayValue?.first?["attributes"]?["condition"] == .string("Widget"))
        let examples = try json(["dump", "examples"] + paths).arrayValue ?? []
        #expect(examples.first?["name"] == .string("Blinky"))
        #expect(examples.first?["environments"]?.arrayValue?.first?["load"] == .string("Blinky.csolution.yml"))
        let parts = try json(["dump", "parts"] + paths).arrayValue ?? []
        #expect(parts.first?["Hname"] == .string("WidgetSensor"))
        let boards = try json(["dump", "boards"] + paths).arrayValue ?? []
        #expect(boards.first?["name"] == .string("Widget Board"))
        let devices = try json(["dump", "devices", "lite"] + paths).arrayValue ?? []
        #expect(devices.compactMap { $0["name"]?.stringValue } == ["WIDGET1-LITE"])
        let fromFile = try json(["dump", "components", "--file", directory + "/Acme.Widgets_DFP.pdsc"]).arrayValue ?? []
        #expect(fromFile.count == 2)
        let otherPack = try PackManagerBinary.run(["dump", "boards", "--pack", "Acme.Other"] + paths)
        #expect(otherPack.status == 1)
    }

    @Test func showPackAndBoard() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try addPack()
        let pack = try PackManagerBinary.run(["show"] + paths + ["pack", "acme::widgets_dfp"])
        #expect(pack.status == 0, "\(pack.standardError)")
        #expect(pack.standardOutput.hasPrefix("Acme.Widgets_DFP 2.0.0 (2025-01-01)\n"))
        #expect(pack.standardOutput.contains("Requires:    ARM.CMSIS 6.0.0"))
        #expect(pack.standardOutput.contains("Devices:     WIDGET1, WIDGET10, WIDGET1-LITE"))
        #expect(pack.standardOutput.contains("Components:  2"))
        let packJSON = try json(["show", "--json"] + paths + ["pack", "Acme.Widgets_DFP"])
        #expect(packJSON["examples"] == .array([.string("Blinky")]))
        #expect(packJSON["parts"] == .array([.string("Acme::WidgetSensor")]))

        let board = try PackManagerBinary.run(["show"] + paths + ["board", "widget board"])
        #expect(board.status == 0, "\(board.standardError)")
        #expect(board.standardOutput.hasPrefix("Widget Board (revision B)\n"))
        #expect(board.standardOutput.contains("Mounted:     WIDGET1\n"))
        #expect(board.standardOutput.contains("Debug:       adapter=CMSIS-DAP connector=USB"))

        let missing = try PackManagerBinary.run(["show"] + paths + ["pack", "Acme.Gadgets"])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("no pack named 'Acme.Gadgets'"))
    }
}
