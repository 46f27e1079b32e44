/// A flash algorithm placed in a RAM region the way pyOCD places one
/// (`PackFlashAlgo.get_pyocd_flash_algo`), so the result can stand as a
/// `FLASH_ALGO` dictionary of a pyOCD target:
///
///     [<-- stack] [buffer 2] [buffer 1] [header | image]
///     ^ RAM start                                      ^ RAM end
///
/// The image goes at the top of RAM behind a one-word header (`bkpt #0`,
/// then a branch back to it: the return address of every call), one page
/// buffer below it, a second one when the stack keeps at least 512 bytes,
/// and the stack below those down to the start of RAM.
///
/// ```swift
/// let placed = try FlashAlgorithmPlacement(algorithm, ramStart: 0x2000_0000, ramSize: 0x5000)
/// print(placed.loadAddress, placed.entryPoints[.programPage]!, placed.pageBuffers)
/// ```
public struct FlashAlgorithmPlacement: Sendable, Equatable {
    /// `bkpt #0; b .-2`, as one little-endian word.
    public static let header: [UInt32] = [0xE7FD_BE00]
    static let minimumStack: Int64 = 64
    static let minimumStackWithTwoBuffers: Int64 = 512
    static let bufferAlignment: Int64 = 16

    /// Where `instructions` are written.
    public var loadAddress: UInt64
    /// The header, then the image as little-endian words (zero-padded).
    public var instructions: [UInt32]
    /// Addresses to call: after the header, at each entry point's offset.
    public var entryPoints: [FlashAlgorithm.Function: UInt64]
    public var staticBase: UInt64
    /// The initial stack pointer, and the lowest address the stack may reach.
    public var stackTop: UInt64
    public var stackBottom: UInt64
    /// One or two buffers of `bufferSize` bytes for the data of `ProgramPage`.
    public var pageBuffers: [UInt64]
    /// The least `ProgramPage` writes: the algorithm's page size.
    public var minimumProgramLength: UInt32

    /// Places `algorithm` in RAM [ramStart, ramStart + ramSize) with page
    /// buffers of `bufferSize` bytes (the page size when nil), failing as
    /// pyOCD fails when the region is too small.
    public init(_ algorithm: FlashAlgorithm, ramStart: UInt64, ramSize: UInt64, bufferSize: UInt64? = nil) throws(FlashAlgorithmError) {
        func failure(_ reason: String) -> FlashAlgorithmError {
            FlashAlgorithmError(source: algorithm.source, reason: reason + " (RAM 0x\(String(ramStart, radix: 16)), \(ramSize) bytes)")
        }
        guard ramStart <= 1 << 40, ramSize <= 1 << 40 else { throw failure("RAM region out of range") }
        let words = Self.header + Self.littleEndianWords(algorithm.image)
        let block = Int64(bufferSize ?? UInt64(algorithm.device.pageSize))
        let start = Self.alignUp(Int64(ramStart), 4)
        let end = Self.alignDown(Int64(ramStart + ramSize), 4)
        guard end - start > 0 else { throw failure("RAM region is too small for the flash algorithm") }
        let load = end - Int64(words.count) * 4
        let firstBuffer = Self.alignDown(load - block, Self.bufferAlignment)
        guard firstBuffer >= start else { throw failure("not enough RAM for the flash algorithm and one page buffer") }
        let secondBuffer = Self.alignDown(firstBuffer - block, Self.bufferAlignment)
        guard firstBuffer - start >= Self.minimumStack else { throw failure("not enough RAM left for the stack") }
        let twoBuffers = secondBuffer - start >= Self.minimumStackWithTwoBuffers
        let stackTop = twoBuffers ? secondBuffer : firstBuffer
        let codeStart = UInt64(load) + 4
        loadAddress = UInt64(load)
        instructions = words
        entryPoints = algorithm.entryPoints.mapValues { codeStart + UInt64($0) }
        staticBase = codeStart + UInt64(algorithm.staticBase)
        self.stackTop = UInt64(stackTop)
        stackBottom = UInt64(start)
        pageBuffers = twoBuffers ? [UInt64(firstBuffer), UInt64(secondBuffer)] : [UInt64(firstBuffer)]
        minimumProgramLength = algorithm.device.pageSize
    }

    /// Bytes as little-endian words, the last one padded with zeros.
    public static func littleEndianWords(_ bytes: [UInt8]) -> [UInt32] {
        stride(from: 0, to: bytes.count, by: 4).map { index in
            var word: UInt32 = 0
            for shift in 0..<4 where index + shift < bytes.count { word |= UInt32(bytes[index + shift]) << (8 * shift) }
            return word
        }
    }

    /// Python's `value // multiple * multiple`: rounds toward minus infinity.
    static func alignDown(_ value: Int64, _ multiple: Int64) -> Int64 {
        let quotient = value / multiple
        return (value % multiple != 0 && value < 0 ? quotient - 1 : quotient) * multiple
    }

    static func alignUp(_ value: Int64, _ multiple: Int64) -> Int64 { alignDown(value + multiple - 1, multiple) }
}
