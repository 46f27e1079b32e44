import CMSISPack
import Foundation
@testable import PackCache
import Testing
import TestSupport
import Yams

/// `export probe-rs`: target descriptions made from the corpus packs, read
/// back with a YAML reader and checked against probe-rs-target's types.
@Suite struct ProbeRSTargetTests {
    static let packsWithAlgorithms = ["GigaDevice.GD32F10x_DFP.2.0.2.pack", "HDSC.HC32L110.1.0.3.pack", "Holtek.HT32F675x5_DFP.1.0.5.pack",
                                      "NXP.MK64F12_DFP.11.0.0.pack"]

    static func build(_ pack: String, devices names: [String]? = nil) throws -> (OpenedPack, ProbeRSTarget.Built) {
        try Corpus.requireAvailable()
        let opened = try OpenedPack.file(Corpus.path("packs/" + pack))
        let devices = try names.map { try $0.map { try #require(opened.device(named: $0)) } } ?? opened.devices
        return (opened, ProbeRSTarget.build(opened.parsed(devices: devices), devices: devices))
    }

    @Test(arguments: packsWithAlgorithms)
    func everyCorpusPackGivesADescriptionProbeRSReads(pack: String) throws {
        let (opened, built) = try Self.build(pack)
        // Holtek's pack defines ARMCM0P without memory, which probe-rs cannot use.
        #expect(built.warnings.allSatisfy { $0.hasSuffix(": left out, it has no memory with a start and a size") }, "\(built.warnings)")
        #expect(built.target.variants.count + built.warnings.count == opened.devices.count)
        let yaml = built.target.yaml
        #expect(yaml.hasPrefix(ProbeRSTarget.fileHeader + "\n"))
        #expect(try ProbeRSSchema.check(yaml) == [])

        // Read back, every algorithm is the file's image and offsets.
        let root = try #require(try Yams.compose(yaml: yaml))
        for node in root["flash_algorithms"]?.sequence ?? [] {
            let name = try #require(node["name"]?.string)
            let declared = try #require(opened.devices.flatMap(\.properties.algorithms).first {
                (($0.fileName ?? "") as NSString).lastPathComponent.lowercased() == name + ".flm"
            })
            let algorithm = try opened.flashAlgorithm(try #require(declared.fileName))
            #expect(Data(base64Encoded: node["instructions"]?.string ?? "").map(Array.init) == algorithm.image, "\(name)")
            #expect(node["pc_program_page"]?.string == hex(optional: algorithm.entryPoints[.programPage]))
            #expect(node["pc_erase_sector"]?.string == hex(optional: algorithm.entryPoints[.eraseSector]))
            #expect(node["pc_init"]?.string == algorithm.entryPoints[.initialize].map(hex) ?? "null")
            #expect(node["data_section_offset"]?.string == hex(algorithm.staticBase))
            #expect(node["description"]?.string == algorithm.device.name)
            let flash = node["flash_properties"]
            #expect(flash?["address_range"]?["start"]?.string == hex(algorithm.device.start))
            #expect(flash?["page_size"]?.string == hex(algorithm.device.pageSize))
            #expect(flash?["sectors"]?.sequence?.count == algorithm.device.sectors.count)
        }
        // Every variant is a device of the pack with its memories.
        for node in root["variants"]?.sequence ?? [] {
            let device = try #require(opened.device(named: node["name"]?.string ?? ""))
            let ranges = Set((node["memory_map"]?.sequence ?? []).compactMap { $0["range"]?["start"]?.string })
            #expect(ranges == Set(device.properties.memories.compactMap { $0.start.map { hex($0) } }), "\(device.name)")
        }
    }

    /// The values probe-rs's own target file for this family lists
    /// (probe-rs/targets/GD32F10x_Series.yaml, made by target-gen from pack 2.0.3).
    @Test func gd32f103c8AsProbeRSDescribesIt() throws {
        let (_, built) = try Self.build("GigaDevice.GD32F10x_DFP.2.0.2.pack", devices: ["GD32F103C8"])
        let root = try #require(try Yams.compose(yaml: built.target.yaml))
        #expect(root["name"]?.string == "GD32F10x Series")
        #expect(root["pack_file_release"]?.string == "2.0.2")
        let chip = try #require(root["variants"]?.sequence?.first)
        let core = try #require(chip["cores"]?.sequence?.first)
        #expect(core["name"]?.string == "main" && core["type"]?.string == "armv7m")
        #expect(core["core_access_options"]?.tag.description == "!Arm")
        #expect(core["core_access_options"]?["ap"]?.tag.description == "!v1" && core["core_access_options"]?["ap"]?.string == "0")
        let regions = chip["memory_map"]?.sequence.map(Array.init) ?? []
        #expect(regions.map(\.tag.description) == ["!Ram", "!Nvm"])
        #expect(regions.first?["range"]?["start"]?.string == "0x20000000" && regions.first?["range"]?["end"]?.string == "0x20005000")
        #expect(regions.first?["access"] == nil, "a lone RAM is read, write and execute: probe-rs's default")
        #expect(regions.last?["name"]?.string == "IROM1" && regions.last?["range"]?["end"]?.string == "0x8010000")
        #expect(regions.last?["access"]?["write"]?.bool == false && regions.last?["access"]?["boot"]?.bool == true)
        #expect(chip["flash_algorithms"]?.sequence?.compactMap(\.string) == ["gd32f10x_md"])
        let algorithm = try #require(root["flash_algorithms"]?.sequence?.first)
        for (key, value) in [("pc_init", "0x1"), ("pc_uninit", "0x35"), ("pc_program_page", "0xa1"), ("pc_erase_sector", "0x71"),
                             ("pc_erase_all", "0x43"), ("data_section_offset", "0xfc")] {
            #expect(algorithm[key]?.string == value, "\(key)")
        }
        #expect(algorithm["description"]?.string == "GD32F10x Medium-density FMC ")
        #expect(algorithm["default"]?.bool == true)
        #expect(Data(base64Encoded: algorithm["instructions"]?.string ?? "")?.count == 0x104)
        let flash = algorithm["flash_properties"]
        #expect(flash?["address_range"]?["start"]?.string == "0x8000000" && flash?["address_range"]?["end"]?.string == "0x8020000")
        #expect(flash?["page_size"]?.string == "0x400" && flash?["erased_byte_value"]?.string == "0xff")
        #expect(flash?["program_page_timeout"]?.string == "100" && flash?["erase_sector_timeout"]?.string == "3000")
        #expect(flash?["sectors"]?.sequence?.first?["size"]?.string == "0x400" && flash?["sectors"]?.sequence?.first?["address"]?.string == "0x0")
    }

    @Test func namesFromAPackReadBackExactly() throws {
        let hostile = ["quote \" and back\\slash", "new\nline", "tab\there", "😀 emoji", "nel\u{85}ls\u{2028}", "- not: a list", "0x10", "yes",
                       "'single'", "!tag", "&anchor", "*alias", "# comment", "null", "", " padded "]
        let target = ProbeRSTarget(
            name: hostile.joined(separator: "|"), packFileRelease: "1.0",
            variants: hostile.enumerated().map { index, name in
                .init(name: name + "\(index)", cores: [.init(name: "main", type: "armv7m", accessPort: .v2(0x8000_0000), debugBase: nil)],
                      memoryMap: [.init(kind: .ram, name: name, range: 0x2000_0000..<0x2000_1000, cores: ["main"], access: .init())],
                      flashAlgorithms: [])
            },
            flashAlgorithms: [])
        #expect(try ProbeRSSchema.check(target.yaml) == [])
        let root = try #require(try Yams.compose(yaml: target.yaml))
        #expect(root["name"]?.string == hostile.joined(separator: "|"))
        #expect(root["pack_file_release"]?.string == "1.0", "a version stays a string")
        let variants = root["variants"]?.sequence.map(Array.init) ?? []
        #expect(variants.map { $0["name"]?.string } == hostile.enumerated().map { "\($1)\($0)" })
        #expect(variants.map { $0["memory_map"]?.sequence?.first?["name"]?.string } == hostile)
        #expect(variants.first?["cores"]?.sequence?.first?["core_access_options"]?["ap"]?.string == "0x80000000")
    }

    @Test func devicesProbeRSCannotDriveAreLeftOutWithAReason() throws {
        let description = try PackDescriptionReader.read(bytes: Array(Self.unusualPack.utf8), source: "test.pdsc").description
        let devices = description.devices.effectiveDevices()
        let parsed = ParsedPack(vendor: "Acme", name: "Odd", release: "1.0.0",
                                entries: Dictionary(DeviceIndexBuilder.build(description).devices.map { ($0.name, $0) }) { a, _ in a },
                                algorithms: ["Flash/Missing.FLM": .failure(FlashAlgorithmError(source: "x.pack!/Flash/Missing.FLM", reason: "no member"))])
        let built = ProbeRSTarget.build(parsed, devices: devices)
        #expect(built.target.variants.map(\.name) == ["M33"])
        #expect(built.warnings.contains("A53: left out, probe-rs cannot drive its CortexA53 core"))
        #expect(built.warnings.contains("NOMEM: left out, it has no memory with a start and a size"))
        #expect(built.warnings.contains("flash algorithm left out: x.pack!/Flash/Missing.FLM: no member"))
        // Two cores of one processor, and a memory of one of them.
        let chip = try #require(built.target.variants.first)
        #expect(chip.cores.map(\.name) == ["cm33_0", "cm33_1"])
        #expect(chip.memoryMap.map(\.cores) == [["cm33_0", "cm33_1"], ["cm33_0", "cm33_1"]])
        #expect(try ProbeRSSchema.check(built.target.yaml) == [])
    }

    static let unusualPack = """
    <?xml version="1.0" encoding="UTF-8"?>
    <package schemaVersion="1.7.36">
      <vendor>Acme</vendor><name>Odd</name><description>d</description><url>https://example.com/</url>
      <releases><release version="1.0.0">r</release></releases>
      <devices>
        <family Dfamily="Odd" Dvendor="Acme:999">
          <device Dname="A53"><processor Dcore="Cortex-A53"/><memory name="RAM" access="rwx" start="0" size="0x1000" default="1"/></device>
          <device Dname="NOMEM"><processor Dcore="Cortex-M4"/></device>
          <device Dname="M33"><processor Pname="CM33" Punits="2" Dcore="Cortex-M33"/>
            <memory name="FLASH" access="rx" start="0" size="0x1000" default="1" startup="1"/>
            <memory name="RAM" access="rwx" start="0x20000000" size="0x1000" default="1"/>
            <algorithm name="Flash\\Missing.FLM" start="0" size="0x1000" default="1"/>
          </device>
        </family>
      </devices>
    </package>
    """

    private func hex<T: BinaryInteger>(_ value: T) -> String { "0x" + String(value, radix: 16) }
    private func hex<T: BinaryInteger>(optional value: T?) -> String? { value.map { "0x" + String($0, radix: 16) } }
}
