/// A CMSIS flash algorithm (`.FLM`) as a debugger uses it: what it programs
/// (`device`), and one position-independent image to copy into RAM with the
/// offsets of its entry points and of its data.
///
/// The image is laid out as the linker laid out the file, from address 0:
/// `PrgCode` (the code, at 0), `PrgData` (initialised data) and the
/// zero-initialised part of `PrgData`, which the image holds as zeros. A
/// debugger copies it to RAM at some address A, points the static base
/// register (r9) at A + `staticBase`, and calls A + an entry point's offset
/// (odd: Thumb code) with the return address on a breakpoint.
///
/// ```swift
/// let algorithm = try FlashAlgorithm.read(bytes: flm, source: "pack!/Flash/GD32F10x_MD.FLM")
/// print(algorithm.device.name, algorithm.device.pageSize, algorithm.entryPoints[.programPage]!)
/// ```
public struct FlashAlgorithm: Sendable, Equatable {
    /// The file it was read from (a path, or `pack!/member`).
    public var source: String
    public var device: FlashDevice
    /// Offsets of the functions the file defines, from the image's start
    /// (with bit 0 set: Thumb code). The four the specification requires are
    /// always there except `Init` and `UnInit`, which some files leave out.
    public var entryPoints: [Function: UInt32]
    /// Code, data and zero-initialised data, as one block from address 0.
    public var image: [UInt8]
    /// Where `PrgCode`, `PrgData` and the zero-initialised data lie in `image`.
    public var code: Range<UInt32>
    public var data: Range<UInt32>
    public var zeroInitialized: Range<UInt32>
    /// Remarks that do not stop a debugger from using it (a missing `Init`…).
    public var warnings: [String]

    /// The functions of a flash algorithm, named as the file's symbols.
    public enum Function: String, Sendable, CaseIterable, Comparable {
        case initialize = "Init"
        case uninitialize = "UnInit"
        case eraseChip = "EraseChip"
        case eraseSector = "EraseSector"
        case programPage = "ProgramPage"
        case verify = "Verify"
        case blankCheck = "BlankCheck"

        /// Those a debugger cannot program flash without.
        public static let required: [Function] = [.eraseSector, .programPage]
        /// Those the CMSIS specification also requires of every algorithm.
        public static let expected: [Function] = [.initialize, .uninitialize]

        public static func < (a: Function, b: Function) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// The offset the static base register gets: where `PrgData` starts.
    public var staticBase: UInt32 { data.lowerBound }

    public init(source: String, device: FlashDevice, entryPoints: [Function: UInt32], image: [UInt8],
                code: Range<UInt32>, data: Range<UInt32>, zeroInitialized: Range<UInt32>, warnings: [String] = []) {
        self.source = source
        self.device = device
        self.entryPoints = entryPoints
        self.image = image
        self.code = code
        self.data = data
        self.zeroInitialized = zeroInitialized
        self.warnings = warnings
    }
}
