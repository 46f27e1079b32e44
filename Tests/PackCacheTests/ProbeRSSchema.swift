import Foundation
import Testing
import Yams

/// The shape of a probe-rs target description, from the probe-rs-target
/// crate's types (probe-rs-target/src: chip_family.rs `ChipFamily`, chip.rs
/// `Chip`, `Core`, `ArmCoreAccessOptions`, `ApAddress`, memory.rs
/// `MemoryRegion`, `NvmRegion`/`RamRegion`/`GenericRegion`, `MemoryAccess`,
/// `SectorDescription`, flash_algorithm.rs `RawFlashAlgorithm`,
/// flash_properties.rs `FlashProperties`): for each mapping, the keys serde
/// accepts (the types deny unknown fields) and those it requires (no default,
/// not an Option). `check` walks a parsed document and records every
/// departure, naming where it is.
struct ProbeRSSchema {
    struct Shape {
        let allowed: Set<String>
        let required: Set<String>
    }

    static let family = Shape(allowed: ["name", "manufacturer", "chip_detection", "generated_from_pack", "pack_file_release", "variants",
                                        "flash_algorithms"], required: ["name", "variants"])
    static let chip = Shape(allowed: ["name", "part", "svd", "documentation", "package_variants", "cores", "memory_map", "flash_algorithms",
                                      "rtt_scan_ranges", "jtag", "default_binary_format", "skip_reset_on_ram_boot"], required: ["name", "memory_map"])
    static let core = Shape(allowed: ["name", "type", "core_access_options"], required: ["name", "type", "core_access_options"])
    static let armAccess = Shape(allowed: ["ap", "targetsel", "debug_base", "cti_base", "jtag_tap"], required: ["ap"])
    static let region = Shape(allowed: ["name", "range", "cores", "is_alias", "access"], required: ["range", "cores"])
    static let genericRegion = Shape(allowed: ["name", "range", "cores", "access"], required: ["range", "cores"])
    static let access = Shape(allowed: ["read", "write", "execute", "boot"], required: [])
    static let range = Shape(allowed: ["start", "end"], required: ["start", "end"])
    static let algorithm = Shape(
        allowed: ["name", "description", "default", "instructions", "load_address", "data_load_address", "pc_init", "pc_uninit",
                  "pc_program_page", "pc_erase_sector", "pc_erase_all", "pc_verify", "pc_blank_check", "pc_read", "vendor_functions",
                  "data_section_offset", "rtt_location", "rtt_poll_interval", "flash_properties", "cores", "stack_size",
                  "stack_overflow_check", "transfer_encoding", "big_endian"],
        required: ["name", "description", "instructions", "pc_program_page", "pc_erase_sector", "data_section_offset", "flash_properties"])
    static let flashProperties = Shape(allowed: ["address_range", "page_size", "erased_byte_value", "program_page_timeout",
                                                 "erase_sector_timeout", "sectors"],
                                       required: ["address_range", "page_size", "erased_byte_value", "program_page_timeout", "erase_sector_timeout"])
    static let sector = Shape(allowed: ["size", "address"], required: ["size", "address"])
    /// `CoreType` in snake case.
    static let coreTypes: Set<String> = ["armv6m", "armv7a", "armv7r", "armv7m", "armv7em", "armv8a", "armv8m", "riscv", "riscv64", "xtensa"]

    private(set) var problems: [String] = []

    /// Checks a whole document; the problems are empty when probe-rs would read it.
    static func check(_ yaml: String) throws -> [String] {
        var schema = ProbeRSSchema()
        guard let root = try Yams.compose(yaml: yaml) else { return ["empty document"] }
        schema.family(root)
        return schema.problems
    }

    private mutating func family(_ node: Node) {
        guard let map = mapping(node, Self.family, at: "family") else { return }
        let algorithms = map["flash_algorithms"]?.sequence ?? []
        let names = algorithms.compactMap { $0.mapping?["name"]?.string }
        for (index, algorithm) in algorithms.enumerated() { self.algorithm(algorithm, at: "flash_algorithms[\(index)]") }
        if Set(names).count != names.count { problems.append("flash_algorithms: duplicate names \(names)") }
        guard let variants = map["variants"]?.sequence else { return problems.append("variants: not a sequence") }
        var chipNames = Set<String>()
        for (index, variant) in variants.enumerated() {
            let place = "variants[\(index)]"
            guard let chip = mapping(variant, Self.chip, at: place) else { continue }
            if let name = chip["name"]?.string, !chipNames.insert(name).inserted { problems.append("\(place): duplicate name \(name)") }
            let cores = (chip["cores"]?.sequence ?? []).enumerated().compactMap { self.core($1, at: "\(place).cores[\($0)]") }
            if cores.isEmpty { problems.append("\(place): no core") }
            let regions = chip["memory_map"]?.sequence ?? []
            if regions.isEmpty { problems.append("\(place): empty memory map") }
            for (number, region) in regions.enumerated() { self.region(region, cores: Set(cores), at: "\(place).memory_map[\(number)]") }
            for name in (chip["flash_algorithms"]?.sequence ?? []).compactMap(\.string) where !names.contains(name) {
                problems.append("\(place): flash algorithm \(name) is not defined in the family")
            }
        }
    }

    private mutating func core(_ node: Node, at place: String) -> String? {
        guard let core = mapping(node, Self.core, at: place) else { return nil }
        if let type = core["type"]?.string, !Self.coreTypes.contains(type) { problems.append("\(place).type: \(type) is not a CoreType") }
        guard let options = core["core_access_options"], options.tag.description == "!Arm" else {
            problems.append("\(place).core_access_options: not tagged !Arm")
            return core["name"]?.string
        }
        if let arm = mapping(options, Self.armAccess, at: "\(place).core_access_options"), let ap = arm["ap"] {
            switch ap.tag.description {
            case "!v1": if UInt8(ap.string ?? "") == nil { problems.append("\(place): ap !v1 \(ap.string ?? "") is not a u8") }
            case "!v2": if integer(ap) == nil { problems.append("\(place): ap !v2 \(ap.string ?? "") is not an integer") }
            default: problems.append("\(place): ap tagged \(ap.tag.description), not !v1 or !v2")
            }
        }
        return core["name"]?.string
    }

    private mutating func region(_ node: Node, cores: Set<String>, at place: String) {
        let tag = node.tag.description
        guard ["!Ram", "!Nvm", "!Generic"].contains(tag) else { return problems.append("\(place): tagged \(tag), not !Ram, !Nvm or !Generic") }
        guard let region = mapping(node, tag == "!Generic" ? Self.genericRegion : Self.region, at: place) else { return }
        self.range(region["range"], at: "\(place).range")
        for core in (region["cores"]?.sequence ?? []).compactMap(\.string) where !cores.contains(core) {
            problems.append("\(place): core \(core) is not a core of the variant")
        }
        if region["cores"]?.sequence?.isEmpty ?? true { problems.append("\(place): assigned to no core") }
        if let access = region["access"], let map = mapping(access, Self.access, at: "\(place).access") {
            for (key, value) in map where value.bool == nil { problems.append("\(place).access.\(key): not a boolean") }
        }
    }

    private mutating func algorithm(_ node: Node, at place: String) {
        guard let algorithm = mapping(node, Self.algorithm, at: place) else { return }
        if let text = algorithm["instructions"]?.string, Data(base64Encoded: text) == nil { problems.append("\(place).instructions: not base64") }
        for key in ["load_address", "pc_init", "pc_uninit", "pc_program_page", "pc_erase_sector", "pc_erase_all", "pc_verify",
                    "pc_blank_check", "data_section_offset"] {
            guard let value = algorithm[key], !isNull(value) else { continue }
            if integer(value) == nil { problems.append("\(place).\(key): \(value.string ?? "?") is not an integer") }
        }
        guard let flash = algorithm["flash_properties"], let properties = mapping(flash, Self.flashProperties, at: "\(place).flash_properties") else { return }
        range(properties["address_range"], at: "\(place).flash_properties.address_range")
        if let erased = properties["erased_byte_value"], (integer(erased) ?? 256) > 255 { problems.append("\(place): erased_byte_value is not a u8") }
        for (index, sector) in (properties["sectors"]?.sequence ?? []).enumerated() {
            guard let map = mapping(sector, Self.sector, at: "\(place).sectors[\(index)]") else { continue }
            if map.values.contains(where: { integer($0) == nil }) { problems.append("\(place).sectors[\(index)]: not integers") }
        }
    }

    private mutating func range(_ node: Node?, at place: String) {
        guard let node, let map = mapping(node, Self.range, at: place) else { return problems.append("\(place): missing") }
        guard let start = map["start"].flatMap(integer), let end = map["end"].flatMap(integer) else { return problems.append("\(place): not integers") }
        if start > end { problems.append("\(place): starts after it ends") }
    }

    /// The mapping's entries by key, after checking them against `shape`.
    private mutating func mapping(_ node: Node, _ shape: Shape, at place: String) -> [String: Node]? {
        guard let mapping = node.mapping else {
            problems.append("\(place): not a mapping")
            return nil
        }
        var entries: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            if entries[name] != nil { problems.append("\(place): key \(name) twice") }
            entries[name] = value
            if !shape.allowed.contains(name) { problems.append("\(place): unknown key \(name)") }
        }
        for name in shape.required.subtracting(entries.keys) { problems.append("\(place): missing \(name)") }
        return entries
    }

    /// An integer as serde's YAML reader takes one: decimal, or 0x hexadecimal.
    func integer(_ node: Node) -> UInt64? {
        guard let text = node.scalar?.string, node.scalar?.style == .plain else { return nil }
        if text.hasPrefix("0x") { return UInt64(text.dropFirst(2), radix: 16) }
        return UInt64(text)
    }

    private func isNull(_ node: Node) -> Bool { node.scalar?.string == "null" || node.scalar?.string == "~" }
}
