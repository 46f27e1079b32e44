@testable import CMSISPack
import Foundation
import Testing
import TestSupport

@Suite struct FlashAlgorithmReaderTests {
    static let source = "test.FLM"

    @Test func readsEveryPartOfAWellFormedAlgorithm() throws {
        let algorithm = try FlashAlgorithm.read(bytes: FLMBuilder().build(), source: Self.source)
        #expect(algorithm.source == Self.source)
        let device = algorithm.device
        #expect(device.name == "Test Flash 64K")
        #expect(device.version == 0x101 && device.type == 1)
        #expect(device.start == 0x0800_0000 && device.size == 0x10000 && device.pageSize == 0x400)
        #expect(device.erasedValue == 0xFF && device.programTimeout == 100 && device.eraseTimeout == 3000)
        #expect(device.sectors == [.init(offset: 0, size: 0x400), .init(offset: 0x8000, size: 0x1000)])
        #expect(device.sectorRanges.map { [$0.start, $0.end, UInt64($0.sectorSize), $0.count] }
            == [[0x0800_0000, 0x0800_8000, 0x400, 32], [0x0800_8000, 0x0801_0000, 0x1000, 8]])
        #expect(algorithm.entryPoints == [.initialize: 1, .uninitialize: 9, .eraseChip: 0x11, .eraseSector: 0x19,
                                          .programPage: 0x21, .verify: 0x31])
        #expect(algorithm.code == 0..<0x40 && algorithm.data == 0x40..<0x48 && algorithm.zeroInitialized == 0x48..<0x68)
        #expect(algorithm.staticBase == 0x40)
        // Code, then data, then the zero-initialised part as zeros.
        #expect(algorithm.image.count == 0x68)
        #expect(Array(algorithm.image[0..<0x40]) == (0..<0x40).map { UInt8($0) })
        #expect(Array(algorithm.image[0x40..<0x48]) == [0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7])
        #expect(algorithm.image[0x48...].allSatisfy { $0 == 0 })
        #expect(algorithm.warnings.isEmpty)
    }

    @Test func withoutDataSectionsTheDataStartsAfterTheCode() throws {
        var builder = FLMBuilder()
        builder.sections[1].name = "Other"
        builder.sections[2].name = "Other"
        let algorithm = try FlashAlgorithm.read(bytes: builder.build(), source: Self.source)
        #expect(algorithm.data == 0x40..<0x40 && algorithm.zeroInitialized == 0x40..<0x40)
        #expect(algorithm.image.count == 0x40)
    }

    /// Debuggers read FlashDevice through the load segments; a file without
    /// them is read through its allocated sections, never its debug sections.
    @Test func withoutSegmentsFlashDeviceIsReadFromItsSection() throws {
        var builder = FLMBuilder()
        builder.segments = []
        #expect(try FlashAlgorithm.read(bytes: builder.build(), source: Self.source).device.name == "Test Flash 64K")
        builder.sections[3].flags = 0  // DevDscr as if it were debug information
        try expectFailure(builder.build(), "FlashDevice structure at 0x48 is not inside the file's loaded data")
    }

    @Test func theNameEndsAtItsFirstNul() throws {
        var builder = FLMBuilder()
        var device = FLMBuilder.flashDevice(name: "Flash", start: 0, size: 0x1000, pageSize: 0x100, sectors: [(0x100, 0)])
        device.replaceSubrange(8..<12, with: Array("XYZW".utf8))  // bytes after the NUL that ends "Flash"
        builder.sections[3].data = device
        #expect(try FlashAlgorithm.read(bytes: builder.build(), source: Self.source).device.name == "Flash")
    }

    @Test func aMissingInitIsAWarningAndAMissingProgramPageAnError() throws {
        var builder = FLMBuilder()
        builder.symbols.removeAll { $0.name == "Init" }
        let algorithm = try FlashAlgorithm.read(bytes: builder.build(), source: Self.source)
        #expect(algorithm.entryPoints[.initialize] == nil)
        #expect(algorithm.warnings == ["no Init function (the CMSIS specification requires one)"])
        builder.symbols.removeAll { $0.name == "ProgramPage" }
        try expectFailure(builder.build(), "no ProgramPage function")
    }

    @Test func aGlobalSymbolWinsOverALocalOneOfTheSameName() throws {
        var builder = FLMBuilder()
        builder.symbols.append(FLMBuilder.Symbol(name: "Init", value: 0x3F, binding: 0))
        #expect(try FlashAlgorithm.read(bytes: builder.build(), source: Self.source).entryPoints[.initialize] == 1)
    }

    // MARK: Hostile files: each gets an error naming the file, never a crash

    @Test func filesThatAreNotArmELFAreRefused() throws {
        try expectFailure([], "not an ELF file")
        try expectFailure(Array("<?xml version=\"1.0\"?><package/>".utf8), "not an ELF file")
        try expectFailure(Array(FLMBuilder().build().prefix(20)), "truncated")
        var bytes = FLMBuilder().build()
        bytes[4] = 2
        try expectFailure(bytes, "64-bit")
        bytes = FLMBuilder().build()
        bytes[5] = 2
        try expectFailure(bytes, "big-endian")
        var builder = FLMBuilder()
        builder.machine = 62  // x86-64
        try expectFailure(builder.build(), "not a Thumb flash algorithm")
    }

    @Test func armStateEntryPointsAreNotThumb() throws {
        var builder = FLMBuilder()
        builder.symbols[4].value = 0x20
        try expectFailure(builder.build(), "ProgramPage at 0x20 is Arm code, not Thumb code")
    }

    @Test func everyTruncationOfAValidFileIsAnError() {
        let bytes = FLMBuilder().build()
        for length in 0..<bytes.count {
            #expect(throws: FlashAlgorithmError.self, "\(length) bytes") {
                try FlashAlgorithm.read(bytes: Array(bytes.prefix(length)), source: Self.source)
            }
        }
    }

    @Test func sectionsOutOfRangeAreRefused() throws {
        var builder = FLMBuilder()
        builder.sections[0].offsetOverride = 0x7FFF_FFF0
        try expectFailure(builder.build(), "section PrgCode (offset 2147483632, 64 bytes) runs past the end of the file")
        builder = FLMBuilder()
        builder.sections[1].address = 0x2000_0000  // PrgData far away: a 512 MiB image
        try expectFailure(builder.build(), "limit 2 MiB")
        builder = FLMBuilder()
        builder.sections[2].size = 0xFFFF_FFF0
        try expectFailure(builder.build(), "runs past the 32-bit address space")
        builder = FLMBuilder()
        builder.sections[1].address = 0x20
        try expectFailure(builder.build(), "PrgCode (0x0–0x40) and PrgData (0x20–0x28) overlap")
        builder = FLMBuilder()
        builder.sections[0].address = 0x100
        try expectFailure(builder.build(), "PrgCode starts at 0x100, not 0")
        builder = FLMBuilder()
        builder.sections[3].name = "PrgCode"
        try expectFailure(builder.build(), "2 PrgCode sections")
        builder = FLMBuilder()
        builder.sections[0].name = "Code"
        try expectFailure(builder.build(), "no PrgCode section")
        builder = FLMBuilder()
        builder.symbols[4].value = 0x81
        try expectFailure(builder.build(), "ProgramPage at 0x81 lies outside PrgCode")
    }

    @Test func aBrokenFlashDeviceIsRefused() throws {
        var builder = FLMBuilder()
        builder.symbols.removeAll { $0.name == "FlashDevice" }
        try expectFailure(builder.build(), "no FlashDevice symbol")
        builder = FLMBuilder()
        builder.symbols[6].value = 0x4000
        try expectFailure(builder.build(), "FlashDevice structure at 0x4000 is not inside the file's loaded data")
        builder = FLMBuilder()
        builder.sections[3].data = FLMBuilder.flashDevice(name: "x", start: 0, size: 0x1000, pageSize: 0x100, sectors: [(0x100, 0)], endMarker: false)
        builder.segments[1].fileSize = UInt32(builder.sections[3].data.count)
        builder.segments[1].memorySize = builder.segments[1].fileSize
        try expectFailure(builder.build(), "without its end marker")
        builder = FLMBuilder()
        let endless = (0..<600).map { (size: UInt32(0x100), offset: UInt32($0) * 0x100) }
        builder.sections[3].data = FLMBuilder.flashDevice(name: "x", start: 0, size: 0x1000, pageSize: 0x100, sectors: endless)
        builder.segments[1].fileSize = UInt32(builder.sections[3].data.count)
        builder.segments[1].memorySize = builder.segments[1].fileSize
        try expectFailure(builder.build(), "more than 512 entries")
    }

    @Test func aHugeFileIsRefusedBeforeItIsRead() throws {
        let folder = Corpus.temporaryDirectory("flm")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/huge.FLM"
        // 100 MB without writing them: a sparse file.
        #expect(FileManager.default.createFile(atPath: path, contents: Data(FLMBuilder().build())))
        #expect(truncate(path, 100_000_000) == 0)
        let error = #expect(throws: FlashAlgorithmError.self) { try FlashAlgorithm.read(path: path) }
        #expect(error?.source == path)
        #expect(error?.reason.contains("100000000 bytes, larger than any flash algorithm") == true)
        let missing = #expect(throws: FlashAlgorithmError.self) { try FlashAlgorithm.read(path: folder + "/none.FLM") }
        #expect(missing?.description == folder + "/none.FLM: No such file or directory")
        #expect(throws: FlashAlgorithmError.self) { try FlashAlgorithm.read(bytes: [UInt8](repeating: 0, count: 17 << 20), source: Self.source) }
    }

    /// Random damage to a valid file: every result is an algorithm or an error.
    @Test func randomlyDamagedFilesNeverCrash() {
        let original = FLMBuilder().build()
        var parsed = 0
        for index in 0..<3000 {
            var random = SplitMix64(seed: 0xF1A5, index: index)
            var bytes = original
            for _ in 0..<(1 + Int(random.next() % 8)) {
                let position = Int(random.next() % UInt64(bytes.count))
                bytes[position] = UInt8(truncatingIfNeeded: random.next())
            }
            if (try? FlashAlgorithm.read(bytes: bytes, source: Self.source)) != nil { parsed += 1 }
        }
        // Most single-byte damage lands in code or data and still parses; some must not.
        #expect(parsed > 100 && parsed < 3000)
    }

    private func expectFailure(_ bytes: [UInt8], _ reason: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let error = #expect(throws: FlashAlgorithmError.self, sourceLocation: sourceLocation) {
            try FlashAlgorithm.read(bytes: bytes, source: Self.source)
        }
        #expect(error?.source == Self.source, sourceLocation: sourceLocation)
        #expect(error?.reason.contains(reason) == true, "\(error?.reason ?? "no error")", sourceLocation: sourceLocation)
    }
}
