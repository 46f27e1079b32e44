import ArgumentParser
import CMSISPack
import PackCache

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one device: cores, memories, flash algorithms, packs and boards."
    )

    @OptionGroup var options: LocationOptions

    @Flag(help: "Print JSON.")
    var json = false

    @Argument(help: ArgumentHelp("Exact device name (case is ignored).", valueName: "device"))
    var device: String

    func run() throws {
        let index = try loadIndex(options.locations)
        let summary: DeviceSummary
        do {
            summary = try DeviceSummary.find(device, in: index)
        } catch {
            let similar = DeviceSearch.find([device], in: index.devices.keys, mode: .allWords).prefix(8)
            Terminal.error(error.description)
            if !similar.isEmpty { Terminal.print("Similar names: " + similar.joined(separator: ", ")) }
            throw ExitCode(1)
        }
        if json {
            Terminal.write(summary.json.serialized())
            Terminal.print("")
        } else {
            Terminal.print(DeviceSummaryText.render(summary))
        }
    }
}

/// The readable form of `show`.
enum DeviceSummaryText {
    static func render(_ summary: DeviceSummary) -> String {
        let entry = summary.entry
        var lines = [entry.name]
        lines.append("  Vendor:      \(entry.vendor)")
        lines.append("  Family:      \(entry.family)" + (entry.subFamily.map { " / \($0)" } ?? ""))
        if let pack = summary.packs.first {
            lines.append("  Pack:        \(pack.vendor).\(pack.pack) \(pack.version)" + (pack.date.map { " (\($0))" } ?? "") + "  \(pack.url)")
            if let deprecated = pack.deprecated {
                lines.append("  Deprecated:  since \(deprecated)" + (pack.replacement.map { "; use \($0) instead" } ?? ""))
            }
        } else {
            lines.append("  Pack:        \(entry.fromPack.vendor).\(entry.fromPack.pack) \(entry.fromPack.version)  \(entry.fromPack.url)")
        }
        lines.append("  Cores:")
        if entry.processors.isEmpty { lines.append("    (none listed)") }
        for core in entry.processors {
            var parts = ["    \(core.name.map { "\($0): " } ?? "")\(core.core)"]
            if core.unit > 0 { parts[0] += " unit \(core.unit)" }
            var features: [String] = []
            if core.fpu != "None" { features.append(core.fpu == "DoublePrecision" ? "double-precision FPU" : "FPU") }
            if core.mpu == "Present" { features.append("MPU") }
            if !features.isEmpty { parts.append("(" + features.joined(separator: ", ") + ")") }
            switch core.accessPort {
            case .index(let index): parts.append("AP \(index)")
            case .address(let address): parts.append("AP at \(hex(address))")
            }
            if core.debugPort != 0 { parts.append("DP \(core.debugPort)") }
            if let svd = core.svd { parts.append("SVD \(svd)") }
            if let reset = core.defaultResetSequence { parts.append("reset \(reset)") }
            lines.append(parts.joined(separator: "  "))
        }
        lines.append("  Memories:")
        let memories = entry.memories.sorted { ($0.value.start, $0.key) < ($1.value.start, $1.key) }
        if memories.isEmpty { lines.append("    (none listed)") }
        let width = memories.map(\.key.count).max() ?? 0
        for (name, memory) in memories {
            var flags: [String] = []
            if memory.startup { flags.append("startup") }
            if memory.isDefault { flags.append("default") }
            if let core = memory.processorName { flags.append("core \(core)") }
            lines.append("    \(name.padding(toLength: width, withPad: " ", startingAt: 0))  \(hex(memory.start))  \(size(memory.size).padding(toLength: 9, withPad: " ", startingAt: 0))  \(letters(memory.access).padding(toLength: 4, withPad: " ", startingAt: 0))  \(flags.joined(separator: " "))")
        }
        lines.append("  Flash algorithms:")
        if entry.algorithms.isEmpty { lines.append("    (none listed)") }
        for algorithm in entry.algorithms {
            var text = "    \(algorithm.fileName)  \(hex(algorithm.start)) \(size(algorithm.size))"
            if let ramStart = algorithm.ramStart {
                text += "  RAM \(hex(ramStart))" + (algorithm.ramSize.map { " \(size($0))" } ?? "")
            }
            if algorithm.style != "Keil" { text += "  \(algorithm.style)" }
            if algorithm.isDefault { text += "  default" }
            lines.append(text)
        }
        lines.append("  Boards:      " + (summary.boards.isEmpty ? "(none in the index)" : summary.boards.joined(separator: ", ")))
        if summary.packs.count > 1 {
            lines.append("  Also defined by:")
            for pack in summary.packs.dropFirst() {
                var text = "    \(pack.vendor).\(pack.pack) \(pack.version)" + (pack.date.map { " (\($0))" } ?? "")
                if let deprecated = pack.deprecated {
                    text += "  deprecated \(deprecated)" + (pack.replacement.map { ", replaced by \($0)" } ?? "")
                }
                lines.append(text)
            }
        }
        return lines.joined(separator: "\n")
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    static func size(_ bytes: UInt64) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) B"
    }

    static func letters(_ access: MemoryAccess) -> String {
        var text = ""
        if access.read { text += "r" }
        if access.write { text += "w" }
        if access.execute { text += "x" }
        if access.peripheral { text += "p" }
        if access.secure { text += "s" }
        if access.nonSecure { text += "n" }
        if access.nonSecureCallable { text += "c" }
        return text
    }
}
