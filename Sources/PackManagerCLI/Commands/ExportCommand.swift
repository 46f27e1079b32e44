import ArgumentParser
import CMSISPack
import Foundation
import OwnedFiles
import PackCache

/// `pack-manager export …`: a device or pack as another debugger's target.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a device or pack as a target description for probe-rs or pyOCD.",
        subcommands: [ExportProbeRSCommand.self, ExportPyOCDCommand.self]
    )
}

struct ExportProbeRSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe-rs",
        abstract: "Write a probe-rs target description (YAML) of a device or a pack.",
        discussion: """
            TARGET is a device of the index, a pack of the index (Vendor.Name) or a .pack file. The file holds \
            one chip family: each device as a variant (cores with their access ports, memory map, flash \
            algorithms) and the flash algorithms read from the pack's .FLM files, as probe-rs's target-gen \
            makes them. Use it with `probe-rs run --chip-description-path FILE.yaml --chip DEVICE …`. \
            Devices probe-rs cannot drive (no Arm core it knows, no memory) are left out with a warning.
            """
    )

    @OptionGroup var options: LocationOptions

    @Argument(help: ArgumentHelp("A device, a pack (Vendor.Name) or a .pack file.", valueName: "target"))
    var target: String

    @Option(help: ArgumentHelp("Only this device of the pack (repeatable).", valueName: "device"))
    var device: [String] = []

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write the YAML here (default: standard output).", valueName: "file"))
    var output: String?

    func run() throws {
        let (pack, all) = try PackOpening.target(target, options)
        var devices = all
        if !device.isEmpty {
            devices = try device.map { name in
                guard let found = pack.device(named: name) else { throw CacheError.invalidPath(path: pack.location, reason: "defines no device \(name)") }
                return found
            }
        }
        let built = ProbeRSTarget.build(pack.parsed(devices: devices), devices: devices)
        built.warnings.forEach(Terminal.warning)
        guard !built.target.variants.isEmpty else {
            Terminal.error("no device of \(target) can be described for probe-rs")
            throw ExitCode(1)
        }
        let text = built.target.yaml
        if let output {
            try OutputFile.check(output, holds: .headed(line: ProbeRSTarget.fileHeader, title: "a probe-rs target description pack-manager wrote"))
            try OutputFile.write(Array(text.utf8), to: output)
            let (devices, algorithms) = (built.target.variants.count, built.target.flashAlgorithms.count)
            Terminal.print("\(output): \(built.target.name), \(devices) device\(devices == 1 ? "" : "s"), \(algorithms) flash algorithm\(algorithms == 1 ? "" : "s")")
        } else {
            Terminal.write(Array(text.utf8))
        }
    }
}

struct ExportPyOCDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pyocd",
        abstract: "Write pyOCD FLASH_ALGO dictionaries (Python) for a device.",
        discussion: """
            Each flash algorithm of the device, placed in RAM as pyOCD places it when it reads the pack \
            (the algorithm's RAMstart and RAMsize, else the default RAM): the dictionary a pyOCD built-in \
            target (pyocd/target/builtin/target_*.py) holds. The default algorithm is FLASH_ALGO.
            """
    )

    @OptionGroup var options: LocationOptions

    @Argument(help: ArgumentHelp("The device.", valueName: "device"))
    var device: String

    @Option(help: ArgumentHelp("Read the device from this .pack file instead of the index.", valueName: "pack"))
    var file: String?

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write the Python here (default: standard output).", valueName: "file"))
    var output: String?

    func run() throws {
        let (pack, found) = try PackOpening.device(device, file: file, options)
        let result = PyOCDFlashAlgo.source(for: DeviceAlgorithms(found, pack.parsed(devices: [found])))
        result.problems.forEach(Terminal.error)
        guard result.text.contains("FLASH_ALGO = {") else {
            Terminal.error("\(found.name) has no flash algorithm pyOCD could use")
            throw ExitCode(1)
        }
        if let output {
            try OutputFile.check(output, holds: .headed(line: PyOCDFlashAlgo.fileHeader, title: "a pyOCD flash algorithm file pack-manager wrote"))
            try OutputFile.write(Array(result.text.utf8), to: output)
            Terminal.print("\(output): flash algorithms of \(found.name)")
        } else {
            Terminal.write(Array(result.text.utf8))
        }
        if !result.problems.isEmpty { throw ExitCode(1) }
    }
}
