import CMSISPack
/// What a set of packs provides to the checks that look beyond one pack
/// (packchk's `-i`): devices, boards, the boards examples run on,
/// components, APIs and the packs themselves.
///
/// ```swift
/// var catalog = PackCatalog()
/// catalog.add(dfp)                       // a PackDescription given with -i
/// catalog.add(packUnderTest)
/// catalog.devices(named: "STM32F4*")     // the devices a pattern names
/// ```
public struct PackCatalog: Sendable {
    public struct Device: Sendable {
        public let name: String
        /// Dvendor as written ("STMicroelectronics:13").
        public let vendor: String
        /// A `<device>` with variants, which a board should not name.
        public let hasVariants: Bool
        public let pack: String
    }

    public struct Board: Sendable, Hashable {
        public let name: String
        public let vendor: String
    }

    public struct Pack: Sendable {
        public let vendor: String
        public let name: String
        public let version: String
    }

    public private(set) var devices: [Device] = []
    /// For lookups: device indexes by exact name, lower-cased names and vendor names.
    private var byName: [String: [Int]] = [:]
    private var loweredNames: [[Character]] = []
    private var loweredVendors: [String] = []
    public private(set) var boards: Set<Board> = []
    /// The boards some example runs on.
    public private(set) var exampleBoards: Set<Board> = []
    public private(set) var components: [Component] = []
    public private(set) var apis: [API] = []
    public private(set) var packs: [Pack] = []

    public init() {}

    private mutating func append(_ device: Device) {
        byName[device.name, default: []].append(devices.count)
        devices.append(device)
        loweredNames.append(Array(device.name.lowercased()))
        loweredVendors.append(Self.vendorName(device.vendor).lowercased())
    }

    public mutating func add(_ pack: PackDescription) {
        let packName = "\(pack.vendor).\(pack.name)"
        packs.append(Pack(vendor: pack.vendor, name: pack.name, version: pack.latestRelease?.version ?? ""))
        for family in pack.devices {
            let all = family.devices.map { ($0, family.vendor) }
                + family.subFamilies.flatMap { sub in sub.devices.map { ($0, sub.vendor ?? family.vendor) } }
            for (device, vendor) in all {
                let deviceVendor = device.vendor ?? vendor
                append(Device(name: device.name, vendor: deviceVendor, hasVariants: !device.variants.isEmpty, pack: packName))
                for variant in device.variants {
                    append(Device(name: variant.name, vendor: variant.vendor ?? deviceVendor, hasVariants: false, pack: packName))
                }
            }
        }
        for board in pack.boards { boards.insert(Board(name: board.name, vendor: board.vendor)) }
        for example in pack.examples?.items ?? [] {
            for board in example.boards {
                exampleBoards.insert(Board(name: board.attributes["name"] ?? "", vendor: board.attributes["vendor"] ?? ""))
            }
        }
        components += pack.allComponents
        apis += pack.apis?.items ?? []
    }

    /// The devices and variants `name` names (a pattern with `*`, `?` and
    /// `[…]` allowed), of `vendor` when given (the ":nn" suffix is ignored).
    public func devices(named name: String, vendor: String? = nil) -> [Device] {
        let wantedVendor = vendor.map(Self.vendorName)?.lowercased() ?? ""
        let candidates: [Int]
        if WildcardPattern.isPattern(name) {
            let pattern = WildcardPattern(name)
            candidates = loweredNames.indices.filter { pattern.matches(lowered: loweredNames[$0]) }
        } else {
            candidates = byName[name] ?? []
        }
        return candidates.filter { wantedVendor.isEmpty || loweredVendors[$0] == wantedVendor }.map { devices[$0] }
    }

    /// "STMicroelectronics:13" → "STMicroelectronics".
    static func vendorName(_ vendor: String) -> String {
        String(vendor.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}

/// A pack description given with `-i` that cannot be read.
public struct ReferencePackError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}

extension PackCatalog {
    /// Reads the descriptions given with `-i`.
    public static func reading(_ paths: [String]) throws(ReferencePackError) -> PackCatalog {
        var catalog = PackCatalog()
        for path in paths {
            catalog.add(try readDescription(path))
        }
        return catalog
    }

    static func readDescription(_ path: String) throws(ReferencePackError) -> PackDescription {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path)
        } catch {
            throw ReferencePackError(path: path, reason: error.description)
        }
        do {
            let root = try XMLDocumentReader.parse(bytes, name: path)
            var decoder = PackDescriptionDecoder(source: path)
            return try decoder.decode(root, source: path)
        } catch let error as XMLParseError {
            throw ReferencePackError(path: path, reason: "line \(error.line): \(error.reason)")
        } catch let error as PackDescriptionError {
            throw ReferencePackError(path: path, reason: error.reason)
        } catch {
            throw ReferencePackError(path: path, reason: "\(error)")
        }
    }
}
