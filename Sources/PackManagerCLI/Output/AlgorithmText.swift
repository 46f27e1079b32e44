import CMSISPack
import PackCache

/// The readable form of `algo DEVICE`: per algorithm, what the description
/// declares and what the `.FLM` file says (range, sectors, page size,
/// erased value, time-outs, entry points, image layout).
enum AlgorithmText {
    static func render(_ algorithms: DeviceAlgorithms) -> String {
        var lines = ["\(algorithms.device.name) (\(algorithms.pack))"]
        if algorithms.items.isEmpty { lines.append("  no flash algorithm") }
        for item in algorithms.items {
            let declared = item.declared
            var heading = "\n" + (declared.fileName ?? "(no file)")
            var flags: [String] = []
            if declared.isDefault { flags.append("default") }
            if declared.style != "Keil" { flags.append("style \(declared.style)") }
            if let core = declared.processorName { flags.append("core \(core)") }
            if !flags.isEmpty { heading += "  [" + flags.joined(separator: ", ") + "]" }
            lines.append(heading)
            var pdsc = "\(address(declared.start)) + \(size(declared.size))"
            if let ramStart = declared.ramStart { pdsc += ", RAM \(address(ramStart)) + \(size(declared.ramSize))" }
            lines.append(row("pdsc", pdsc))
            switch item.parsed {
            case .failure(let error):
                lines.append(row("error", error.description))
            case .success(let algorithm):
                lines += describe(algorithm)
            }
        }
        return lines.joined(separator: "\n")
    }

    static func describe(_ algorithm: FlashAlgorithm) -> [String] {
        let device = algorithm.device
        var lines = [row("name", "\(device.name) (\(kind(device.type)), driver version \(hex(UInt64(device.version))))")]
        lines.append(row("range", "\(address(UInt64(device.start)))–\(address(device.end)) (\(size(UInt64(device.size))))"))
        let sectors = device.sectorRanges.map { "\($0.count) × \(size(UInt64($0.sectorSize))) from \(address($0.start))" }
        lines.append(row("sectors", sectors.isEmpty ? "none" : sectors.joined(separator: "; ")))
        lines.append(row("page size", "\(size(UInt64(device.pageSize))); erased value \(hex(UInt64(device.erasedValue)))"))
        lines.append(row("time-outs", "program page \(device.programTimeout) ms, erase sector \(device.eraseTimeout) ms"))
        let entries = algorithm.entryPoints.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \(hex(UInt64($0.value)))" }
        lines.append(row("entry points", entries.joined(separator: ", ")))
        lines.append(row("image", "\(algorithm.image.count) bytes: code \(range(algorithm.code)), data \(range(algorithm.data)), "
            + "zero-initialised \(range(algorithm.zeroInitialized)); static base \(hex(UInt64(algorithm.staticBase)))"))
        for warning in algorithm.warnings { lines.append(row("warning", warning)) }
        return lines
    }

    private static func row(_ label: String, _ value: String) -> String {
        "  " + label.padding(toLength: 13, withPad: " ", startingAt: 0) + value
    }

    private static func kind(_ type: UInt16) -> String {
        switch type {
        case 1: return "on-chip flash"
        case 2, 3, 4: return "external \(8 << (type - 2))-bit flash"
        case 5: return "external SPI flash"
        default: return "type \(type)"
        }
    }

    /// An address, eight digits wide.
    static func address(_ value: UInt64?) -> String {
        guard let value else { return "?" }
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    /// An offset or a value: as few digits as it takes.
    static func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16, uppercase: true) }

    private static func range(_ range: Range<UInt32>) -> String {
        range.isEmpty ? "none" : "\(hex(UInt64(range.lowerBound)))–\(hex(UInt64(range.upperBound)))"
    }

    /// 4 KiB, 1 MiB, 512 B: exact, in the largest unit that divides the size.
    static func size(_ bytes: UInt64?) -> String {
        guard let bytes else { return "?" }
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) B"
    }
}
