import CMSISPack
import Foundation
import Testing
import TestSupport

/// `pack-manager check`, run as a process: output, exit status, options.
@Suite struct CheckCommandTests {
    let directory = Corpus.temporaryDirectory("check-cli")
    /// No schema anywhere unless a test puts one there.
    var environment: [String: String] { ["CMSIS_PACK_ROOT": directory + "/packs", "CMSIS_PACK_SCHEMA": ""] }

    /// A pack description that passes, with `replace` applied, beside its
    /// licence file (packchk looks the files up: M323 without it).
    func write(_ replace: [String: String] = [:], name: String = "TestVendor.TestPack.pdsc") throws -> String {
        var text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <package schemaVersion="1.7.36" xmlns:xs="http://www.w3.org/2001/XMLSchema-instance">
              <vendor>TestVendor</vendor>
              <name>TestPack</name>
              <description>Test pack</description>
              <url>https://example.com/packs/</url>
              <license>License.txt</license>
              <releases>
                <release version="1.0.0" date="2024-01-01">First release</release>
              </releases>
            </package>
            """
        for (old, new) in replace { text = text.replacingOccurrences(of: old, with: new) }
        let path = directory + "/" + name
        try FileBytes.writeAtomically(Array(text.utf8), to: path)
        try FileBytes.writeAtomically(Array("Licence".utf8), to: directory + "/License.txt")
        return path
    }

    @Test func aCleanDescriptionPassesWithANoteAboutTheSchema() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try write()
        let result = try PackManagerBinary.run(["check", path], environment: environment)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("\(path): info: [PM003] schema validation skipped: no PACK.xsd found"))
        #expect(lines[0].contains(directory + "/packs/ARM/CMSIS/*/CMSIS/Utilities/PACK.xsd"))
        // The one file it names is not beside it: a description alone.
        #expect(lines[1] == "\(path): 0 errors, 0 warnings, 1 info; schema validation skipped")
    }

    @Test func errorsFailWithFileLineSeverityAndId() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try write(["date=\"2024-01-01\"": "date=\"2024-1-1\""])
        let result = try PackManagerBinary.run(["check", path], environment: environment)
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("\(path):9: error: [PM204] release 1.0.0 has date '2024-1-1'"))
        #expect(result.standardOutput.contains("1 error, 0 warnings, 1 info"))

        let suppressed = try PackManagerBinary.run(["check", "--suppress", "PM204,PM003", path], environment: environment)
        #expect(suppressed.status == 0)
        #expect(suppressed.standardOutput.hasSuffix("0 errors, 0 warnings, 0 infos (2 suppressed); schema validation skipped\n"))
    }

    @Test func warningsPassUnlessPromoted() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try write(["https://example.com/packs/": "https://example.com/packs"])
        let plain = try PackManagerBinary.run(["check", path], environment: environment)
        #expect(plain.status == 0)
        #expect(plain.standardOutput.contains("\(path):6: warning: [PM112/M316]"))

        let strict = try PackManagerBinary.run(["check", "--warnings-as-errors", path], environment: environment)
        #expect(strict.status == 1)
        #expect(strict.standardOutput.contains("\(path):6: error: [PM112/M316]"))

        // packchk's id suppresses the same finding (PM112 is packchk's M316).
        let packchk = try PackManagerBinary.run(["check", "--warnings-as-errors", "--suppress", "M316", path], environment: environment)
        #expect(packchk.status == 0)
    }

    @Test func jsonReportsEveryFindingWithItsPackchkId() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try write(["https://example.com/packs/": "http://example.com/packs"], name: "Wrong.Name.pdsc")
        let result = try PackManagerBinary.run(["check", "--json", path], environment: environment)
        #expect(result.status == 1)
        #expect(result.standardOutput.hasSuffix("}\n"))
        let report = try JSONParser.parse(Array(result.standardOutput.utf8))
        #expect(report["file"]?.stringValue == path)
        #expect(report["kind"]?.stringValue == "pdsc")
        #expect(report["schema"]?.isNull == true)
        #expect(report["filesChecked"]?.boolValue == true)
        #expect(report["passed"]?.boolValue == false)
        let findings = try #require(report["findings"]?.arrayValue)
        #expect(findings.compactMap { $0["id"]?.stringValue } == ["PM003", "PM101", "PM111", "PM112"])
        let name = try #require(findings.first { $0["id"]?.stringValue == "PM101" })
        #expect(name["severity"]?.stringValue == "error")
        #expect(name["file"]?.stringValue == path)
        #expect(name["line"]?.uint64Value == 4)
        #expect(name["packchk"]?.stringValue == "M207")
        #expect(name["message"]?.stringValue?.contains("'TestVendor.TestPack.pdsc'") == true)
        #expect(findings.first { $0["id"]?.stringValue == "PM111" }?["packchk"]?.stringValue == "M300")
        #expect(findings.first?["packchk"]?.isNull == true)
        #expect(findings.first?["line"]?.isNull == true)
        #expect(report["counts"]?["error"]?.uint64Value == 1)
        #expect(report["counts"]?["warning"]?.uint64Value == 2)
        #expect(report["counts"]?["info"]?.uint64Value == 1)
    }

    @Test func schemaFromTheOptionTheVariableOrTheInstalledCMSISPack() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try write(["  <releases>": "  <bogus/>\n  <releases>"])
        let schema = Corpus.path("schema/PACK.xsd")

        let given = try PackManagerBinary.run(["check", "--schema", schema, path], environment: environment)
        #expect(given.status == 1)
        #expect(given.standardOutput.contains("\(path):8: error: [PM002/M511] Element 'bogus': This element is not expected."))
        #expect(given.standardOutput.contains("; validated against \(schema)"))
        #expect(!given.standardOutput.contains("PM003"))

        let variable = try PackManagerBinary.run(["check", path], environment: ["CMSIS_PACK_SCHEMA": schema, "CMSIS_PACK_ROOT": directory])
        #expect(variable.standardOutput.contains("; validated against \(schema)"))

        let utilities = directory + "/packs/ARM/CMSIS/6.1.0/CMSIS/Utilities"
        try FileManager.default.createDirectory(atPath: utilities, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: schema, toPath: utilities + "/PACK.xsd")
        let installed = try PackManagerBinary.run(["check", path], environment: environment)
        #expect(installed.status == 1)
        #expect(installed.standardOutput.contains("[PM002/M511]"))
        #expect(installed.standardOutput.contains("; validated against \(utilities)/PACK.xsd"))
    }

    @Test func anUnusableInstalledSchemaIsSkippedWithItsReason() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try write()
        let utilities = directory + "/packs/ARM/CMSIS/6.1.0/CMSIS/Utilities"
        try FileManager.default.createDirectory(atPath: utilities, withIntermediateDirectories: true)
        try FileBytes.writeAtomically(Array("<notASchema/>".utf8), to: utilities + "/PACK.xsd")
        let result = try PackManagerBinary.run(["check", path], environment: environment)
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("[PM003] schema validation skipped: \(utilities)/PACK.xsd: not a usable XML schema"))
    }

    @Test func usageErrorsExitWith1AsPackchk() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try write()
        let missing = try PackManagerBinary.run(["check", directory + "/none.pdsc"], environment: environment)
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("no such file or folder"))
        let unknownID = try PackManagerBinary.run(["check", "--suppress", "PM999", path], environment: environment)
        #expect(unknownID.status == 1)
        #expect(unknownID.standardError.contains("unknown id 'PM999'"))
        let badSchema = try PackManagerBinary.run(["check", "--schema", directory + "/none.xsd", path], environment: environment)
        #expect(badSchema.status == 1)
        let notSchema = try PackManagerBinary.run(["check", "--xsd", path, path], environment: environment)
        #expect(notSchema.status == 1)
        #expect(notSchema.standardError.contains("not a usable XML schema"))
        let unknownOption = try PackManagerBinary.run(["check", path, "--invalid"], environment: environment)
        #expect(unknownOption.status == 1)
        // Other commands exit 2 for usage errors.
        let other = try PackManagerBinary.run(["find", "--invalid"], environment: environment)
        #expect(other.status == 2)
    }

    @Test func packchkCommandLinesCarryOver() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try write(["https://example.com/packs/": "https://example.com/packs", "<license>License.txt</license>": ""])
        // Any packchk id, several after one -x, the path after them.
        let ids = try PackManagerBinary.run(["check", "-x", "M316", "M382", "M603", path], environment: environment)
        #expect(ids.status == 0, "\(ids.standardError)")
        #expect(!ids.standardOutput.contains("PM112") && !ids.standardOutput.contains("PM901"))
        // -x keeps errors unless --allow-suppress-error.
        let error = try write(["date=\"2024-01-01\"": "date=\"2024-1-1\""], name: "Other.Pack.pdsc")
        #expect(try PackManagerBinary.run(["check", error, "-x", "M207", "--disable-validation"], environment: environment).status == 1)
        #expect(try PackManagerBinary.run(["check", error, "-x", "M207", "--suppress", "PM204", "--allow-suppress-error"],
                                          environment: environment).status == 0)
        // -x !ID lists only that id; -w0 lists errors only.
        let only = try PackManagerBinary.run(["check", path, "-x", "!M316"], environment: environment)
        #expect(only.standardOutput.split(separator: "\n").filter { $0.contains("[PM") }.map { $0.contains("[PM112/M316]") } == [true])
        let errorsOnly = try PackManagerBinary.run(["check", "-w0", path], environment: environment)
        #expect(!errorsOnly.standardOutput.contains("warning:") && !errorsOnly.standardOutput.contains("info:"))
        // --disable-validation leaves out the schema note.
        #expect(!(try PackManagerBinary.run(["check", "--disable-validation", path], environment: environment)).standardOutput.contains("PM003"))
    }

    @Test func packchkFilesAndURL() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try write()
        let name = directory + "/out/packname.txt", log = directory + "/out/log.txt"
        try FileManager.default.createDirectory(atPath: directory + "/out", withIntermediateDirectories: true)
        let result = try PackManagerBinary.run(["check", path, "-n", name, "-b", log, "-u", "https://example.com/packs"], environment: environment)
        #expect(result.status == 0)
        #expect(result.standardOutput.isEmpty)
        #expect(try String(contentsOfFile: name, encoding: .utf8) == "TestVendor.TestPack.1.0.0.pack\n")
        #expect(try String(contentsOfFile: log, encoding: .utf8).contains("0 errors"))
        // A rerun replaces its own log and name file, but never someone else's file.
        #expect(try PackManagerBinary.run(["check", path, "-n", name, "-b", log], environment: environment).status == 0)
        let notes = directory + "/out/notes.txt"
        try "my notes\n".write(toFile: notes, atomically: true, encoding: .utf8)
        for flag in ["-b", "-n"] {
            let refused = try PackManagerBinary.run(["check", path, flag, notes], environment: environment)
            #expect(refused.status != 0)
            #expect(refused.standardError.contains("not written"))
            #expect(try String(contentsOfFile: notes, encoding: .utf8) == "my notes\n")
        }
        let other = try PackManagerBinary.run(["check", path, "-u", "https://elsewhere.example.com/"], environment: environment)
        #expect(other.status == 1)
        #expect(other.standardOutput.contains("[PM116/M301]"))
        for flag in ["-V", "--version"] {
            let version = try PackManagerBinary.run(["check", flag], environment: environment)
            #expect(version.status == 0)
            #expect(version.standardOutput.hasPrefix("pack-manager "))
        }
    }

    @Test func aDescriptionWithoutItsFilesFailsUnlessNoFileLookup() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try write()
        try FileManager.default.removeItem(atPath: directory + "/License.txt")
        let looked = try PackManagerBinary.run(["check", path], environment: environment)
        #expect(looked.status == 1)
        #expect(looked.standardOutput.contains("error: [PM401/M323] licence file 'License.txt' is not in the pack"))
        let alone = try PackManagerBinary.run(["check", "--no-file-lookup", path], environment: environment)
        #expect(alone.status == 0)
        #expect(alone.standardOutput.hasSuffix("; files not looked up\n"))
    }

    @Test func severalInputsAndAFolderOfDescriptions() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try write()
        let second = try write(["<name>TestPack</name>": "<name>Second</name>"], name: "TestVendor.Second.1.0.0.pdsc")
        let both = try PackManagerBinary.run(["check", "--json", first, second], environment: environment)
        #expect(both.status == 0)
        let value = try JSONParser.parse(Array(both.standardOutput.utf8))
        #expect(value["reports"]?.arrayValue?.count == 2)
        #expect(value["passed"]?.boolValue == true)
        let folder = try PackManagerBinary.run(["check", directory], environment: environment)
        #expect(folder.status == 0)
        #expect(folder.standardOutput.contains("2 descriptions checked: 2 passed, 0 failed"))
        #expect(folder.standardOutput.contains("\(second): 0 errors"))
    }

    @Test func referencePacksResolveBoardsAndRequirements() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try write(["</releases>": """
            </releases>
              <requirements><packages><package vendor="Other" name="DFP" version="1.0.0"/></packages></requirements>
            """])
        let other = directory + "/ref/Other.DFP.pdsc"
        try FileManager.default.createDirectory(atPath: directory + "/ref", withIntermediateDirectories: true)
        try FileBytes.writeAtomically(Array("""
            <package schemaVersion="1.7.36"><vendor>Other</vendor><name>DFP</name><description>D</description><url>https://o/</url>
            <releases><release version="1.2.0" date="2024-01-01">R</release></releases></package>
            """.utf8), to: other)
        let without = try PackManagerBinary.run(["check", path], environment: environment)
        #expect(without.standardOutput.contains("[PM803/M382]"))
        let with = try PackManagerBinary.run(["check", path, "-i", other], environment: environment)
        #expect(!with.standardOutput.contains("PM803"))
        let unreadable = try PackManagerBinary.run(["check", path, "-i", path + ".missing"], environment: environment)
        #expect(unreadable.status == 1)
    }

    @Test func aCorpusPackWithMissingFiles() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pack = Corpus.path("packs/Nuvoton.NuMicro_M051_BSP.1.0.0.pack")
        let result = try PackManagerBinary.run(["check", "--schema", Corpus.path("schema/PACK.xsd"), pack], environment: environment)
        #expect(result.status == 1)
        #expect(result.standardOutput.contains(
            "\(pack)!/Nuvoton.NuMicro_M051_BSP.pdsc:242: error: [PM401/M323] folder of example 'Template' 'Boards/M051/Template' is not in the pack"))
        // The board's <compatibleDevice> names only a family: packchk's M368.
        #expect(result.standardOutput.contains("[PM512/M368]"))
        #expect(result.standardOutput.contains("\(pack): 3 errors, "))
        #expect(result.standardOutput.hasSuffix("; validated against \(Corpus.path("schema/PACK.xsd"))\n"))
    }
}
