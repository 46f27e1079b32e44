import CMSISPack

/// pyOCD's `FLASH_ALGO` dictionaries for a device, as Python source: what a
/// pyOCD built-in target (`pyocd/target/builtin/target_*.py`) holds, with
/// each algorithm placed in RAM exactly as pyOCD places it when it reads the
/// pack itself (`FlashAlgorithmPlacement`).
///
/// The default algorithm (else the first) is `FLASH_ALGO`; the others are
/// `FLASH_ALGO_<FILE>`.
///
/// ```swift
/// let text = PyOCDFlashAlgo.source(for: DeviceAlgorithms(device, pack.parsed(devices: [device]))).text
/// ```
public enum PyOCDFlashAlgo {
    public struct Output: Sendable {
        public var text: String
        /// Algorithms that could not be read or placed, and why.
        public var problems: [String]
    }

    /// The first line of every file this program writes (how `export -o` knows a file it may replace).
    public static let fileHeader = "# pyOCD flash algorithms written by pack-manager (export pyocd)"

    public static func source(for algorithms: DeviceAlgorithms) -> Output {
        var text = fileHeader + "\n# Flash algorithms of \(commentSafe(algorithms.device.name)) from \(commentSafe(algorithms.pack)), placed in RAM as pyOCD\n"
        text += "# places them (pyocd.target.pack.flash_algo.PackFlashAlgo.get_pyocd_flash_algo).\n"
        var problems: [String] = []
        var names = Set<String>()
        let ordered = algorithms.items.filter { $0.declared.isDefault } + algorithms.items.filter { !$0.declared.isDefault }
        for item in ordered {
            let algorithm: FlashAlgorithm
            switch item.parsed {
            case .success(let value): algorithm = value
            case .failure(let error):
                problems.append(error.description)
                continue
            }
            guard let ram = DeviceAlgorithms.ram(for: item.declared, of: algorithms.device) else {
                problems.append("\(algorithm.source): \(algorithms.device.name) names no RAM to run it in (no RAMstart, no default RAM)")
                continue
            }
            let placement: FlashAlgorithmPlacement
            do { placement = try FlashAlgorithmPlacement(algorithm, ramStart: ram.start, ramSize: ram.size) } catch {
                problems.append(error.description)
                continue
            }
            let name = names.isEmpty ? "FLASH_ALGO" : "FLASH_ALGO_" + identifier(item.declared.fileName ?? "")
            guard names.insert(name).inserted else { continue }
            text += "\n" + dictionary(name, placement, algorithm, file: item.declared.fileName ?? "", ram: ram)
        }
        return Output(text: text, problems: problems)
    }

    static func dictionary(_ name: String, _ placement: FlashAlgorithmPlacement, _ algorithm: FlashAlgorithm, file: String,
                           ram: (start: UInt64, size: UInt64)) -> String {
        let device = algorithm.device
        func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16, uppercase: true) }
        var lines = ["# \(commentSafe(file)): \(commentSafe(device.name)), \(hex(UInt64(device.start)))-\(hex(device.end)), page \(hex(UInt64(device.pageSize)))",
                     "# RAM \(hex(ram.start))-\(hex(ram.start + ram.size))"]
        for range in device.sectorRanges {
            lines.append("#   sectors of \(hex(UInt64(range.sectorSize))) from \(hex(range.start)) to \(hex(range.end))")
        }
        lines.append("\(name) = {")
        lines.append("    'load_address' : \(hex(placement.loadAddress)),")
        lines.append("    'instructions' : [")
        let words = placement.instructions.map { "0x" + String(repeating: "0", count: 8 - String($0, radix: 16).count) + String($0, radix: 16, uppercase: true) }
        for start in stride(from: 0, to: words.count, by: 8) {
            lines.append("        " + words[start..<min(start + 8, words.count)].joined(separator: ", ") + ",")
        }
        lines.append("    ],")
        let entries: [(String, FlashAlgorithm.Function)] = [("pc_init", .initialize), ("pc_unInit", .uninitialize), ("pc_eraseAll", .eraseChip),
                                                            ("pc_erase_sector", .eraseSector), ("pc_program_page", .programPage)]
        for (key, function) in entries {
            lines.append("    '\(key)' : \(hex(placement.entryPoints[function] ?? 0xFFFF_FFFF)),")
        }
        lines.append("    'page_buffers' : [\(placement.pageBuffers.map(hex).joined(separator: ", "))],")
        lines.append("    'begin_stack' : \(hex(placement.stackTop)),")
        lines.append("    'end_stack' : \(hex(placement.stackBottom)),")
        lines.append("    'static_base' : \(hex(placement.staticBase)),")
        lines.append("    'min_program_length' : \(hex(UInt64(placement.minimumProgramLength))),")
        lines.append("    'analyzer_supported' : False,")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text for a comment line: names come from the pack, and a line break would end the comment.
    static func commentSafe(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control || $0.value == 0x2028 || $0.value == 0x2029 ? " " : $0 }))
    }

    /// A Python identifier from a file name: its stem, upper case, other characters as '_'.
    static func identifier(_ file: String) -> String {
        let stem = file.split(separator: "/").last.map { $0.split(separator: ".").first.map(String.init) ?? "" } ?? ""
        let mapped = stem.uppercased().unicodeScalars.map { scalar -> String in
            (("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)) ? String(scalar) : "_"
        }.joined()
        return mapped.isEmpty ? "ALGO" : mapped
    }
}
