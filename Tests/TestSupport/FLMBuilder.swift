/// Writes 32-bit little-endian Arm ELF files shaped like CMSIS flash
/// algorithms, for tests: a valid one by default, and any field can be bent
/// to make the hostile ones no linker writes.
public struct FLMBuilder {
    public struct Section {
        public var name: String
        public var type: UInt32
        public var flags: UInt32
        public var address: UInt32
        public var data: [UInt8]
        /// For NOBITS: the size; else `data.count`.
        public var size: UInt32?
        /// Written in place of the real file offset when set.
        public var offsetOverride: UInt32?

        public init(name: String, type: UInt32, flags: UInt32 = 0x6, address: UInt32, data: [UInt8], size: UInt32? = nil) {
            self.name = name
            self.type = type
            self.flags = flags
            self.address = address
            self.data = data
            self.size = size
        }
    }

    public struct Symbol {
        public var name: String
        public var value: UInt32
        public var type: UInt8
        public var binding: UInt8
        /// Index into `sections` (1-based, as in the file); 0 for undefined.
        public var section: UInt16

        public init(name: String, value: UInt32, type: UInt8 = 2, binding: UInt8 = 1, section: UInt16 = 1) {
            self.name = name
            self.value = value
            self.type = type
            self.binding = binding
            self.section = section
        }
    }

    public var machine: UInt16 = 40
    public var sections: [Section]
    public var symbols: [Symbol]
    /// Load segments as (address, size in the file, size in memory, index of the section they start at).
    public var segments: [(address: UInt32, fileSize: UInt32, memorySize: UInt32, section: Int)]

    public static let progBits: UInt32 = 1
    public static let noBits: UInt32 = 8

    /// A small valid algorithm: 0x40 bytes of code, 8 of data, 0x20 zero-initialised,
    /// and a FlashDevice for 64 KiB at 0x08000000 with 1 KiB pages, two sector sizes.
    public init() {
        let code = (0..<0x40).map { UInt8($0) }
        let data: [UInt8] = [0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7]
        let device = Self.flashDevice(name: "Test Flash 64K", start: 0x0800_0000, size: 0x10000, pageSize: 0x400,
                                      sectors: [(0x400, 0), (0x1000, 0x8000)])
        sections = [
            Section(name: "PrgCode", type: Self.progBits, address: 0, data: code),
            Section(name: "PrgData", type: Self.progBits, flags: 0x3, address: 0x40, data: data),
            Section(name: "PrgData", type: Self.noBits, flags: 0x3, address: 0x48, data: [], size: 0x20),
            Section(name: "DevDscr", type: Self.progBits, flags: 0x2, address: 0x48, data: device),
        ]
        symbols = [
            Symbol(name: "Init", value: 0x01), Symbol(name: "UnInit", value: 0x09), Symbol(name: "EraseChip", value: 0x11),
            Symbol(name: "EraseSector", value: 0x19), Symbol(name: "ProgramPage", value: 0x21), Symbol(name: "Verify", value: 0x31),
            Symbol(name: "FlashDevice", value: 0x48, type: 1, section: 4),
        ]
        segments = [(0, 0x48, 0x68, 0), (0x48, UInt32(device.count), UInt32(device.count), 3)]
    }

    /// The FlashDevice structure: 160 bytes, then (size, offset) pairs and the end marker.
    public static func flashDevice(name: String, version: UInt16 = 0x101, type: UInt16 = 1, start: UInt32, size: UInt32,
                                   pageSize: UInt32, erased: UInt8 = 0xFF, programTimeout: UInt32 = 100, eraseTimeout: UInt32 = 3000,
                                   sectors: [(size: UInt32, offset: UInt32)], endMarker: Bool = true) -> [UInt8] {
        var bytes = le16(version)
        var nameBytes = Array(name.utf8.prefix(127))
        nameBytes += [UInt8](repeating: 0, count: 128 - nameBytes.count)
        bytes += nameBytes + le16(type) + le32(start) + le32(size) + le32(pageSize) + le32(0)
        bytes += [erased, 0, 0, 0] + le32(programTimeout) + le32(eraseTimeout)
        for sector in sectors { bytes += le32(sector.size) + le32(sector.offset) }
        if endMarker { bytes += le32(0xFFFF_FFFF) + le32(0xFFFF_FFFF) }
        return bytes
    }

    /// The file: header, section contents, string tables, symbols, then the tables.
    public func build() -> [UInt8] {
        var body: [UInt8] = []
        var offsets: [UInt32] = []
        for section in sections {
            while (52 + body.count) % 4 != 0 { body.append(0) }
            offsets.append(UInt32(52 + body.count))
            body += section.data
        }
        var names: [UInt8] = [0]
        func add(_ name: String, to table: inout [UInt8]) -> UInt32 {
            let index = UInt32(table.count)
            table += Array(name.utf8) + [0]
            return index
        }
        let sectionNameIndexes = sections.map { add($0.name, to: &names) }
        let symtabName = add(".symtab", to: &names)
        let strtabName = add(".strtab", to: &names)
        let shstrtabName = add(".shstrtab", to: &names)
        var strings: [UInt8] = [0]
        var symbolBytes = [UInt8](repeating: 0, count: 16)
        for symbol in symbols {
            symbolBytes += Self.le32(add(symbol.name, to: &strings)) + Self.le32(symbol.value) + Self.le32(4)
            symbolBytes += [symbol.binding << 4 | symbol.type, 0] + Self.le16(symbol.section)
        }
        while (52 + body.count) % 4 != 0 { body.append(0) }
        let symtabOffset = UInt32(52 + body.count)
        body += symbolBytes
        let strtabOffset = UInt32(52 + body.count)
        body += strings
        let shstrtabOffset = UInt32(52 + body.count)
        body += names
        while (52 + body.count) % 4 != 0 { body.append(0) }
        let programHeaderOffset = UInt32(52 + body.count)
        for segment in segments {
            body += Self.le32(1) + Self.le32(offsets[segment.section]) + Self.le32(segment.address) + Self.le32(segment.address)
            body += Self.le32(segment.fileSize) + Self.le32(segment.memorySize) + Self.le32(7) + Self.le32(4)
        }
        let sectionHeaderOffset = UInt32(52 + body.count)
        body += [UInt8](repeating: 0, count: 40)  // the null section
        for (index, section) in sections.enumerated() {
            body += Self.le32(sectionNameIndexes[index]) + Self.le32(section.type) + Self.le32(section.flags) + Self.le32(section.address)
            body += Self.le32(section.offsetOverride ?? offsets[index]) + Self.le32(section.size ?? UInt32(section.data.count)) + Self.le32(0) + Self.le32(0) + Self.le32(4) + Self.le32(0)
        }
        let count = UInt32(sections.count)
        body += Self.le32(symtabName) + Self.le32(2) + Self.le32(0) + Self.le32(0) + Self.le32(symtabOffset) + Self.le32(UInt32(symbolBytes.count))
            + Self.le32(count + 2) + Self.le32(1) + Self.le32(4) + Self.le32(16)
        body += Self.le32(strtabName) + Self.le32(3) + Self.le32(0) + Self.le32(0) + Self.le32(strtabOffset) + Self.le32(UInt32(strings.count)) + Self.le32(0) + Self.le32(0) + Self.le32(1) + Self.le32(0)
        body += Self.le32(shstrtabName) + Self.le32(3) + Self.le32(0) + Self.le32(0) + Self.le32(shstrtabOffset) + Self.le32(UInt32(names.count)) + Self.le32(0) + Self.le32(0) + Self.le32(1) + Self.le32(0)
        var header: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 1, 1, 1, 0] + [UInt8](repeating: 0, count: 8)
        header += Self.le16(2) + Self.le16(machine) + Self.le32(1) + Self.le32(0) + Self.le32(programHeaderOffset) + Self.le32(sectionHeaderOffset)
        header += Self.le32(0x0500_0000) + Self.le16(52) + Self.le16(32) + Self.le16(UInt16(segments.count)) + Self.le16(40)
        header += Self.le16(UInt16(sections.count + 4)) + Self.le16(UInt16(sections.count + 3))
        return header + body
    }

    public static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    public static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
}
