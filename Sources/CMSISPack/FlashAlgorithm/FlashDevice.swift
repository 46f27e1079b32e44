/// The `FlashDevice` structure every CMSIS flash algorithm exports (Keil's
/// `FlashOS.h`): what the algorithm programs and how.
///
/// In the file it is 160 bytes, little-endian, followed by the sector table:
/// pairs of (sector size, offset from `start`), ended by two 0xFFFFFFFF words.
public struct FlashDevice: Sendable, Equatable {
    /// `Vers`: the driver version the algorithm was written for.
    public var version: UInt16
    /// `DevName`, up to its first NUL, as written (trailing spaces kept).
    public var name: String
    /// `DevType`: 1 on-chip flash, 2–4 external 8/16/32-bit, 5 external SPI.
    public var type: UInt16
    /// `DevAdr`: where the programmed range starts.
    public var start: UInt32
    /// `szDev`: how many bytes it covers.
    public var size: UInt32
    /// `szPage`: the most `ProgramPage` writes at once.
    public var pageSize: UInt32
    /// `valEmpty`: the value of an erased byte.
    public var erasedValue: UInt8
    /// `toProg`: time-out of one `ProgramPage`, in milliseconds.
    public var programTimeout: UInt32
    /// `toErase`: time-out of one `EraseSector`, in milliseconds.
    public var eraseTimeout: UInt32
    /// The sector table as written: each entry starts a run of sectors of one size.
    public var sectors: [Sector]

    public struct Sector: Sendable, Equatable {
        /// Offset from `start` of the first sector of this size.
        public var offset: UInt32
        public var size: UInt32

        public init(offset: UInt32, size: UInt32) {
            self.offset = offset
            self.size = size
        }
    }

    /// A run of sectors of one size, as addresses: [start, end).
    public struct SectorRange: Sendable, Equatable {
        public var start: UInt64
        public var end: UInt64
        public var sectorSize: UInt32
        public var count: UInt64 { sectorSize == 0 ? 0 : (end - start) / UInt64(sectorSize) }
    }

    /// The end of the programmed range (one past its last byte).
    public var end: UInt64 { UInt64(start) + UInt64(size) }

    /// Each run of equal sectors with its address range: from its offset to
    /// the next run's (the last to the end of the device). Runs that are
    /// empty or out of order are left out, as pyOCD leaves them out.
    public var sectorRanges: [SectorRange] {
        var ranges: [SectorRange] = []
        for (index, sector) in sectors.enumerated() {
            let first = UInt64(start) + UInt64(sector.offset)
            let last = index + 1 < sectors.count ? UInt64(start) + UInt64(sectors[index + 1].offset) : end
            guard last > first else { continue }
            ranges.append(SectorRange(start: first, end: last, sectorSize: sector.size))
        }
        return ranges
    }

    /// Bytes of the structure before the sector table.
    static let headerSize = 160
    /// `SECTOR_NUM` of FlashOS.h: the table's capacity.
    static let maximumSectors = 512
    static let sectorEnd: UInt32 = 0xFFFF_FFFF

    /// Reads the structure and its sector table at `address`; `reason` says what is missing.
    static func read(at address: UInt32, from elf: ELFFile) throws(ELFFormatError) -> FlashDevice {
        guard let header = elf.read(address: address, size: headerSize) else {
            throw ELFFormatError("the FlashDevice structure at 0x\(String(address, radix: 16)) is not inside the file's loaded data (160 bytes needed)")
        }
        let reader = ByteReader(Array(header))
        let nameBytes = Array(header.dropFirst(2).prefix(128))
        let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
        var device = FlashDevice(
            version: reader.u16(0)!, name: name, type: reader.u16(130)!, start: reader.u32(132)!, size: reader.u32(136)!,
            pageSize: reader.u32(140)!, erasedValue: reader.u8(148)!, programTimeout: reader.u32(152)!,
            eraseTimeout: reader.u32(156)!, sectors: [])
        var next = UInt64(address) + UInt64(headerSize)
        while true {
            guard next <= UInt64(UInt32.max) - 7, let entry = elf.read(address: UInt32(next), size: 8) else {
                throw ELFFormatError("the sector table of FlashDevice runs off the loaded data after \(device.sectors.count) entries, without its end marker (0xFFFFFFFF, 0xFFFFFFFF)")
            }
            let words = ByteReader(Array(entry))
            let (size, offset) = (words.u32(0)!, words.u32(4)!)
            if size == sectorEnd && offset == sectorEnd { break }
            guard device.sectors.count < maximumSectors else {
                throw ELFFormatError("the sector table of FlashDevice has more than \(maximumSectors) entries (FlashOS.h's SECTOR_NUM) and no end marker")
            }
            device.sectors.append(Sector(offset: offset, size: size))
            next += 8
        }
        return device
    }
}
