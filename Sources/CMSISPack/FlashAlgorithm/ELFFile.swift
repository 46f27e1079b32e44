/// The parts of a 32-bit little-endian ELF file that a flash algorithm needs:
/// its header, section headers, program headers (segments) and symbols.
///
/// Every offset and size read from the file is checked against the file's
/// length before use, in 64-bit arithmetic, so a hostile or truncated file
/// gives a `reason`, never a trap. Errors are plain strings here; the reader
/// above adds the file's name.
struct ELFFile {
    struct Section {
        var name: String
        var type: UInt32
        var flags: UInt32
        var address: UInt32
        var offset: UInt32
        var size: UInt32
        var link: UInt32

        var isNoBits: Bool { type == ELFFile.sectionNoBits }
    }

    struct Segment {
        var type: UInt32
        var offset: UInt32
        var virtualAddress: UInt32
        var physicalAddress: UInt32
        var fileSize: UInt32
        var memorySize: UInt32
    }

    struct Symbol {
        var name: String
        var value: UInt32
        var size: UInt32
        /// STT_*: 1 object, 2 function.
        var type: UInt8
        /// STB_*: 0 local, 1 global, 2 weak.
        var binding: UInt8
        var sectionIndex: UInt16
    }

    static let machineARM: UInt16 = 40
    static let sectionProgBits: UInt32 = 1
    static let sectionSymbolTable: UInt32 = 2
    static let sectionNoBits: UInt32 = 8
    /// SHF_ALLOC: the section occupies memory (debug information does not).
    static let flagAllocated: UInt32 = 2
    static let segmentLoad: UInt32 = 1
    static let symbolFunction: UInt8 = 2
    static let symbolObject: UInt8 = 1

    let bytes: [UInt8]
    let machine: UInt16
    let sections: [Section]
    let segments: [Segment]
    let symbols: [Symbol]

    /// Reads the headers and the symbol table; `reason` says what is wrong.
    init(_ bytes: [UInt8]) throws(ELFFormatError) {
        self.bytes = bytes
        guard bytes.count >= 52 else {
            if bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46]) { throw ELFFormatError("truncated: \(bytes.count) bytes, shorter than an ELF header") }
            throw ELFFormatError("not an ELF file (\(bytes.count) bytes)")
        }
        guard bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46]) else { throw ELFFormatError("not an ELF file (no \\x7fELF signature)") }
        guard bytes[4] == 1 else { throw ELFFormatError("a 64-bit ELF file; flash algorithms are 32-bit Arm ELF") }
        guard bytes[5] == 1 else { throw ELFFormatError("a big-endian ELF file; only little-endian flash algorithms are supported") }
        // The 52 bytes of the header are there (checked above), so its fields read.
        let reader = ByteReader(bytes)
        machine = reader.u16(18)!
        guard machine == Self.machineARM else {
            throw ELFFormatError("an ELF file for machine \(machine), not Arm (40): not a Thumb flash algorithm")
        }
        let sectionTable = try Self.table(reader, offset: reader.u32(32)!, entrySize: reader.u16(46)!, count: reader.u16(48)!,
                                          minimumEntrySize: 40, what: "section header")
        let segmentTable = try Self.table(reader, offset: reader.u32(28)!, entrySize: reader.u16(42)!, count: reader.u16(44)!,
                                          minimumEntrySize: 32, what: "program header")
        var rawSections = sectionTable.map { base in
            Section(name: "", type: reader.u32(base + 4)!, flags: reader.u32(base + 8)!, address: reader.u32(base + 12)!,
                    offset: reader.u32(base + 16)!, size: reader.u32(base + 20)!, link: reader.u32(base + 24)!)
        }
        let nameTableIndex = Int(reader.u16(50)!)
        guard nameTableIndex < rawSections.count else {
            throw ELFFormatError("the section name table index \(nameTableIndex) is out of range (\(rawSections.count) sections)")
        }
        let nameTable = try Self.contents(of: rawSections[nameTableIndex], in: reader, what: "the section name table")
        for index in rawSections.indices {
            rawSections[index].name = Self.string(at: reader.u32(sectionTable[index])!, in: nameTable, reader: reader)
        }
        sections = rawSections
        segments = segmentTable.map { base in
            Segment(type: reader.u32(base)!, offset: reader.u32(base + 4)!, virtualAddress: reader.u32(base + 8)!,
                    physicalAddress: reader.u32(base + 12)!, fileSize: reader.u32(base + 16)!, memorySize: reader.u32(base + 20)!)
        }
        symbols = try Self.symbols(in: rawSections, reader: reader)
    }

    /// The file bytes of a section (none for NOBITS), checked to lie inside the file.
    func contents(of section: Section) throws(ELFFormatError) -> Range<Int> {
        try Self.contents(of: section, in: ByteReader(bytes), what: "section \(section.name)")
    }

    /// `size` bytes at `address` in the loaded image: from the load segment
    /// whose file-backed part holds them all (as debuggers read it), else from
    /// an allocated PROGBITS section that does. Nil when neither holds them.
    func read(address: UInt32, size: Int) -> ArraySlice<UInt8>? {
        let wanted = UInt64(address)..<(UInt64(address) + UInt64(size))
        let places = segments.map { (UInt64($0.physicalAddress), UInt64(min($0.fileSize, $0.memorySize)), UInt64($0.offset)) }
            + sections.filter { $0.type == Self.sectionProgBits && $0.flags & Self.flagAllocated != 0 }
                .map { (UInt64($0.address), UInt64($0.size), UInt64($0.offset)) }
        for (start, length, offset) in places where start <= wanted.lowerBound && wanted.upperBound <= start + length {
            let from = offset + (wanted.lowerBound - start)
            guard from + UInt64(size) <= UInt64(bytes.count) else { continue }
            return bytes[Int(from)..<Int(from) + size]
        }
        return nil
    }

    // MARK: Tables

    /// The file offsets of a table's entries, checked to lie inside the file.
    private static func table(_ reader: ByteReader, offset: UInt32, entrySize: UInt16, count: UInt16,
                              minimumEntrySize: UInt16, what: String) throws(ELFFormatError) -> [Int] {
        guard count > 0 else { return [] }
        guard entrySize >= minimumEntrySize else {
            throw ELFFormatError("\(what) entries of \(entrySize) bytes, shorter than the \(minimumEntrySize) an ELF32 \(what) needs")
        }
        let end = UInt64(offset) + UInt64(entrySize) * UInt64(count)
        guard end <= UInt64(reader.count) else {
            throw ELFFormatError("truncated: the \(count) \(what)s at offset \(offset) end at \(end), past the end of the file (\(reader.count) bytes)")
        }
        return (0..<Int(count)).map { Int(offset) + $0 * Int(entrySize) }
    }

    private static func contents(of section: Section, in reader: ByteReader, what: String) throws(ELFFormatError) -> Range<Int> {
        if section.isNoBits { return 0..<0 }
        let end = UInt64(section.offset) + UInt64(section.size)
        guard end <= UInt64(reader.count) else {
            throw ELFFormatError("\(what) (offset \(section.offset), \(section.size) bytes) runs past the end of the file (\(reader.count) bytes)")
        }
        return Int(section.offset)..<Int(end)
    }

    /// A NUL-terminated name inside a string table; a name running off the table ends there.
    private static func string(at index: UInt32, in table: Range<Int>, reader: ByteReader) -> String {
        guard UInt64(index) < UInt64(table.count) else { return "" }
        let start = table.lowerBound + Int(index)
        let end = reader.bytes[start..<table.upperBound].firstIndex(of: 0) ?? table.upperBound
        return String(decoding: reader.bytes[start..<end], as: UTF8.self)
    }

    /// Every symbol of the first symbol table, with names from its string table.
    private static func symbols(in sections: [Section], reader: ByteReader) throws(ELFFormatError) -> [Symbol] {
        guard let table = sections.first(where: { $0.type == sectionSymbolTable }) else {
            throw ELFFormatError("no symbol table: the entry points and FlashDevice cannot be found")
        }
        let entries = try contents(of: table, in: reader, what: "the symbol table")
        guard Int(table.link) < sections.count else {
            throw ELFFormatError("the symbol table names string table \(table.link), out of range (\(sections.count) sections)")
        }
        let names = try contents(of: sections[Int(table.link)], in: reader, what: "the symbol name table")
        var result: [Symbol] = []
        result.reserveCapacity(entries.count / 16)
        var base = entries.lowerBound
        while base + 16 <= entries.upperBound {
            let info = reader.bytes[base + 12]
            result.append(Symbol(name: string(at: reader.u32(base)!, in: names, reader: reader), value: reader.u32(base + 4)!,
                                 size: reader.u32(base + 8)!, type: info & 0xF, binding: info >> 4, sectionIndex: reader.u16(base + 14)!))
            base += 16
        }
        return result
    }
}

/// What is wrong with an ELF file, without the file's name.
struct ELFFormatError: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Little-endian reads that return nil past the end instead of trapping.
struct ByteReader {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var count: Int { bytes.count }

    func u8(_ offset: Int) -> UInt8? {
        offset >= 0 && offset < bytes.count ? bytes[offset] : nil
    }

    func u16(_ offset: Int) -> UInt16? {
        guard offset >= 0, offset <= bytes.count - 2 else { return nil }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    func u32(_ offset: Int) -> UInt32? {
        guard offset >= 0, offset <= bytes.count - 4 else { return nil }
        return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }
}
