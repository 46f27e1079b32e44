import CMSISPack

/// What `algo DEVICE` prints: each flash algorithm the device's pack names
/// for it, as the description declares it and as its `.FLM` file says.
///
/// ```swift
/// let (pack, device) = try OpenedPack.containing(device: "GD32F103C8", in: index, locations: locations)
/// for item in DeviceAlgorithms(device, pack.parsed(devices: [device])).items { print(item.declared.fileName ?? "", item.parsed) }
/// ```
public struct DeviceAlgorithms: Sendable {
    public struct Item: Sendable {
        /// The `<algorithm>` element (file, range, RAM, default).
        public var declared: Algorithm
        public var parsed: Result<FlashAlgorithm, FlashAlgorithmError>

        public var algorithm: FlashAlgorithm? { try? parsed.get() }
    }

    public let device: EffectiveDevice
    /// `Vendor::Name@version` of the pack it was read from.
    public let pack: String
    public let items: [Item]

    public init(_ device: EffectiveDevice, _ parsed: ParsedPack) {
        self.device = device
        pack = parsed.label
        items = device.properties.algorithms.map { declared in
            guard let file = declared.fileName, let result = parsed.algorithms[file] else {
                return Item(declared: declared, parsed: .failure(FlashAlgorithmError(source: parsed.label, reason: "an <algorithm> of \(device.name) names no file")))
            }
            return Item(declared: declared, parsed: result)
        }
    }

    /// The RAM pyOCD would run an algorithm in: the `<algorithm>`'s RAMstart
    /// and RAMsize (or the rest of the RAM region holding RAMstart), else
    /// the first default RAM of the device. Nil when there is none.
    public static func ram(for algorithm: Algorithm, of device: EffectiveDevice) -> (start: UInt64, size: UInt64)? {
        let rams = device.properties.memories.filter { $0.access.write && !$0.access.peripheral }
        if let start = algorithm.ramStart {
            if let size = algorithm.ramSize { return (start, size) }
            guard let region = rams.first(where: { memory in
                guard let from = memory.start, let size = memory.size else { return false }
                return from <= start && start < from + size
            }), let from = region.start, let size = region.size else { return nil }
            return (start, from + size - start)
        }
        guard let region = rams.first(where: \.isDefault), let start = region.start, let size = region.size else { return nil }
        return (start, size)
    }

    public var json: JSONValue {
        .object([
            "device": .string(device.name),
            "pack": .string(pack),
            "algorithms": .array(items.map { item in
                var members: [String: JSONValue] = [
                    "file": .string(item.declared.fileName ?? ""),
                    "default": .bool(item.declared.isDefault),
                    "style": .string(item.declared.style),
                ]
                for (key, value) in [("start", item.declared.start), ("size", item.declared.size), ("ram_start", item.declared.ramStart),
                                     ("ram_size", item.declared.ramSize)] {
                    members[key] = value.map { .number(String($0)) } ?? .null
                }
                members["core"] = item.declared.processorName.map(JSONValue.string) ?? .null
                switch item.parsed {
                case .success(let algorithm): members["parsed"] = algorithm.jsonValue
                case .failure(let error): members["error"] = .string(error.description)
                }
                return .object(members)
            }),
        ])
    }
}
