/// The attributes of one device property element (`<processor>`, `<memory>`,
/// `<debug>`…) as written, with the line it came from.
///
/// Properties keep every attribute, typed accessors read the ones the
/// specification defines, and inheritance merges attributes (a lower level
/// overrides what it redefines and inherits the rest).
public protocol DeviceProperty: Sendable {
    var attributes: [String: String] { get set }
    var line: Int { get }
    init(attributes: [String: String], line: Int)
    /// This property with the parent's attributes filled in where this one has none.
    func inheriting(from parent: Self) -> Self
}

extension DeviceProperty {
    public subscript(_ name: String) -> String? { attributes[name] }

    public func inheriting(from parent: Self) -> Self {
        var merged = parent.attributes
        for (key, value) in attributes { merged[key] = value }
        return Self(attributes: merged, line: line)
    }

    init(_ element: XMLElement) {
        var attributes: [String: String] = [:]
        attributes.reserveCapacity(element.attributes.count)
        for attribute in element.attributes {
            attributes[attribute.name] = SchemaToken.attributes.contains(attribute.name) ? SchemaToken.collapse(attribute.value) : attribute.value
        }
        self.init(attributes: attributes, line: element.line)
    }

}

/// `<processor>`: one core, or several identical ones (`Punits`).
public struct Processor: DeviceProperty, Hashable {
    public var attributes: [String: String]
    public let line: Int
    public init(attributes: [String: String], line: Int) { self.attributes = attributes; self.line = line }

    public var name: String? { attributes["Pname"] }
    public var core: String? { attributes["Dcore"] }
    public var coreVersion: String? { attributes["DcoreVersion"] }
    public var fpu: String? { attributes["Dfpu"] }
    public var mpu: String? { attributes["Dmpu"] }
    public var trustZone: String? { attributes["Dtz"] }
    public var dsp: String? { attributes["Ddsp"] }
    public var mve: String? { attributes["Dmve"] }
    public var endian: String? { attributes["Dendian"] }
    public var clock: UInt64? { SpecNumber.value(attributes["Dclock"]) }
    public var customDatapath: String? { attributes["Dcdecp"] }
    public var pacbti: String? { attributes["Dpacbti"] }
    /// Number of identical cores; 1 when not given.
    public var units: Int { SpecNumber.value(attributes["Punits"]).map { Int(clamping: $0) } ?? 1 }
}

/// `<memory>`: a region, named by `name` (or the deprecated `id`).
public struct Memory: DeviceProperty, Hashable {
    public var attributes: [String: String]
    public let line: Int
    public init(attributes: [String: String], line: Int) { self.attributes = attributes; self.line = line }

    /// `name`, else the deprecated `id` (IROM1, IRAM1…).
    public var name: String? { attributes["name"] ?? attributes["id"] }
    public var id: String? { attributes["id"] }
    /// The key in `index.json`: `id` when present, else `name` (the reference's choice).
    public var indexKey: String? { attributes["id"] ?? attributes["name"] }
    public var start: UInt64? { SpecNumber.value(attributes["start"]) }
    public var size: UInt64? { SpecNumber.value(attributes["size"]) }
    public var isDefault: Bool { SpecBool.parse(attributes["default"]) ?? false }
    public var isStartup: Bool { SpecBool.parse(attributes["startup"]) ?? false }
    public var initialize: Bool { SpecBool.parse(attributes["init"]) ?? false }
    public var uninitialized: Bool { SpecBool.parse(attributes["uninit"]) ?? false }
    public var alias: String? { attributes["alias"] }
    public var processorName: String? { attributes["Pname"] }

    /// The access letters: from `access`, else derived from a deprecated `id`
    /// (`IROM…` read/execute, `IRAM…` read/write), else the schema's default "r".
    public var access: MemoryAccess {
        if let text = attributes["access"] { return MemoryAccess(text) }
        let id = attributes["id"] ?? ""
        if id.contains("ROM") { return MemoryAccess("rx") }
        if id.contains("RAM") { return MemoryAccess("rw") }
        return MemoryAccess("r")
    }
}

/// The `access` letters of a memory region: r w x p s n c.
public struct MemoryAccess: Sendable, Hashable {
    public var read = false
    public var write = false
    public var execute = false
    public var peripheral = false
    public var secure = false
    public var nonSecure = false
    public var nonSecureCallable = false

    public init(_ letters: String) {
        for letter in letters {
            switch letter {
            case "r": read = true
            case "w": write = true
            case "x": execute = true
            case "p": peripheral = true
            case "s": secure = true
            case "n": nonSecure = true
            case "c": nonSecureCallable = true
            default: continue
            }
        }
    }
}

/// `<algorithm>`: a flash programming algorithm and the range it programs.
public struct Algorithm: DeviceProperty, Hashable {
    public var attributes: [String: String]
    public let line: Int
    public init(attributes: [String: String], line: Int) { self.attributes = attributes; self.line = line }

    /// Path inside the pack, with '/' separators.
    public var fileName: String? { attributes["name"].map { $0.replacingOccurrences(of: "\\", with: "/") } }
    public var start: UInt64? { SpecNumber.value(attributes["start"]) }
    public var size: UInt64? { SpecNumber.value(attributes["size"]) }
    public var ramStart: UInt64? { SpecNumber.value(attributes["RAMstart"]) }
    public var ramSize: UInt64? { SpecNumber.value(attributes["RAMsize"]) }
    public var isDefault: Bool { SpecBool.parse(attributes["default"]) ?? false }
    /// Keil, IAR or CMSIS; Keil when not given (the schema's default).
    public var style: String { attributes["style"] ?? "Keil" }
    public var processorName: String? { attributes["Pname"] }
}

/// `<debug>`: per-core debug settings (SVD, access port, reset sequence).
public struct Debug: DeviceProperty, Hashable {
    public var attributes: [String: String]
    public let line: Int
    /// `<datapatch>` children: values the debugger writes to fix up registers.
    public var dataPatches: [AttributeElement] = []
    public init(attributes: [String: String], line: Int) { self.attributes = attributes; self.line = line }

    public func inheriting(from parent: Debug) -> Debug {
        var merged = parent.attributes
        for (key, value) in attributes { merged[key] = value }
        var result = Debug(attributes: merged, line: line)
        result.dataPatches = dataPatches.isEmpty ? parent.dataPatches : dataPatches
        return result
    }

    public var processorName: String? { attributes["Pname"] }
    public var unit: Int? { SpecNumber.value(attributes["Punit"]).map { Int(clamping: $0) } }
    /// As written (the reference keeps backslashes here, unlike algorithm names).
    public var svd: String? { attributes["svd"] }
    public var debugPort: UInt64? { SpecNumber.value(attributes["__dp"]) }
    public var accessPortIndex: UInt64? { SpecNumber.value(attributes["__ap"]) }
    public var accessPortID: UInt64? { SpecNumber.value(attributes["__apid"]) }
    /// Base address of the core's debug registers.
    public var address: UInt64? { SpecNumber.value(attributes["address"]) }
    public var defaultResetSequence: String? { attributes["defaultResetSequence"] }
}

/// `<accessportV1>`: an access port addressed by its index on a debug port (ADIv5).
public struct AccessPortV1: DeviceProperty, Hashable {
    public var attributes: [String: String]
    public let line: Int
    public init(attributes: [String: String], line: Int) { self.attributes = attributes; self.line = line }

    public var id: UInt64? { SpecNumber.value(attributes["__apid"]) }
    public var debugPort: UInt64? { SpecNumber.value(attributes["__dp"]) }
    public var index: UInt64? { SpecNumber.value(attributes["index"]) }
}

/// `<accessportV2>`: an access port addressed by its base address (ADIv6).
public struct AccessPortV2: DeviceProperty, Hashable {
    public var attributes: [String: String]
    public let line: Int
    public init(attributes: [String: String], line: Int) { self.attributes = attributes; self.line = line }

    public var id: UInt64? { SpecNumber.value(attributes["__apid"]) }
    public var debugPort: UInt64? { SpecNumber.value(attributes["__dp"]) }
    public var address: UInt64? { SpecNumber.value(attributes["address"]) }
    public var parent: UInt64? { SpecNumber.value(attributes["parent"]) }
}

/// `<compile>`: header and defines for the build, per core.
public struct Compile: DeviceProperty, Hashable {
    public var attributes: [String: String]
    public let line: Int
    public init(attributes: [String: String], line: Int) { self.attributes = attributes; self.line = line }

    public var header: String? { attributes["header"] }
    public var define: String? { attributes["define"] }
    public var processorName: String? { attributes["Pname"] }
}

/// `<debugconfig>`: default debug connection settings.
public struct DebugConfig: DeviceProperty, Hashable {
    public var attributes: [String: String]
    public let line: Int
    public init(attributes: [String: String], line: Int) { self.attributes = attributes; self.line = line }

    public var defaultProtocol: String? { attributes["default"] }
    public var clock: UInt64? { SpecNumber.value(attributes["clock"]) }
    public var swj: Bool? { SpecBool.parse(attributes["swj"]) }
}

/// `<feature>` of a device, board or part.
public struct Feature: DeviceProperty, Hashable {
    public var attributes: [String: String]
    public let line: Int
    public init(attributes: [String: String], line: Int) { self.attributes = attributes; self.line = line }

    public var type: String? { attributes["type"] }
    public var n: String? { attributes["n"] }
    public var m: String? { attributes["m"] }
    public var name: String? { attributes["name"] }
}

/// `<book>`: a document (file in the pack or web link).
public struct Book: DeviceProperty, Hashable {
    public var attributes: [String: String]
    public let line: Int
    public init(attributes: [String: String], line: Int) { self.attributes = attributes; self.line = line }

    public var name: String? { attributes["name"] }
    public var title: String? { attributes["title"] }
    public var category: String? { attributes["category"] }
}
