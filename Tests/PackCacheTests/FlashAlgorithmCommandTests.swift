import CMSISPack
import Foundation
import Testing
import TestSupport

/// `algo` and `export`, run as a user runs them, on corpus packs.
@Suite struct FlashAlgorithmCommandTests {
    let directory = Corpus.temporaryDirectory("algo")
    var paths: [String] { ["--data-path", directory, "--json-path", directory] }
    static let gd32 = Corpus.path("packs/GigaDevice.GD32F10x_DFP.2.0.2.pack")

    func run(_ arguments: [String], status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation) throws -> CommandResult {
        try Corpus.requireAvailable()
        let result = try PackManagerBinary.run(arguments)
        #expect(result.status == status, "\(arguments): \(result.standardError)", sourceLocation: sourceLocation)
        return result
    }

    @Test func algoPrintsWhatTheFileSays() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let text = try run(["algo", "GD32F103C8", "--file", Self.gd32] + paths).standardOutput
        for expected in ["GD32F103C8 (GigaDevice::GD32F10x_DFP@2.0.2)", "Flash/GD32F10x_MD.FLM  [default]",
                         "range        0x08000000–0x08020000 (128 KiB)", "sectors      128 × 1 KiB from 0x08000000",
                         "page size    1 KiB; erased value 0xFF", "time-outs    program page 100 ms, erase sector 3000 ms",
                         "entry points Init 0x1, UnInit 0x35, EraseChip 0x43, EraseSector 0x71, ProgramPage 0xA1",
                         "image        260 bytes: code 0x0–0xFC, data 0xFC–0x104, zero-initialised none; static base 0xFC"] {
            #expect(text.contains(expected), "algo prints \(expected):\n\(text)")
        }
    }

    /// From the index: a pack `add-packs` read is found where it was read.
    @Test func algoJSONFromTheIndex() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try run(["add-packs"] + paths + [Corpus.path("packs/NXP.MK64F12_DFP.11.0.0.pack")])
        let output = try run(["algo", "mk64fx512vll12", "--json"] + paths).standardOutput
        let json = try JSONParser.parse(Array(output.utf8))
        #expect(json["device"]?.stringValue == "MK64FX512VLL12")
        let algorithms = json["algorithms"]?.arrayValue ?? []
        #expect(algorithms.compactMap { $0["file"]?.stringValue } == ["arm/MK_P512X.FLM", "arm/MKD128_4KB_SECTOR.FLM"])
        #expect(algorithms.first?["ram_start"]?.uint64Value == 0x2000_0000)
        let parsed = algorithms.last?["parsed"]
        #expect(parsed?["device"]?["name"]?.stringValue == "MKXX 128kB DFlash SEC(4KB)")
        #expect(parsed?["device"]?["start"]?.uint64Value == 0x1000_0000 && parsed?["device"]?["page_size"]?.uint64Value == 0x200)
        #expect(parsed?["entry_points"]?["BlankCheck"]?.uint64Value == 0x59)
        #expect(parsed?["zero_initialized"]?["size"]?.uint64Value == 0x28)
    }

    @Test func pyOCDDictionaries() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let nxp = Corpus.path("packs/NXP.MK64F12_DFP.11.0.0.pack")
        let text = try run(["algo", "MK64FX512VLL12", "--file", nxp, "--format", "pyocd"]).standardOutput
        #expect(text.contains("FLASH_ALGO = {") && text.contains("FLASH_ALGO_MKD128_4KB_SECTOR = {"))
        #expect(text.contains("    'instructions' : [\n        0xE7FDBE00, "))
        // RAMstart 0x20000000, RAMsize 0x1000: the code at the top of it, buffers below, the stack from the start.
        #expect(text.contains("'end_stack' : 0x20000000,"))
        let file = directory + "/k64.py"
        let written = try run(["export", "pyocd", "MK64FX512VLL12", "--file", nxp, "-o", file])
        #expect(written.standardOutput.contains("k64.py: flash algorithms of MK64FX512VLL12"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == text, "the same as algo --format pyocd prints")
    }

    @Test func exportProbeRSWritesADescriptionAndReplacesOnlyItsOwn() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/gd32.yaml"
        let result = try run(["export", "probe-rs", Self.gd32, "-o", file])
        #expect(result.standardOutput.contains("gd32.yaml: GD32F10x Series, 106 devices, 4 flash algorithms"), "\(result.standardOutput)")
        #expect(try ProbeRSSchema.check(String(contentsOfFile: file, encoding: .utf8)) == [])
        _ = try run(["export", "probe-rs", Self.gd32, "--device", "GD32F103C8", "-o", file])
        #expect(try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\n- name: ").count == 3, "one variant, one algorithm")

        // Someone's own file is not replaced.
        let foreign = directory + "/notes.yaml"
        try Data("my notes\n".utf8).write(to: URL(fileURLWithPath: foreign))
        let refused = try run(["export", "probe-rs", Self.gd32, "-o", foreign], status: 1)
        #expect(refused.standardError.contains("not a probe-rs target description pack-manager wrote"))
        #expect(try String(contentsOfFile: foreign, encoding: .utf8) == "my notes\n")
    }

    @Test func aBadAlgorithmFileIsNamedAndTheRestStillShown() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pack = directory + "/Acme.Bad.1.0.0.pack"
        let pdsc = """
            <?xml version="1.0" encoding="UTF-8"?>
            <package schemaVersion="1.7.36"><vendor>Acme</vendor><name>Bad</name><description>d</description>
              <url>https://example.com/</url><releases><release version="1.0.0">r</release></releases>
              <devices><family Dfamily="Bad" Dvendor="Acme:999"><processor Dcore="Cortex-M4"/>
                <memory name="FLASH" access="rx" start="0" size="0x10000" default="1" startup="1"/>
                <memory name="RAM" access="rwx" start="0x20000000" size="0x1000" default="1"/>
                <device Dname="BAD1"><algorithm name="Flash\\Junk.FLM" start="0" size="0x10000" default="1"/>
                  <algorithm name="Flash\\Absent.FLM" start="0" size="0x10000"/></device>
              </family></devices>
            </package>
            """
        try ZipBuilder.write([.file("Acme.Bad.pdsc", Data(pdsc.utf8)), .file("Flash/Junk.FLM", Data("not an ELF file at all".utf8))], to: pack)
        let shown = try run(["algo", "BAD1", "--file", pack], status: 1).standardOutput
        #expect(shown.contains("\(pack)!/Flash/Junk.FLM: not an ELF file"), "\(shown)")
        #expect(shown.contains("\(pack)!/Flash/Absent.FLM: no member 'Flash/Absent.FLM'"), "\(shown)")
        let exported = try run(["export", "probe-rs", pack], status: 0)
        #expect(exported.standardError.contains("warning: flash algorithm left out: \(pack)!/Flash/Junk.FLM: not an ELF file"))
        #expect(exported.standardOutput.contains("- name: \"BAD1\""))
        let noDevice = try run(["algo", "NOPE", "--file", pack], status: 1)
        #expect(noDevice.standardError.contains("error: \(pack): defines no device NOPE; it defines BAD1"))
    }
}
