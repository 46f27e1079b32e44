/// One device in `index.json`, in exactly the shape the reference
/// (cmsis-pack-manager 0.6.0) writes and pyOCD reads.
public struct DeviceIndexEntry: Sendable, Equatable {
    public var name: String
    /// Memory regions by name.
    public var memories: [String: IndexMemory]
    public var algorithms: [IndexAlgorithm]
    /// One entry per core (per unit of a multi-unit processor).
    public var processors: [IndexProcessor]
    public var fromPack: FromPack
    /// `Dvendor` as written, e.g. "STMicroelectronics:13".
    public var vendor: String
    public var family: String
    public var subFamily: String?
}

public struct IndexMemory: Sendable, Equatable {
    public var access: MemoryAccess
    public var isDefault: Bool
    public var processorName: String?
    public var size: UInt64
    public var start: UInt64
    public var startup: Bool
}

public struct IndexAlgorithm: Sendable, Equatable {
    public var isDefault: Bool
    public var fileName: String
    public var ramSize: UInt64?
    public var ramStart: UInt64?
    public var size: UInt64
    public var start: UInt64
    public var style: String
}

public struct IndexProcessor: Sendable, Equatable {
    /// How the core's access port is found: by index (ADIv5) or address (ADIv6).
    public enum AccessPortLocation: Sendable, Equatable {
        case index(UInt64)
        case address(UInt64)
    }

    public var address: UInt64?
    public var accessPort: AccessPortLocation
    /// The reference's spelling: "CortexM4", "CortexM0Plus", "StarMC1"…
    public var core: String
    public var defaultResetSequence: String?
    public var debugPort: UInt64
    /// "None", "SinglePrecision" or "DoublePrecision".
    public var fpu: String
    /// "Present" or "NotPresent".
    public var mpu: String
    public var name: String?
    public var svd: String?
    public var unit: Int
}

/// The pack a device entry came from.
public struct FromPack: Sendable, Hashable {
    public var pack: String
    public var url: String
    public var vendor: String
    public var version: String

    public init(pack: String, url: String, vendor: String, version: String) {
        self.pack = pack
        self.url = url
        self.vendor = vendor
        self.version = version
    }
}

/// One board in `aliases.json`.
public struct BoardAlias: Sendable, Equatable {
    public var name: String
    public var mountedDevices: [String]
}
