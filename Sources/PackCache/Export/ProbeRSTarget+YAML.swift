import Foundation

extension ProbeRSTarget {
    /// The first line of every description this program writes (how
    /// `export -o` knows a file it may replace).
    public static let fileHeader = "# probe-rs target description written by pack-manager (export probe-rs)"

    /// The description as YAML, laid out as probe-rs's own target files are.
    ///
    /// Written line by line rather than through libyaml (Yams): probe-rs
    /// reads enums from YAML tags on scalars (`ap: !v1 0`), and Yams writes
    /// every scalar with its tag implicit. The shape is fixed, so the only
    /// text that needs care is a name from a pack or an algorithm file:
    /// every such string is double-quoted with its special characters
    /// escaped (`YAMLScalar.quoted`). Numbers are hexadecimal, as probe-rs
    /// writes them; its reader takes `0x…` integers.
    public var yaml: String {
        var out = YAMLLines()
        out.line(0, Self.fileHeader)
        out.line(0, "name: " + YAMLScalar.quoted(name))
        out.line(0, "generated_from_pack: true")
        if let packFileRelease { out.line(0, "pack_file_release: " + YAMLScalar.quoted(packFileRelease)) }
        out.line(0, variants.isEmpty ? "variants: []" : "variants:")
        for chip in variants { Self.write(chip, to: &out) }
        out.line(0, flashAlgorithms.isEmpty ? "flash_algorithms: []" : "flash_algorithms:")
        for algorithm in flashAlgorithms { Self.write(algorithm, to: &out) }
        return out.text
    }

    private static func write(_ chip: Chip, to out: inout YAMLLines) {
        out.line(0, "- name: " + YAMLScalar.quoted(chip.name))
        out.line(1, "cores:")
        for core in chip.cores {
            out.line(1, "- name: " + YAMLScalar.quoted(core.name))
            out.line(2, "type: " + core.type)
            out.line(2, "core_access_options: !Arm")
            switch core.accessPort {
            case .v1(let index): out.line(3, "ap: !v1 \(index)")
            case .v2(let address): out.line(3, "ap: !v2 " + YAMLScalar.hex(address))
            }
            out.line(3, "targetsel: null")
            out.line(3, "debug_base: " + (core.debugBase.map(YAMLScalar.hex) ?? "null"))
            out.line(3, "cti_base: null")
            out.line(3, "jtag_tap: null")
        }
        out.line(1, "memory_map:")
        for region in chip.memoryMap {
            out.line(1, "- !" + region.kind.rawValue)
            out.line(2, "name: " + (region.name.map(YAMLScalar.quoted) ?? "null"))
            out.line(2, "range:")
            out.line(3, "start: " + YAMLScalar.hex(region.range.lowerBound))
            out.line(3, "end: " + YAMLScalar.hex(region.range.upperBound))
            out.line(2, "cores:")
            for core in region.cores { out.line(2, "- " + YAMLScalar.quoted(core)) }
            if !region.access.isDefault {
                // Only what differs from probe-rs's default (read, write, execute; not boot).
                out.line(2, "access:")
                if !region.access.read { out.line(3, "read: false") }
                if !region.access.write { out.line(3, "write: false") }
                if !region.access.execute { out.line(3, "execute: false") }
                if region.access.boot { out.line(3, "boot: true") }
            }
        }
        out.line(1, chip.flashAlgorithms.isEmpty ? "flash_algorithms: []" : "flash_algorithms:")
        for name in chip.flashAlgorithms { out.line(1, "- " + YAMLScalar.quoted(name)) }
    }

    private static func write(_ algorithm: RawFlashAlgorithm, to out: inout YAMLLines) {
        func optional(_ key: String, _ value: UInt64?) { out.line(1, "\(key): " + (value.map(YAMLScalar.hex) ?? "null")) }
        out.line(0, "- name: " + YAMLScalar.quoted(algorithm.name))
        out.line(1, "description: " + YAMLScalar.quoted(algorithm.description))
        out.line(1, "default: \(algorithm.isDefault)")
        out.line(1, "instructions: " + YAMLScalar.quoted(Data(algorithm.instructions).base64EncodedString()))
        optional("load_address", algorithm.loadAddress)
        optional("data_load_address", nil)
        optional("pc_init", algorithm.pcInit)
        optional("pc_uninit", algorithm.pcUninit)
        out.line(1, "pc_program_page: " + YAMLScalar.hex(algorithm.pcProgramPage))
        out.line(1, "pc_erase_sector: " + YAMLScalar.hex(algorithm.pcEraseSector))
        optional("pc_erase_all", algorithm.pcEraseAll)
        optional("pc_verify", algorithm.pcVerify)
        optional("pc_blank_check", algorithm.pcBlankCheck)
        optional("pc_read", nil)
        out.line(1, "data_section_offset: " + YAMLScalar.hex(algorithm.dataSectionOffset))
        optional("rtt_location", nil)
        let flash = algorithm.flashProperties
        out.line(1, "flash_properties:")
        out.line(2, "address_range:")
        out.line(3, "start: " + YAMLScalar.hex(flash.addressRange.lowerBound))
        out.line(3, "end: " + YAMLScalar.hex(flash.addressRange.upperBound))
        out.line(2, "page_size: " + YAMLScalar.hex(UInt64(flash.pageSize)))
        out.line(2, "erased_byte_value: " + YAMLScalar.hex(UInt64(flash.erasedByteValue)))
        out.line(2, "program_page_timeout: \(flash.programPageTimeout)")
        out.line(2, "erase_sector_timeout: \(flash.eraseSectorTimeout)")
        out.line(2, flash.sectors.isEmpty ? "sectors: []" : "sectors:")
        for sector in flash.sectors {
            out.line(2, "- size: " + YAMLScalar.hex(sector.size))
            out.line(3, "address: " + YAMLScalar.hex(sector.address))
        }
        out.line(1, algorithm.cores.isEmpty ? "cores: []" : "cores:")
        for core in algorithm.cores { out.line(1, "- " + YAMLScalar.quoted(core)) }
        out.line(1, "stack_size: null")
    }
}

/// Block-style YAML, two spaces per level; a sequence item's "- " sits at its
/// parent key's indentation, as serde_yaml writes them.
struct YAMLLines {
    private(set) var text = ""

    mutating func line(_ level: Int, _ content: String) {
        text += String(repeating: "  ", count: level) + content + "\n"
    }
}

/// Scalars that read back exactly as written.
enum YAMLScalar {
    static func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }

    /// A double-quoted YAML string. Quotes, backslashes, C0 and C1 controls,
    /// DEL, the Unicode line and paragraph separators and the byte-order
    /// mark are escaped (`\uXXXX`, all in the BMP, so never a surrogate,
    /// which libyaml refuses); other characters are written as UTF-8.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: result += "\\\""
            case 0x5C: result += "\\\\"
            case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF:
                let digits = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
