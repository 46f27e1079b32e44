import Foundation

extension FlashAlgorithm {
    /// Files larger than this are refused before they are parsed: real ones
    /// are 10–200 KB, debug information included.
    public static let maximumFileSize = 16 << 20
    /// The most RAM an image may span (code, data and zero-initialised data):
    /// a section placed far away must not make us allocate gigabytes.
    public static let maximumImageSize: UInt32 = 2 << 20

    /// Reads a `.FLM` file: a 32-bit little-endian Arm ELF file with sections
    /// `PrgCode` (at address 0) and optionally `PrgData` (data, and its
    /// zero-initialised part), a `FlashDevice` symbol and the entry points.
    ///
    /// Every problem is a `FlashAlgorithmError` naming `source`: not ELF, not
    /// Arm Thumb, truncated, a section or structure outside the file, an
    /// image that would not fit a microcontroller's RAM, too large a file.
    public static func read(bytes: [UInt8], source: String) throws(FlashAlgorithmError) -> FlashAlgorithm {
        func failure(_ reason: String) -> FlashAlgorithmError { FlashAlgorithmError(source: source, reason: reason) }
        guard bytes.count <= maximumFileSize else {
            throw failure("\(bytes.count) bytes, larger than any flash algorithm (limit \(maximumFileSize >> 20) MiB)")
        }
        do throws(ELFFormatError) {
            let elf = try ELFFile(bytes)
            let layout = try ImageLayout(elf)
            let device = try FlashDevice.read(at: try symbol("FlashDevice", in: elf, what: "FlashDevice structure").value, from: elf)
            var warnings: [String] = []
            var entryPoints: [Function: UInt32] = [:]
            for function in Function.allCases {
                guard let found = preferredSymbol(function.rawValue, in: elf) else {
                    if Function.required.contains(function) {
                        throw ELFFormatError("no \(function.rawValue) function: a debugger cannot program flash without it")
                    }
                    if Function.expected.contains(function) { warnings.append("no \(function.rawValue) function (the CMSIS specification requires one)") }
                    continue
                }
                guard found.value & 1 == 1 else {
                    throw ELFFormatError("\(function.rawValue) at 0x\(String(found.value, radix: 16)) is Arm code, not Thumb code (bit 0 clear); only Thumb flash algorithms are supported")
                }
                guard layout.code.contains(found.value & ~1) else {
                    throw ELFFormatError("\(function.rawValue) at 0x\(String(found.value, radix: 16)) lies outside PrgCode (0x0–0x\(String(layout.code.upperBound, radix: 16)))")
                }
                entryPoints[function] = found.value
            }
            warnings += deviceWarnings(device)
            return FlashAlgorithm(source: source, device: device, entryPoints: entryPoints, image: try layout.image(from: elf),
                                  code: layout.code, data: layout.data, zeroInitialized: layout.zeroInitialized, warnings: warnings)
        } catch {
            throw failure(error.reason)
        }
    }

    /// Reads a `.FLM` file from disk; its size is checked before it is read.
    public static func read(path: String) throws(FlashAlgorithmError) -> FlashAlgorithm {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw FlashAlgorithmError(source: path, reason: String(cString: strerror(errno)))
        }
        guard info.st_size <= maximumFileSize else {
            throw FlashAlgorithmError(source: path, reason: "\(info.st_size) bytes, larger than any flash algorithm (limit \(maximumFileSize >> 20) MiB)")
        }
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path) } catch { throw FlashAlgorithmError(source: path, reason: "cannot \(error.operation): \(error.detail ?? String(cString: strerror(error.code)))") }
        return try read(bytes: bytes, source: path)
    }

    /// The algorithm file `member` of a pack archive, refused before it is
    /// inflated when the archive says it is too large.
    public static func read(member: String, of archive: PackArchive) throws(FlashAlgorithmError) -> FlashAlgorithm {
        let source = "\(archive.path)!/\(member)"
        let bytes: [UInt8]
        do { bytes = try archive.read(member: member, limit: UInt64(maximumFileSize)) } catch {
            throw FlashAlgorithmError(source: source, reason: error.reason)
        }
        return try read(bytes: bytes, source: source)
    }

    /// The symbol `name` among functions and objects (the kinds pyOCD looks
    /// at), a global one before a local one of the same name.
    static func preferredSymbol(_ name: String, in elf: ELFFile) -> ELFFile.Symbol? {
        let candidates = elf.symbols.filter {
            $0.name == name && $0.sectionIndex != 0 && ($0.type == ELFFile.symbolFunction || $0.type == ELFFile.symbolObject)
        }
        return candidates.last { $0.binding != 0 } ?? candidates.last
    }

    private static func symbol(_ name: String, in elf: ELFFile, what: String) throws(ELFFormatError) -> ELFFile.Symbol {
        guard let found = preferredSymbol(name, in: elf) else { throw ELFFormatError("no \(name) symbol: the file does not describe its \(what)") }
        return found
    }

    private static func deviceWarnings(_ device: FlashDevice) -> [String] {
        var warnings: [String] = []
        if device.size == 0 { warnings.append("FlashDevice covers 0 bytes") }
        if device.pageSize == 0 { warnings.append("FlashDevice has a page size of 0") }
        if device.sectors.isEmpty { warnings.append("FlashDevice lists no sectors") }
        if device.sectors.contains(where: { $0.size == 0 }) { warnings.append("FlashDevice lists a sector size of 0") }
        if device.end > 1 << 32 { warnings.append("FlashDevice's range ends past the 32-bit address space") }
        return warnings
    }
}

/// Where `PrgCode`, `PrgData` and its zero-initialised part lie, checked.
private struct ImageLayout {
    let code: Range<UInt32>
    let data: Range<UInt32>
    let zeroInitialized: Range<UInt32>
    let codeSection: ELFFile.Section
    let dataSection: ELFFile.Section?

    init(_ elf: ELFFile) throws(ELFFormatError) {
        func one(_ name: String, _ type: UInt32) throws(ELFFormatError) -> ELFFile.Section? {
            let found = elf.sections.filter { $0.name == name && $0.type == type }
            guard found.count <= 1 else { throw ELFFormatError("\(found.count) \(name) sections of one kind; a flash algorithm has one") }
            return found.first
        }
        guard let codeSection = try one("PrgCode", ELFFile.sectionProgBits) else {
            throw ELFFormatError("no PrgCode section: not a CMSIS flash algorithm")
        }
        guard codeSection.address == 0 else {
            throw ELFFormatError("PrgCode starts at 0x\(String(codeSection.address, radix: 16)), not 0: the code is not position-independent")
        }
        let dataSection = try one("PrgData", ELFFile.sectionProgBits)
        let zeroSection = try one("PrgData", ELFFile.sectionNoBits)
        code = try Self.range(codeSection)
        data = try dataSection.map(Self.range) ?? code.upperBound..<code.upperBound
        zeroInitialized = try zeroSection.map(Self.range) ?? data.upperBound..<data.upperBound
        for (first, second, a, b) in [("PrgCode", "PrgData", code, data), ("PrgCode", "zero-initialised PrgData", code, zeroInitialized),
                                      ("PrgData", "zero-initialised PrgData", data, zeroInitialized)] where a.overlaps(b) {
            throw ELFFormatError("\(first) (0x\(String(a.lowerBound, radix: 16))–0x\(String(a.upperBound, radix: 16))) and \(second) (0x\(String(b.lowerBound, radix: 16))–0x\(String(b.upperBound, radix: 16))) overlap")
        }
        let end = max(code.upperBound, data.upperBound, zeroInitialized.upperBound)
        guard end <= FlashAlgorithm.maximumImageSize else {
            throw ELFFormatError("its code and data span 0x\(String(end, radix: 16)) bytes of RAM, more than any flash algorithm (limit \(FlashAlgorithm.maximumImageSize >> 20) MiB): a section lies far from PrgCode")
        }
        self.codeSection = codeSection
        self.dataSection = dataSection
    }

    private static func range(_ section: ELFFile.Section) throws(ELFFormatError) -> Range<UInt32> {
        let end = UInt64(section.address) + UInt64(section.size)
        guard end <= UInt64(UInt32.max) else {
            throw ELFFormatError("section \(section.name) at 0x\(String(section.address, radix: 16)) (\(section.size) bytes) runs past the 32-bit address space")
        }
        return section.address..<UInt32(end)
    }

    /// The image: zeros, with the code and data copied in at their addresses.
    func image(from elf: ELFFile) throws(ELFFormatError) -> [UInt8] {
        var image = [UInt8](repeating: 0, count: Int(max(code.upperBound, data.upperBound, zeroInitialized.upperBound)))
        for (section, range) in [(codeSection, code)] + (dataSection.map { [($0, data)] } ?? []) {
            let bytes = try elf.contents(of: section)
            image.replaceSubrange(Int(range.lowerBound)..<Int(range.upperBound), with: elf.bytes[bytes])
        }
        return image
    }
}
