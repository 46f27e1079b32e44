import ArgumentParser
import CMSISPack
import PackCache

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a device, a pack or a board.",
        discussion: """
            show DEVICE | show device DEVICE: cores, memories, flash algorithms, packs and boards.
            show pack Vendor.Name: versions, contents and requirements of a pack.
            show board NAME: the board's devices, debug interfaces, features and documents.
            Names ignore case.
            """
    )

    @OptionGroup var options: LocationOptions

    @Flag(help: "Print JSON.")
    var json = false

    @Argument(help: ArgumentHelp("[device|pack|board] NAME", valueName: "what"))
    var words: [String]

    func validate() throws {
        guard words.count == 1 || (words.count == 2 && CatalogSearch.Subject(rawValue: words[0]) != nil) else {
            throw ValidationError("expected NAME, or one of device/pack/board followed by NAME")
        }
    }

    func run() throws {
        let index = try loadIndex(options)
        let kind = words.count == 2 ? CatalogSearch.Subject(rawValue: words[0])! : .device
        let name = words.last!
        do {
            switch kind {
            case .pack:
                let summary = try PackSummary.find(name, in: index)
                output(summary.json, text: PackSummaryText.render(summary))
            case .board:
                let summary = try BoardSummary.find(name, in: index)
                output(summary.json, text: BoardSummaryText.render(summary))
            case .device:
                let summary = try DeviceSummary.find(name, in: index)
                output(summary.json, text: DeviceSummaryText.render(summary))
            }
        } catch {
            Terminal.error(error.description)
            if let other = CatalogSearch.otherSubject(named: name, than: kind, in: index) {
                Terminal.note("'\(other.name)' is a \(other.subject.rawValue): pack-manager show \(other.subject.rawValue) '\(other.name)'")
            }
            let similar = CatalogSearch.suggestions(for: name, as: kind, in: index)
            if !similar.isEmpty { Terminal.print("Similar names: " + similar.joined(separator: ", ")) }
            throw ExitCode(1)
        }
    }

    private func output(_ value: JSONValue, text: @autoclosure () -> String) {
        if json {
            Terminal.json(value)
        } else {
            Terminal.print(text())
        }
    }
}

/// The readable form of `show pack`.
enum PackSummaryText {
    static func render(_ summary: PackSummary) -> String {
        let record = summary.record
        var lines = ["\(record.vendor).\(record.pack) \(record.version)" + (record.date.map { " (\($0))" } ?? "")]
        if let text = record.summary { lines.append("  " + text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")) }
        lines.append("  URL:         \(record.url)")
        if let packURL = record.packURL { lines.append("  Archive:     \(packURL)") }
        if let deprecated = record.deprecated {
            lines.append("  Deprecated:  since \(deprecated)" + (record.replacement.map { "; use \($0) instead" } ?? ""))
        }
        if let license = summary.description?.license { lines.append("  License:     \(license)") }
        if summary.versions.count > 1 {
            lines.append("  Indexed:     " + summary.versions.map(\.version).joined(separator: ", "))
        }
        if let description = summary.description {
            let requirements = description.requirements.packages.map { "\($0.vendor).\($0.name)" + ($0.version.map { " \($0)" } ?? "") }
            if !requirements.isEmpty { lines.append("  Requires:    " + requirements.joined(separator: ", ")) }
            let recent = description.releases.prefix(3).map { "\($0.version)" + ($0.date.map { " (\($0))" } ?? "") }
            lines.append("  Releases:    \(description.releases.count)" + (recent.isEmpty ? "" : ", newest " + recent.joined(separator: ", ")))
        }
        lines.append("  Devices:     " + list(record.devices))
        lines.append("  Boards:      " + list(record.boards))
        if !record.parts.isEmpty { lines.append("  Parts:       " + list(record.parts)) }
        lines.append("  Components:  \(record.components.count)")
        if let description = summary.description {
            lines.append("  Conditions:  \(description.conditions?.conditions.count ?? 0)")
            lines.append("  Examples:    \(description.examples?.items.count ?? 0)")
        }
        return lines.joined(separator: "\n")
    }

    static func list(_ names: [String]) -> String {
        if names.isEmpty { return "(none)" }
        let shown = names.prefix(10).joined(separator: ", ")
        return names.count > 10 ? "\(names.count): \(shown), …" : shown
    }
}

/// The readable form of `show board`.
enum BoardSummaryText {
    static func render(_ summary: BoardSummary) -> String {
        let board = summary.board
        var lines = [board.name + (board.revision.map { " (revision \($0))" } ?? "")]
        lines.append("  Vendor:      \(board.vendor)")
        lines.append("  Pack:        \(summary.record.vendor).\(summary.record.pack) \(summary.record.version)")
        if let text = board.description {
            lines.append("  " + text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " "))
        }
        let mounted = board.mountedDevices.map { device in
            (device.name ?? "?") + (summary.knownDevices.contains(device.name ?? "") ? "" : " (not in the index)")
        }
        lines.append("  Mounted:     " + (mounted.isEmpty ? "(none)" : mounted.joined(separator: ", ")))
        if !board.compatibleDevices.isEmpty {
            lines.append("  Compatible:  " + PackSummaryText.list(board.compatibleDevices.map { $0.name ?? $0.family ?? "?" }))
        }
        for interface in board.debugInterfaces {
            lines.append("  Debug:       " + interface.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        }
        if let probe = board.debugProbe {
            lines.append("  Probe:       " + probe.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        }
        for feature in board.features.prefix(12) {
            let attributes = feature.attributes
            lines.append("  Feature:     \(attributes["type"] ?? "")" + (attributes["n"].map { " \($0)" } ?? "") + (attributes["name"].map { "  \($0)" } ?? ""))
        }
        for book in board.books {
            lines.append("  Document:    \(book.attributes["title"] ?? "")  \(book.attributes["name"] ?? "")")
        }
        return lines.joined(separator: "\n")
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
