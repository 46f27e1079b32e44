import CMSISPack
import Foundation
import Testing
import TestSupport

/// The `pack-manager` commands that work on local files, run as a process.
@Suite struct CommandLineTests {
    let directory = Corpus.temporaryDirectory("cli")
    var paths: [String] { ["--data-path", directory, "--json-path", directory] }

    func addCorpus(_ files: [String]) throws -> CommandResult {
        try PackManagerBinary.run(["add-packs"] + paths + files.map { Corpus.path("pdsc/" + $0) })
    }

    @Test func addPacksThenFindAndShow() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let added = try addCorpus(["Keil.STM32F4xx_DFP.pdsc", "Infineon.XMC4000_DFP.pdsc"])
        #expect(added.status == 0, "\(added.standardError)")
        for file in ["index.json", "aliases.json", "packs.json"] {
            #expect(FileManager.default.fileExists(atPath: directory + "/" + file))
        }

        let all = try PackManagerBinary.run(["find-part"] + paths + ["stm32f407", "VG"])
        #expect(all.status == 0)
        // print(yaml.safe_dump(names)): the document, then an empty line, as the reference.
        #expect(all.standardOutput == "- STM32F407VGTx\n\n")

        let any = try PackManagerBinary.run(["find-part", "--or"] + paths + ["STM32F407VG", "XMC4500-F100"])
        #expect(any.standardOutput.split(separator: "\n").count >= 3)
        #expect(any.standardOutput.contains("- XMC4500-F100"))

        let boards = try PackManagerBinary.run(["find-part", "-a"] + paths + ["relax"])
        #expect(boards.standardOutput.contains("- XMC4500 Relax Kit"))
        #expect(!boards.standardOutput.contains("XMC4500-F100"))

        let long = try PackManagerBinary.run(["find-part", "--long"] + paths + ["STM32F407VGTx"])
        // PyYAML's flow style for collections of scalars (python/tests/test_find_part_yaml.py compares all of it).
        #expect(long.standardOutput.contains("STM32F407VGTx:\n  algorithms:\n  - {default: true, file_name: CMSIS/Flash/STM32F4xx_1024.FLM,"))
        #expect(long.standardOutput.contains("file_name: CMSIS/Flash/STM32F4xx_1024.FLM"))

        let json = try PackManagerBinary.run(["find-part", "--long", "--json"] + paths + ["STM32F407VGTx"])
        let parsed = try JSONParser.parse(Array(json.standardOutput.utf8))
        #expect(parsed["STM32F407VGTx"]?["from_pack"]?["pack"]?.stringValue == "STM32F4xx_DFP")

        let show = try PackManagerBinary.run(["show"] + paths + ["stm32f407vgtx"])
        #expect(show.status == 0)
        #expect(show.standardOutput.hasPrefix("STM32F407VGTx\n"))
        #expect(show.standardOutput.contains("CortexM4"))
        #expect(show.standardOutput.contains("CMSIS/Flash/STM32F4xx_1024.FLM  0x08000000 1 MiB"))

        let showJSON = try PackManagerBinary.run(["show", "--json"] + paths + ["XMC4500-F100x1024"])
        let summary = try JSONParser.parse(Array(showJSON.standardOutput.utf8))
        #expect(summary["boards"]?.arrayValue?.contains(.string("XMC4500 Relax Kit")) == true)

        let missing = try PackManagerBinary.run(["show"] + paths + ["STM32F407"])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("no device named 'STM32F407'"))
        #expect(missing.standardOutput.contains("Similar names:"))
    }

    @Test func brokenFilesAreReportedAndTheRestIsAdded() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let truncated = directory + "/Broken.Pack.pdsc"
        let bytes = try FileBytes.read(Corpus.path("pdsc/Keil.STM32F4xx_DFP.pdsc"))
        try FileBytes.writeAtomically(bytes.prefix(50_000), to: truncated)
        let result = try PackManagerBinary.run(["add-packs"] + paths + [truncated, Corpus.path("pdsc/WestBerry.WB32F10x_DFP.pdsc")])
        #expect(result.status == 1)
        // One line: file:line:column: error: reason.
        let line = try #require(result.standardError.split(separator: "\n").first { $0.contains("Broken.Pack.pdsc:") })
        #expect(line.contains(": error: "))
        #expect(line.split(separator: ":").count >= 4)
        #expect(!result.standardError.contains("Fatal error"))
        let index = try DeviceIndex.read(IndexPaths(directory: directory))
        #expect(index.devices["WB32F103CB"] != nil)
    }

    @Test func everyCorpusFileAndPackGoesInWithoutACrash() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try PackManagerBinary.run(["add-packs"] + paths + [Corpus.path("pdsc"), Corpus.path("packs")])
        #expect(result.status == 0, "\(result.standardError)")
        let index = try DeviceIndex.read(IndexPaths(directory: directory))
        #expect(index.devices.count > 2800)
        #expect(index.packs.count >= 50)
    }

    @Test func addingTwiceGivesTheSameBytes() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = ["Keil.STM32H7xx_DFP.pdsc", "older-versions/xpacks+stm32f4-cmsis/Keil.STM32F4xx_DFP.pdsc", "Keil.STM32F4xx_DFP.pdsc"]
        _ = try addCorpus(files)
        let first = try FileBytes.read(directory + "/index.json")
        _ = try addCorpus(files.reversed())
        #expect(try FileBytes.read(directory + "/index.json") == first)
        // The newer STM32F4xx_DFP wins over the 2.11.0 copy, and show lists both.
        let show = try PackManagerBinary.run(["show"] + paths + ["STM32F407VGTx"])
        #expect(show.standardOutput.contains("Also defined by:\n    Keil.STM32F4xx_DFP 2.11.0"))
    }

    @Test func dumpBoardsAndParts() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try addCorpus(["Infineon.XMC4000_DFP.pdsc", "Keil.STM32H745I-DISCO_BSP.pdsc"])
        let boards = try PackManagerBinary.run(["dump", "boards"] + paths)
        #expect(boards.status == 0, "\(boards.standardError)")
        let list = try #require(try JSONParser.parse(Array(boards.standardOutput.utf8)).arrayValue)
        #expect(list.count == 12)
        let disco = try #require(list.first { $0["name"]?.stringValue == "STM32H745I-DISCO" })
        #expect(disco["pack"]?.stringValue?.hasPrefix("Keil.STM32H745I-DISCO_BSP.") == true)
        #expect(disco["mounted_devices"]?.arrayValue?.first?["Dname"]?.stringValue == "STM32H745XIHx")
        let filtered = try PackManagerBinary.run(["dump", "boards"] + paths + ["relax", "lite"])
        #expect(try JSONParser.parse(Array(filtered.standardOutput.utf8)).arrayValue?.count == 1)
        let parts = try PackManagerBinary.run(["dump", "parts"] + paths)
        #expect(parts.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test func dumpPartsWritesIndexAndFlashAlgorithmsFromTheCachedPack() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try PackManagerBinary.run(["add-packs"] + paths + [Corpus.path("packs/NXP.MK64F12_DFP.11.0.0.pack")])
        try FileManager.default.createDirectory(atPath: directory + "/NXP/MK64F12_DFP", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Corpus.path("packs/NXP.MK64F12_DFP.11.0.0.pack"),
                                         toPath: directory + "/NXP/MK64F12_DFP/11.0.0.pack")
        let out = directory + "/out"
        let result = try PackManagerBinary.run(["dump-parts"] + paths + [out, "MK64FN1M0VLL12"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(FileManager.default.fileExists(atPath: out + "/arm/MK_P1M0.FLM"))
        let index = try JSONParser.parse(FileBytes.read(out + "/index.json"))
        #expect(index["MK64FN1M0VLL12"] != nil)
    }

    @Test func dumpPartsWritesNothingWhenNothingMatches() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try addCorpus(["WestBerry.WB32F10x_DFP.pdsc"])
        let out = directory + "/out"
        let result = try PackManagerBinary.run(["dump-parts"] + paths + [out, "NoSuchChip"])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError == "error: no device matches NoSuchChip; nothing written to \(out)\n")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func printCacheDirFollowsTheReferenceDefaults() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let xdg = try PackManagerBinary.run(["print-cache-dir"], environment: ["XDG_DATA_HOME": "/tmp/xdg-data"])
        #expect(xdg.standardOutput == "/tmp/xdg-data/cmsis-pack-manager\n")
        let home = try PackManagerBinary.run(["print-cache-dir"], environment: ["XDG_DATA_HOME": "", "HOME": "/home/someone"])
        #expect(home.standardOutput == "/home/someone/.local/share/cmsis-pack-manager\n")
        let env = try PackManagerBinary.run(["print-cache-dir"], environment: ["CMSIS_PACK_MANAGER_DATA_PATH": "/srv/packs"])
        #expect(env.standardOutput == "/srv/packs\n")
        let flag = try PackManagerBinary.run(["print-cache-dir", "--data-path", "/x"], environment: ["CMSIS_PACK_MANAGER_DATA_PATH": "/srv/packs"])
        #expect(flag.standardOutput == "/x\n")
    }

    @Test func unknownCommandsAndMissingArgumentsAreUsageErrors() throws {
        // One rule for every usage error: exit status 2, as argparse and cpackget.
        let unknown = try PackManagerBinary.run(["frobnicate"])
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("'frobnicate' is not a command of 'pack-manager'"))
        let typo = try PackManagerBinary.run(["cach", "descriptors"])
        #expect(typo.status == 2)
        #expect(typo.standardError.contains("Did you mean 'cache'?"))
        let nested = try PackManagerBinary.run(["pack", "ad", "ARM::CMSIS"])
        #expect(nested.status == 2)
        #expect(nested.standardError.contains("'ad' is not a command of 'pack-manager pack'. Did you mean 'add'?"))
        let option = try PackManagerBinary.run(["find-part", "--lnog", "x"])
        #expect(option.status == 2)
        let missing = try PackManagerBinary.run(["find-part"])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("Missing expected argument"))
        // A mistyped option is named even when an argument is missing too.
        for arguments in [["find-part", "--lnog"], ["pack", "add", "--bogus"], ["index", "build", "--bogus"], ["check", "--bogus"]] {
            let both = try PackManagerBinary.run(arguments)
            #expect(both.status == (arguments[0] == "check" ? 1 : 2), "check's usage errors exit 1, as packchk's")
            #expect(both.standardError.contains("unknown option '\(arguments.last!)'"), "\(arguments): \(both.standardError)")
        }
        let typoWithMissing = try PackManagerBinary.run(["find-part", "--lon"])
        #expect(typoWithMissing.standardError.contains("Did you mean '--long'?"), "\(typoWithMissing.standardError)")
        let help = try PackManagerBinary.run(["--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("find-part"))
    }

    @Test func anEmptyIndexSaysHowToFillIt() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // find-part prints what the reference prints for no match; the hint goes to standard error.
        let parts = try PackManagerBinary.run(["find-part"] + paths + ["stm32"])
        #expect(parts.status == 0)
        #expect(parts.standardOutput == "[]\n\n")
        #expect(parts.standardError.contains("the device index in \(directory) is empty"))
        #expect(parts.standardError.contains("pack-manager cache descriptors"))
        let find = try PackManagerBinary.run(["find"] + paths + ["stm32"])
        #expect(find.status == 1)
        #expect(find.standardError.contains("is empty"))
    }

    @Test func showNamesTheKindAThingIs() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try addCorpus(["Infineon.XMC4000_DFP.pdsc"])
        let board = try PackManagerBinary.run(["show"] + paths + ["xmc4500 relax kit"])
        #expect(board.status == 1)
        #expect(board.standardError.contains("'XMC4500 Relax Kit' is a board: pack-manager show board 'XMC4500 Relax Kit'"))
        let pack = try PackManagerBinary.run(["show", "board"] + paths + ["Infineon::XMC4000_DFP"])
        #expect(pack.standardError.contains("is a pack: pack-manager show pack 'Infineon.XMC4000_DFP'"))
    }
}
