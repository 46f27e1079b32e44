import CMSISPack
import Foundation

/// A probe-rs target description (`ChipFamily` of the probe-rs-target crate):
/// what `probe-rs … --chip-description-path FILE.yaml` reads. One family,
/// its variants (cores with their access ports, memory map, the names of
/// their flash algorithms) and the algorithms themselves (the image in
/// base64, entry-point offsets, data section offset, flash properties).
///
/// Built from a pack as probe-rs's own `target-gen` builds it, with the
/// algorithms read by `FlashAlgorithm` (see `ProbeRSTarget+Building`).
///
/// ```swift
/// let built = ProbeRSTarget.build(pack.parsed(devices: pack.devices), devices: pack.devices)
/// print(built.target.yaml)
/// ```
public struct ProbeRSTarget: Sendable, Equatable {
    public var name: String
    /// The release of the pack it was made from.
    public var packFileRelease: String?
    public var variants: [Chip]
    public var flashAlgorithms: [RawFlashAlgorithm]

    /// `Chip`: one device.
    public struct Chip: Sendable, Equatable {
        public var name: String
        public var cores: [Core]
        public var memoryMap: [MemoryRegion]
        /// Names of entries of the family's `flashAlgorithms`.
        public var flashAlgorithms: [String]
    }

    /// `Core`: an Arm core and the access port that reaches it.
    public struct Core: Sendable, Equatable {
        public var name: String
        /// `CoreType` in snake case: armv6m, armv7m, armv7em, armv8m, armv7a, armv7r.
        public var type: String
        public var accessPort: AccessPort
        /// Base address of the core's debug registers (required for Cortex-A and -R).
        public var debugBase: UInt64?
    }

    /// `ApAddress`: an index on the debug port (ADIv5) or an address (ADIv6).
    public enum AccessPort: Sendable, Equatable {
        case v1(UInt8)
        case v2(UInt64)
    }

    /// `MemoryRegion`: `!Ram`, `!Nvm` or `!Generic`.
    public struct MemoryRegion: Sendable, Equatable {
        public enum Kind: String, Sendable { case ram = "Ram", nvm = "Nvm", generic = "Generic" }
        public var kind: Kind
        public var name: String?
        public var range: Range<UInt64>
        public var cores: [String]
        public var access: Access
    }

    /// `MemoryAccess`; probe-rs's default is read, write and execute, not boot.
    public struct Access: Sendable, Equatable {
        public var read = true
        public var write = true
        public var execute = true
        public var boot = false
        public var isDefault: Bool { self == Access() }
    }

    /// `RawFlashAlgorithm`: a position-independent flash algorithm.
    public struct RawFlashAlgorithm: Sendable, Equatable {
        public var name: String
        public var description: String
        public var isDefault: Bool
        public var instructions: [UInt8]
        /// RAM address of the code (after the header probe-rs puts before it), when the pack fixes one.
        public var loadAddress: UInt64?
        public var pcInit: UInt64?
        public var pcUninit: UInt64?
        public var pcProgramPage: UInt64
        public var pcEraseSector: UInt64
        public var pcEraseAll: UInt64?
        public var pcVerify: UInt64?
        public var pcBlankCheck: UInt64?
        public var dataSectionOffset: UInt64
        public var flashProperties: FlashProperties
        /// The cores that may use it; empty for all.
        public var cores: [String]
    }

    /// `FlashProperties`.
    public struct FlashProperties: Sendable, Equatable {
        public var addressRange: Range<UInt64>
        public var pageSize: UInt32
        public var erasedByteValue: UInt8
        public var programPageTimeout: UInt32
        public var eraseSectorTimeout: UInt32
        /// (size, address relative to the start of the range).
        public var sectors: [(size: UInt64, address: UInt64)]

        public static func == (a: FlashProperties, b: FlashProperties) -> Bool {
            a.addressRange == b.addressRange && a.pageSize == b.pageSize && a.erasedByteValue == b.erasedByteValue
                && a.programPageTimeout == b.programPageTimeout && a.eraseSectorTimeout == b.eraseSectorTimeout
                && a.sectors.elementsEqual(b.sectors) { $0.size == $1.size && $0.address == $1.address }
        }
    }
}
